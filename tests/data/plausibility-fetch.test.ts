/**
 * data fetch against hostile fake publishers (issue 21): a wrong table is refused before the
 * switch, keeps the previous version, and the message names the table, the URL, the row and the
 * rule (since issue 22 the other tables are switched in and the run is partial: the message is
 * logged, not thrown); a full disk while copying into staging leaves no half files and does not
 * suggest -o.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as fsp from 'node:fs/promises';
import { ReportError } from '../../src/util/errors.js';
import { runFetch, stagingDirOf } from '../../src/fetch/run-fetch.js';
import { startFakePublishers, type FakePublishers } from '../helpers/fake-publishers.js';

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  return { ...real, cp: vi.fn(real.cp) };
});

let fake: FakePublishers;
let tmp: string;
let dir: string;
const logs: string[] = [];
// Each case starts without the staging folder of the case before (whose valid tables a rerun would reuse).
const fetchPdok = async () => (await rm(stagingDirOf(dir), { recursive: true, force: true }), runFetch({ dir, only: 'pdok', bases: { pdok: `${fake.url}/pdok`, cbs: `${fake.url}/cbs`, duo: `${fake.url}/duo`, duoFiles: `${fake.url}/duo-files`, locatieserver: `${fake.url}/locatieserver` }, http: { timeoutMs: 20_000, retries: 0, backoffMs: 1 }, log: (l) => logs.push(l) }));

/** A fetch in which `table` failed and the others arrived: the logged message. */
async function refused(table: string): Promise<string> {
  logs.length = 0;
  const r = await fetchPdok();
  expect(r.failed.map((f) => f.table.name)).toEqual([table]);
  expect(r.failed[0].outcome).toBe('kept');
  return logs.join('\n');
}

beforeAll(async () => {
  fake = await startFakePublishers();
  tmp = await mkdtemp(join(tmpdir(), 'contextkaart-plausible-'));
  dir = join(tmp, 'data');
  await fetchPdok();
});
afterAll(async () => {
  await fake?.close();
  await rm(tmp, { recursive: true, force: true });
});

describe('data fetch refuses implausible tables and keeps the previous version', () => {
  it('wijken shifted 30° east after the first feature: refused with the table, URL and rule; the previous wijken stay', async () => {
    const before = await readFile(join(dir, 'geo/wijken_2024_pdok.geojson'), 'utf8');
    fake.options.transform = (path, body, url) => {
      if (!path.includes('/wijkenbuurten/2024/') || url.searchParams.get('typeNames') !== 'wijken') return body;
      const page = JSON.parse(body) as { features: { geometry: { coordinates: unknown } }[] };
      const shift = (c: unknown): unknown => (Array.isArray(c) && typeof c[0] === 'number' ? [c[0] + 30, c[1]] : Array.isArray(c) ? c.map(shift) : c);
      page.features.forEach((f, i) => {
        if (i > 0 || url.searchParams.get('startIndex') !== '0') f.geometry.coordinates = shift(f.geometry.coordinates);
      });
      return JSON.stringify(page);
    };
    const msg = await refused('pdok-wijken-2024');
    fake.options.transform = undefined;
    expect(msg).toContain('the previous version stays in use');
    expect(msg).toContain('pdok-wijken-2024 (cbs/wijkenbuurten/2024: wijken, 2024): unexpected content: coordinates [');
    expect(msg).toMatch(/features have coordinates outside the Netherlands \(the first: feature \d+ \(WK\d{4}[0-9A-Z]{2}\)\)/);
    expect(msg).toMatch(/URL: http:\/\/127\.0\.0\.1:\d+\/pdok\/cbs\/wijkenbuurten\/2024\/wfs\/v1_0\?/);
    expect(await readFile(join(dir, 'geo/wijken_2024_pdok.geojson'), 'utf8')).toBe(before);
  });

  it('a gemeenten layer asked for 2023 and answered with 2021 is refused', async () => {
    fake.options.transform = (path, body) => (path.includes('/wijkenbuurten/2023/') ? body.replace(/"jaar":"?2023"?/g, '"jaar":2021') : body);
    const msg = await refused('pdok-gemeenten-2023-kwb');
    fake.options.transform = undefined;
    expect(msg).toContain('pdok-gemeenten-2023-kwb (cbs/wijkenbuurten/2023: gemeenten, 2023): unexpected content: feature 1 (GM');
    expect(msg).toContain('"jaar" is 2021, expected 2023 (year asked ≠ year answered)');
  });

  it('a duplicated gemeente with 9,312,981 inhabitants is refused naming both rows and the band', async () => {
    fake.options.transform = (path, body, url) => {
      if (!path.includes('/wijkenbuurten/2023/') || url.searchParams.get('startIndex') !== '0') return body;
      const page = JSON.parse(body) as { features: { properties: Record<string, unknown> }[] };
      const ams = page.features.find((f) => f.properties.gemeentecode === 'GM0363')!;
      page.features.push({ ...ams, properties: { ...ams.properties, aantalInwoners: 9312981 } });
      return JSON.stringify(page);
    };
    const msg = await refused('pdok-gemeenten-2023-kwb');
    fake.options.transform = undefined;
    expect(msg).toMatch(/feature \d+ \(GM0363\) repeats feature \d+ \(GM0363\) \(gemeentecode "GM0363"\): unique keys/);
    expect(msg).toMatch(/feature \d+ \(GM0363\), "aantalInwoners": 9312981 is outside 500 to 1500000/);
  });
});

describe('a full disk while copying into staging', () => {
  it('removes the staging folder, leaves the directory as it was, and names --data (not -o)', async () => {
    // A file the partial fetch carries over into staging: the copy fails half-way with ENOSPC.
    await writeFile(join(dir, 'extra.csv'), 'a\n1\n');
    const before = await readFile(join(dir, 'datapackage.json'), 'utf8');
    vi.mocked(fsp.cp).mockImplementation(async (_src, dest) => {
      await writeFile(String(dest), 'half');
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    });
    const e = await fetchPdok().catch((x: unknown) => x);
    vi.mocked(fsp.cp).mockReset();
    expect(e).toBeInstanceOf(ReportError);
    expect((e as ReportError).message).toContain('the disk is full: cannot write');
    expect((e as ReportError).message).toContain('--data');
    expect((e as ReportError).message).not.toContain('-o');
    expect(existsSync(stagingDirOf(dir))).toBe(false);
    expect(await readFile(join(dir, 'datapackage.json'), 'utf8')).toBe(before);
  });
});
