/**
 * Issue 22 items 2 and 5 (first half) against the fake publishers (tests/helpers/fake-publishers.ts):
 * 2. an old DUO file published under another of its known names (with or without DUO's numbered
 *    prefix) is found by trying the next name; when none answers, the failure lists every URL tried;
 * 5. PDOK answering in RD New (EPSG:28992) although srsName=EPSG:4326 was asked, said by a `crs`
 *    member or only by the coordinates, is reprojected (proj4) to the staged WGS84 coordinates;
 *    blank or odd cells in DUO's advice files are skipped and counted, not a reason to refuse the table.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import proj4 from 'proj4';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { duoPageFileVariants, fetchTables } from '../../src/fetch/catalogue.js';
import type { DataPackage } from '../../src/fetch/datapackage.js';
import { schooladviesFile } from '../../src/fetch/duo-schooladviezen.js';
import { RD_NEW } from '../../src/fetch/pdok-wfs.js';
import { TableProblem } from '../../src/fetch/problem.js';
import { checkText } from '../../src/fetch/validate.js';
import { ExitCode } from '../../src/util/errors.js';
import { dataDir as stagedDir } from '../helpers/data.js';
import { fakeFetchContext, startFakePublishers, type FakePublishers } from '../helpers/fake-publishers.js';
import { runCli } from '../helpers/run-cli.js';
import { WAIT_MS } from '../helpers/timeouts.js';

let fake: FakePublishers;
let tmp: string;
let n = 0;
const newDir = () => join(tmp, `d${n++}`);
const fetchInto = (dir: string, ...extra: string[]) => runCli(['data', 'fetch', '--data', dir, '--base-url', fake.url, '--retries', '0', '--backoff', '10', ...extra]);
const duoPath = (name: string) => `/duo-files/${encodeURIComponent(name)}.csv`;

beforeAll(async () => {
  fake = await startFakePublishers({ pageSize: 5000 });
  tmp = await mkdtemp(join(tmpdir(), 'contextkaart-publisher-changes-'));
});
afterEach(() => {
  fake.options.fail = undefined;
  fake.options.intercept = undefined;
  fake.options.transform = undefined;
});
afterAll(async () => {
  await fake?.close();
  await rm(tmp, { recursive: true, force: true });
});

describe('DUO file names (item 2)', () => {
  const afstand = duoPageFileVariants.afstandPo2019.map((v) => v.name);
  /** The name the fake serves the distance file under (the staged copy's, unnumbered). */
  const served = afstand[afstand.length - 1];

  it('every old file has its numbered and unnumbered names, each marked seen or assumed', () => {
    for (const variants of Object.values(duoPageFileVariants)) {
      const names = variants.map((v) => v.name);
      const bare = names.map((x) => x.replace(/^\d\d\.?-/, ''));
      expect(new Set(bare).size, names.join(', ')).toBe(1);
      expect(names.some((x) => /^\d\d-/.test(x))).toBe(true);
      expect(names.some((x) => /^\d\d\.-/.test(x))).toBe(true);
      expect(names).toContain(bare[0]);
      expect(variants.every((v) => v.evidence === 'seen' || v.evidence === 'assumed')).toBe(true);
    }
  });

  it('a file DUO serves only under its "05-" name: the unanswered names are passed over and that one is taken', async () => {
    const dir = newDir();
    const asked: string[] = [];
    const numbered = afstand.find((x) => x.startsWith('05-'))!;
    fake.options.intercept = (req, res, url, origin) => {
      if (!url.pathname.includes('gemiddelde-afstand')) return false;
      // The unnumbered name is "gone" for the fetch; the fake's own copy is read through it.
      if (req.headers['x-fake-internal']) return false;
      asked.push(url.pathname);
      if (url.pathname === duoPath(served)) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('Not Found');
        return true;
      }
      if (url.pathname !== duoPath(numbered)) return false;
      void fetch(`${origin}${duoPath(served)}`, { headers: { 'x-fake-internal': '1' } }).then(async (r) => {
        res.writeHead(r.status, { 'content-type': 'text/csv' });
        res.end(Buffer.from(await r.arrayBuffer()));
      });
      return true;
    };
    const r = await fetchInto(dir, '--only', 'duo', '--year', '2019');
    expect(r.stderr).not.toContain('FAILED');
    expect(r.code, r.stderr).toBe(0);
    // Tried in order, up to the one that answered.
    expect(asked).toEqual([duoPath(afstand[0]), duoPath(numbered)]);
    const pkg = JSON.parse(await readFile(join(dir, 'datapackage.json'), 'utf8')) as DataPackage;
    const res = pkg.resources.find((x) => x.path === 'duo/po/afstand_woonadres_schoolvestiging_po_so_2019-2020.csv');
    expect(res?.sources?.[0]?.path).toBe(`${fake.url}${duoPath(numbered)}`);
    const text = await readFile(join(dir, 'duo/po/afstand_woonadres_schoolvestiging_po_so_2019-2020.csv'), 'utf8');
    expect(text.split('\n')[0]).toContain('BRIN_NUMMER');
    expect(text.trim().split('\n').length).toBe(7302);
  }, WAIT_MS);

  it('none of the names answers: the table is "not published", the message lists every URL tried, the other tables arrive (exit 5)', async () => {
    const dir = newDir();
    fake.options.fail = (path) => (path.includes('gemiddelde-afstand') ? 404 : undefined);
    const r = await fetchInto(dir, '--only', 'duo', '--year', '2019');
    expect(r.code, r.stderr).toBe(ExitCode.partial);
    const all = r.stdout + r.stderr;
    expect(all).toMatch(/duo-afstand-po-2019 .*not published/);
    for (const name of afstand) expect(all).toContain(`${fake.url}${duoPath(name)}`);
    expect(all).toContain(`not published under any of its ${afstand.length} known names`);
  }, WAIT_MS);
});

