/**
 * A contextkaart with school points from `data fetch` (DUO registers placed by a local stand-in for
 * the PDOK Locatieserver): the map's legend, its source line and the colophon date and cite the
 * fetched addresses. The other data files are the staged ones, linked (not copied) into a temp dir.
 */
import { mkdtemp, mkdir, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchTables } from '../../src/fetch/catalogue.js';
import { sources } from '../../src/data/sources.js';
import { dataDir as stagedDir } from '../helpers/data.js';
import { startFakePublishers, type FakePublishers } from '../helpers/fake-publishers.js';
import { readPdf } from '../helpers/pdf.js';
import { runCli } from '../helpers/run-cli.js';

let fake: FakePublishers;
let tmp: string;

async function linkTree(from: string, to: string, skip: string): Promise<void> {
  for (const e of await readdir(from, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    const abs = join(e.parentPath, e.name);
    const rel = abs.slice(from.length + 1);
    if (rel === skip) continue;
    await mkdir(dirname(join(to, rel)), { recursive: true });
    await symlink(abs, join(to, rel));
  }
}

beforeAll(async () => {
  fake = await startFakePublishers();
  tmp = await mkdtemp(join(tmpdir(), 'ck-fetched-schools-'));
});
afterAll(async () => {
  await fake.close();
  await rm(tmp, { recursive: true, force: true });
});

describe('school points fetched from DUO and the PDOK Locatieserver', () => {
  it('are drawn on the wijk maps, dated by the fetch, and credited in the colophon', async () => {
    const schoolsFile = sources['duo-scholen-2024'].file;
    const data = join(tmp, 'data');
    await linkTree(stagedDir, data, schoolsFile);
    const table = fetchTables.find((t) => t.name === 'duo-pdok-schoolpunten')!;
    const { text } = await table.fetch({ bases: { cbs: '', duo: `${fake.url}/duo`, pdok: '', locatieserver: `${fake.url}/locatieserver` }, http: { timeoutMs: 5_000, retries: 0, backoffMs: 1 }, progress: () => {} });
    await mkdir(dirname(join(data, schoolsFile)), { recursive: true });
    await writeFile(join(data, schoolsFile), text);
    const fetchedOn = (JSON.parse(text) as { metadata: { addressesFetched: string } }).metadata.addressesFetched;
    const month = new Intl.DateTimeFormat('nl-NL', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${fetchedOn}T00:00:00Z`));
    const day = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${fetchedOn}T00:00:00Z`));

    const config = join(tmp, 'arnhem-scholen.yaml');
    await writeFile(config, 'id: arnhem-scholen\narea:\n  gemeente: Arnhem\nmaps:\n  schools: true\n');
    const pdf = join(tmp, 'arnhem.pdf');
    const r = await runCli(['render', config, '--data', data, '-o', pdf, '-q']);
    expect(r.code, r.stderr).toBe(0);
    const read = await readPdf(pdf);
    const flat = read.text.replace(/\s+/g, ' ');
    const legend = new RegExp(`Scholen op de kaart \\(adressen ${month}\\): ● basisonderwijs \\((\\d+)\\)`);
    const m = legend.exec(flat);
    expect(m, 'legend with the fetch month').not.toBeNull();
    expect(Number(m![1])).toBeGreaterThan(30);
    expect(flat).toContain(`scholen: DUO, Adressen schoolvestigingen ${month} (geocodering PDOK Locatieserver, BAG)`);
    expect(flat).toContain(`uit de adresbestanden van DUO, opgehaald op ${day}, op de kaart gezet met de PDOK Locatieserver`);
    expect(flat).not.toContain('november 2024 (geocodering BAG)');
  });
});