describe('PDOK in RD New (item 5)', () => {
  const toRd = proj4('EPSG:4326', RD_NEW);
  const mapPositions = (c: unknown, f: (p: number[]) => number[]): unknown => (Array.isArray(c) ? (typeof c[0] === 'number' ? f(c as number[]) : c.map((x) => mapPositions(x, f))) : c);
  type Fc = { features: { properties: Record<string, unknown>; geometry: { coordinates: unknown } }[] };

  /** Largest difference, in degrees, between two files' coordinates, feature by feature (matched on `code`). */
  function maxDifference(a: Fc, b: Fc, code: string): number {
    const byCode = new Map(b.features.map((f) => [f.properties[code], f]));
    let max = 0;
    expect(a.features.length).toBe(b.features.length);
    for (const f of a.features) {
      const other = byCode.get(f.properties[code]);
      expect(other, String(f.properties[code])).toBeDefined();
      const xs: number[] = [];
      mapPositions(other!.geometry.coordinates, (p) => (xs.push(p[0], p[1]), p));
      let i = 0;
      mapPositions(f.geometry.coordinates, (p) => {
        max = Math.max(max, Math.abs(p[0] - xs[i++]), Math.abs(p[1] - xs[i++]));
        return p;
      });
      expect(i).toBe(xs.length);
    }
    return max;
  }

  it('PDOK ignores srsName and answers in metres (with a crs member for the provinces, without one for the gemeenten): the files are the staged WGS84 ones within 1e-5°', async () => {
    const dir = newDir();
    fake.options.transform = (path, body) => {
      if (!path.startsWith('/pdok/cbs/gebiedsindelingen/')) return body;
      const page = JSON.parse(body) as Fc & Record<string, unknown>;
      for (const f of page.features) f.geometry.coordinates = mapPositions(f.geometry.coordinates, (p) => toRd.forward([p[0], p[1]]));
      if (body.includes('provincie')) page.crs = { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::28992' } };
      return JSON.stringify(page);
    };
    const r = await fetchInto(dir, '--only', 'pdok', '--year', '2023');
    expect(r.stderr).not.toContain('FAILED');
    expect(r.code, r.stderr).toBe(0);
    const read = async (d: string, f: string) => JSON.parse(await readFile(join(d, f), 'utf8')) as Fc;
    expect(maxDifference(await read(dir, 'geo/provincies_simplified.geojson'), await read(stagedDir, 'geo/provincies_simplified.geojson'), 'provincieCode')).toBeLessThan(1e-5);
    expect(maxDifference(await read(dir, 'geo/gemeenten_simplified_342.geojson'), await read(stagedDir, 'geo/gemeenten_simplified_342.geojson'), 'gemeenteCode')).toBeLessThan(1e-5);
  }, WAIT_MS);
});

describe('blank or odd cells in the advice files (item 5)', () => {
  const table = fetchTables.find((t) => t.name === 'duo-schooladviezen-2019-2025')!;
  /** Blanks the advice cells VWO of the first `rows` data rows and writes "n.v.t." in one HAVO cell of a file. */
  const spoil = (body: string, rows: number) => {
    const lines = body.split(/\r?\n/);
    const header = lines[0].split(';');
    const vwo = header.indexOf('VWO');
    const havo = header.indexOf('HAVO');
    for (let i = 1; i <= rows; i++) {
      const cells = lines[i].split(';');
      cells[vwo] = '';
      if (i === 1) cells[havo] = 'n.v.t.';
      lines[i] = cells.join(';');
    }
    return lines.join('\n');
  };

  it('are skipped and counted per school year and file; the table is taken and valid', async () => {
    fake.options.transform = (path, body) => {
      if (path === duoPath(schooladviesFile(2021))) return spoil(body, 3);
      if (path === duoPath(schooladviesFile(2023))) return spoil(body, 1);
      return body;
    };
    const ctx = fakeFetchContext(fake);
    const out = await table.fetch(ctx).catch((e: unknown) => e);
    expect(out, out instanceof TableProblem ? out.message : '').not.toBeInstanceOf(Error);
    const got = out as Awaited<ReturnType<typeof table.fetch>>;
    expect(checkText(table.check, got.text)).toEqual([]);
    expect(got.warnings).toHaveLength(2);
    expect(got.warnings![0]).toMatch(new RegExp(`^school year 2021-2022 \\(${schooladviesFile(2021).replace(/\./g, '\\.')}\\.csv\\): 4 of [\\d,]+ advice cells blank or not a count, skipped`));
    expect(got.warnings![0]).toContain('line 2, column HAVO: "n.v.t." is not a count');
    expect(got.warnings![0]).toContain('line 2, column VWO: blank');
    expect(got.warnings![1]).toMatch(/^school year 2023-2024 \(.*\): 2 of [\d,]+ advice cells blank or not a count, skipped/);
  }, WAIT_MS);

  it('are said in the fetch log, per school year and file', async () => {
    fake.options.transform = (path, body) => (path === duoPath(schooladviesFile(2021)) ? spoil(body, 2) : body);
    const r = await fetchInto(join(tmp, 'advice-log'), '--only', 'duo');
    expect(`${r.stdout}${r.stderr}`).toMatch(/school year 2021-2022 \(.*\): 3 of [\d,.]+ advice cells blank or not a count, skipped/);
  }, WAIT_MS);

  it('so many that the layout must have changed: the table is refused, naming the first', async () => {
    fake.options.transform = (path, body) => (path === duoPath(schooladviesFile(2022)) ? spoil(body, 1000) : body);
    const e = (await table.fetch(fakeFetchContext(fake)).catch((x: unknown) => x)) as TableProblem;
    expect(e).toBeInstanceOf(TableProblem);
    expect(e.problem).toMatch(/^school year 2022-2023: 1001 of [\d]+ advice cells are blank or not a count, too many to skip .*the first: line 2, column HAVO: "n.v.t." is not a count$/);
  }, WAIT_MS);
});
