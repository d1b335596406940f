/**
 * `contextkaart data fetch/status/check` against a local stand-in for CBS, DUO and PDOK
 * (tests/helpers/fake-publishers.ts, built from the staged files): no test reaches the internet.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/util/errors.js';
import { messages } from '../../src/util/messages.js';
import { fetchTables, unavailableTables } from '../../src/fetch/catalogue.js';
import { schooladviezenHeader } from '../../src/fetch/duo-schooladviezen.js';
import { parseCsvRecords } from '../../src/util/csv.js';
import { sources } from '../../src/data/sources.js';
import type { DataPackage } from '../../src/fetch/datapackage.js';
import { stagingDirOf } from '../../src/fetch/run-fetch.js';
import { dataDir as stagedDir } from '../helpers/data.js';
import { stagedDataWith } from '../helpers/linked-data.js';
import { kwbEditions } from '../../src/data/sources/kwb-editions.js';
import { startFakePublishers, type FakePublishers } from '../helpers/fake-publishers.js';
import { readPdf } from '../helpers/pdf.js';
import { runCli } from '../helpers/run-cli.js';
import { WAIT_MS } from '../helpers/timeouts.js';

let fake: FakePublishers;
let tmp: string;
let dir: string;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const fetchArgs = (...extra: string[]) => ['data', 'fetch', '--data', dir, '--base-url', fake.url, '--retries', '1', '--backoff', '10', ...extra];
/** Every file of the directory with its sha256, to prove a failed fetch changed nothing. */
async function snapshot(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of [...fetchTables.map((x) => x.file), 'datapackage.json']) out[t] = sha(await readFile(join(dir, t)));
  return out;
}

beforeAll(async () => {
  // Pages of 1,000 rows (CBS sends 10,000): the KWB tables then come in several pages.
  fake = await startFakePublishers({ pageSize: 1000 });
  tmp = await mkdtemp(join(tmpdir(), 'contextkaart-fetch-'));
  dir = join(tmp, 'data');
});

afterAll(async () => {
  await fake?.close();
  await rm(tmp, { recursive: true, force: true });
});

describe('contextkaart data fetch (local fake publishers)', () => {
  it('--dry-run lists every table and what cannot be fetched, and fetches nothing', async () => {
    const r = await runCli(fetchArgs('--dry-run'));
    expect(r.code).toBe(0);
    for (const t of fetchTables) expect(r.stderr).toContain(`→ ${t.file}`);
    for (const u of unavailableTables) expect(r.stderr).toContain(u.file);
    expect(fake.requests).toEqual([]);
    expect(existsSync(dir)).toBe(false);
  });

  it('a full fetch writes every table in the staged layout with a datapackage.json, and data check passes on both directories', async () => {
    const r = await runCli(fetchArgs());
    expect(r.stderr).toContain(`[${fetchTables.length}/${fetchTables.length}]`);
    expect(r.code, r.stderr).toBe(0);

    // OData paging was followed (odata.nextLink), WFS paging too.
    expect(fake.requests.some((q) => q.includes('85984NED/TypedDataSet') && q.includes('%24skip=3000'))).toBe(true);
    expect(fake.requests.some((q) => q.includes('typeNames=wijken') && q.includes('startIndex=3000'))).toBe(true);

    const pkg = JSON.parse(await readFile(join(dir, 'datapackage.json'), 'utf8')) as DataPackage;
    expect(pkg.profile).toBe('data-package');
    expect(pkg.resources.map((x) => x.path).sort()).toEqual(fetchTables.map((t) => t.file).sort());
    for (const res of pkg.resources) {
      const data = await readFile(join(dir, res.path));
      expect(res.hash, res.path).toBe(`sha256:${sha(data)}`);
      expect(res.bytes).toBe(data.length);
      expect(res.sources[0].path?.startsWith(fake.url), res.path).toBe(true);
      expect(res.licenses[0].name).toBe('CC-BY-4.0');
      expect(res.tableId).not.toBe('');
      expect(res.year).toBeGreaterThan(2013);
      expect(Date.parse(res.fetchedAt!)).toBeGreaterThan(Date.now() - 3_600_000);
    }
    expect(pkg.resources.find((x) => x.path === 'cbs/kwb_2024_85984NED_gm_wk_basis.json')).toMatchObject({ publisher: 'CBS', tableId: '85984NED', year: 2024 });
    expect(pkg.notFetched?.map((n) => n.path)).toEqual(unavailableTables.map((u) => u.file));

    // Same content as the staged files: KWB 2024 value for value (codes trimmed, keys by stem),
    // DUO byte for byte (Windows-1252 decoded, including DUO's "’").
    // PDOK's gemeenten layer has a feature for a gemeente's water too (water 'JA'): only the land is kept.
    const gemeenten = JSON.parse(await readFile(join(dir, sources['kwb-2023'].file), 'utf8')) as { features: { properties: Record<string, unknown> }[] };
    expect(gemeenten.features.length).toBe(343);
    expect(gemeenten.features.every((f) => f.properties.water === 'NEE')).toBe(true);
    const kwb = (d: string) => readFile(join(d, 'cbs/kwb_2024_85984NED_gm_wk_basis.json'), 'utf8').then((t) => JSON.parse(t) as unknown);
    expect(await kwb(dir)).toEqual(await kwb(stagedDir));
    // The registers arrive in DUO's current layout (',', INSTELLINGSCODE/VESTIGINGSCODE) and are written back in the reader's.
    for (const f of ['duo/register/vestigingen_bo_duo_2020.csv', 'duo/register/vestigingen_vo_duo_2020.csv', 'duo/examen_vo_2019-2024_per_vestiging_opleiding.csv', 'duo/po/afstand_woonadres_schoolvestiging_po_so_2019-2020.csv']) {
      expect(sha(await readFile(join(dir, f))), f).toBe(sha(await readFile(join(stagedDir, f))));
    }
    // School advice: summed per instelling from DUO's per-year, per-vestiging files (the fake builds them
    // back from the staged file), equal to the staged file row for row in every column the reader
    // knows. Not equal: the staged file's own extra columns (havo_plus_pct_*, betrouwbaarheid_0_3,
    // computed by the third party that gathered it), which DUO does not publish and the fetch does not write.
    const advice = sources['duo-schooladviezen'].file;
    const adviceRows = async (d: string) => parseCsvRecords(await readFile(join(d, advice), 'utf8'), ';').records.map((r) => schooladviezenHeader.map((c) => r.values[c]).join(';'));
    const [fetchedAdvice, stagedAdvice] = [await adviceRows(dir), await adviceRows(stagedDir)];
    // Nor the row of the one instelling whose staged name holds U+FFFD (the third party's decoding of
    // a garbled DUO name, 2019-2020): the fake serves that year in Windows-1252 as DUO did, which has
    // no U+FFFD, so it arrives as "?".
    expect(fetchedAdvice.length).toBe(stagedAdvice.length);
    const differing = fetchedAdvice.map((row, i) => [row, stagedAdvice[i]]).filter(([a, b]) => a !== b);
    expect(differing.filter(([a, b]) => a !== b.replace(/\uFFFD/g, '?'))).toEqual([]);
    expect(differing.length).toBeLessThanOrEqual(1);
    expect(pkg.resources.find((x) => x.path === advice)?.sources.map((x) => x.path)).toHaveLength(6);
    // The registers are the datasets' "alle vestigingen" files, not the instellingen beside them; the other DUO files come from DUO's pages.
    const registers = fake.requests.filter((q) => q.includes('/download/')).map((q) => q.replace(/.*\//, ''));
    expect(new Set(registers)).toEqual(new Set(['vestigingenbo.csv', 'vestigingenvo.csv', 'vestigingenso.csv']));
    expect(fake.requests).toContain('/duo-files/04.-leerlingen-bo-sbo-schooladviezen-2019-2020.csv');
    expect(existsSync(stagingDirOf(dir))).toBe(false);

    const checkFetched = await runCli(['data', 'check', '--data', dir]);
    expect(checkFetched.code, checkFetched.stderr).toBe(0);
    expect(checkFetched.stderr).toContain(`${fetchTables.length} of ${fetchTables.length} tables present and valid`);
    expect(checkFetched.stderr).toContain('sha256 as in datapackage.json');
    const checkStaged = await runCli(['data', 'check', '--data', stagedDir]);
    expect(checkStaged.code, checkStaged.stderr).toBe(0);

    const status = await runCli(['data', 'status', '--data', dir]);
    expect(status.code).toBe(0);
    expect(status.stderr).toMatch(/cbs\/kwb_2024_85984NED_gm_wk_basis\.json\s+2024\s+CBS 85984NED\s+fetched \d{4}-\d\d-\d\d \d\d:\d\d\s+[0-9a-f]{12}/);
    const stagedStatus = await runCli(['data', 'status', '--data', stagedDir]);
    expect(stagedStatus.stderr).toContain('no datapackage.json, sha256 computed now');
    expect(stagedStatus.stderr).toMatch(/cbs\/kwb_2024_85984NED_gm_wk_basis\.json\s+2024\s+CBS 85984NED\s+staged copy\s+[0-9a-f]{12}/);
  });

  it('from a clone without ../shared (README steps): render first says to run data fetch; after data fetch (into the XDG cache) data check and render work without --data', async () => {
    const { cp, mkdir, symlink } = await import('node:fs/promises');
    const { execFile } = await import('node:child_process');
    const root = join(import.meta.dirname, '..', '..');
    const clone = join(tmp, 'clone', 'contextkaart');
    await mkdir(clone, { recursive: true });
    for (const f of ['src', 'templates', 'package.json', 'package-lock.json', 'tsconfig.json']) await cp(join(root, f), join(clone, f), { recursive: true });
    await symlink(join(root, 'node_modules'), join(clone, 'node_modules'));
    await writeFileText(join(clone, 'run.mts'), "import { run } from './src/cli/main.ts';\nprocess.exitCode = await run(process.argv.slice(2));\n");
    expect(existsSync(join(clone, '..', '..', 'shared'))).toBe(false);
    const env = { ...process.env, XDG_CACHE_HOME: join(tmp, 'cache') };
    delete env.CONTEXTKAART_DATA;
    const cli = (...args: string[]) =>
      new Promise<{ code: number; stderr: string }>((done) => {
        execFile(process.execPath, ['--import', 'tsx', 'run.mts', ...args], { cwd: clone, env, timeout: WAIT_MS }, (err, _out, stderr) =>
          done({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stderr }),
        );
      });
    const fetchedDir = join(tmp, 'cache', 'contextkaart', 'data');

    const before = await cli('render', 'GM0344', '-o', join(tmp, 'clone.pdf'));
    expect(before.code).toBe(3);
    expect(before.stderr).toContain(messages.dataFileMissing(fetchedDir, 'cbs/gemeente_vr_provincie_koppeling.csv'));

    const fetched = await cli('data', 'fetch', '--base-url', fake.url, '--retries', '1', '--backoff', '10');
    expect(fetched.code, fetched.stderr).toBe(0);
    expect(existsSync(join(fetchedDir, 'datapackage.json'))).toBe(true);
    const check = await cli('data', 'check');
    expect(check.code, check.stderr).toBe(0);
    expect(check.stderr).toContain(`✓ ${fetchedDir}:`);
    // Tables no fetch can get (CBS's income of 2020 as an Excel file, the SES-WOA export): a user
    // converts or exports them (SOURCES.md); here the staged copies are copied, as the README says.
    // The achterstandsscores come with `data import` below.
    for (const { file } of unavailableTables.filter((u) => u.sourceId !== 'cbs-achterstand-2019')) {
      await mkdir(dirname(join(fetchedDir, file)), { recursive: true });
      await copyFile(join(stagedDir, file), join(fetchedDir, file));
    }
    // The full edition: every figure, to compare with the staged render below.
    const render = await cli('render', 'GM0344', '--edition', 'volledig', '-o', join(tmp, 'clone.pdf'));
    expect(render.code, render.stderr).toBe(0);
    const pdf = await readPdf(join(tmp, 'clone.pdf'));
    expect(pdf.text).toContain('Utrecht');
    expect(pdf.text).toContain('CBS, Kerncijfers wijken en buurten 2024');
  });

  it('a gemeente rendered from the fetched directory shows the same figures as from the staged one', async () => {
    // The fetched render is the one of the clone above (same fake publishers, same tables).
    const fetchedPdf = join(tmp, 'clone.pdf');
    const stagedPdf = join(tmp, 'staged.pdf');
    // The staged data has no KWB 2023/2024 wijk file (src/data/sources/kwb-editions.ts); the fetch brings them
    // (the fake's 85618NED holds the staged Utrecht rows: WOZ and corporatiewoningen of 2023, newer than the
    // staged 2022). The staged render reads the same newer editions beside the staged files.
    const stagedPlus = await stagedDataWith(join(tmp, 'staged-plus'), {});
    for (const e of kwbEditions.filter((x) => x.optional)) await copyFile(join(tmp, 'cache', 'contextkaart', 'data', e.file), join(stagedPlus, e.file));
    const b = await runCli(['render', 'GM0344', '--edition', 'volledig', '--data', stagedPlus, '-o', stagedPdf, '-q']);
    expect(b.code, b.stderr).toBe(0);
    const fetched = await readPdf(fetchedPdf);
    expect(fetched.text).toContain('CBS, Kerncijfers wijken en buurten 2023 (gemeenten en wijken)');
    const staged = await readPdf(stagedPdf);

    // Figure by figure (a figure ends with its "Bron:" line): every line with a number in the staged
    // report is in the fetched one, except for the sources a fetch cannot get (and the summary page
    // before the first figure, which picks its tiles from what is there).
    const notFetchable = /achterstandsscore/i;
    const fetchedLines = new Set(fetched.text.split('\n').map((l) => l.trim()));
    const blocks: { lines: string[]; bron: string }[] = [];
    let current: string[] = [];
    let inBron = false;
    for (const raw of staged.text.split('\n')) {
      const line = raw.trim();
      if (line.startsWith('Bron:')) {
        blocks.push({ lines: current, bron: line });
        current = [];
        inBron = true;
        continue;
      }
      if (inBron && /; (CBS|DUO|PDOK), /.test(line)) {
        // A long source list wraps: its next lines belong to the figure above (they wrap
        // differently when a source is absent), not to the next figure.
        blocks[blocks.length - 1].bron += ` ${line}`;
        continue;
      }
      inBron = false;
      if (/\d/.test(line) && !/pagina \d+ van \d+/.test(line)) current.push(line);
    }
    const compared = blocks.slice(1).filter((x) => !notFetchable.test(x.bron) && !x.lines.some((l) => notFetchable.test(l)));
    expect(compared.length).toBeGreaterThanOrEqual(20);
    // The school advice figures are among those compared (fetched from DUO's per-year files).
    expect(compared.filter((x) => /schooladvie/i.test(x.bron)).length).toBeGreaterThan(0);
    const differences = compared.flatMap((x) => x.lines.filter((l) => !fetchedLines.has(l)).map((l) => `${x.bron}: ${l}`));
    expect(differences).toEqual([]);
    expect(fetched.text).toContain('CBS, Kerncijfers wijken en buurten 2024');
    // What is missing is said in the report, not left silent.
    expect(fetched.text).toContain('CBS, Achterstandsscores basisscholen 2019: niet in de datamap, deze cijfers ontbreken.');
    expect(staged.text).not.toContain('niet in de datamap');
    expect(fetched.text).not.toContain(`${sources['duo-schooladviezen'].citation}: niet in de datamap`);
  });

  it('data import adds the achterstandsscores workbook to the fetched directory: then every figure equals the staged render, and a new fetch keeps them', async () => {
    const fetchedDir = join(tmp, 'cache', 'contextkaart', 'data');
    const workbook = join(stagedDir, 'duo/po/achterstandsscores_basisscholen_2019_cbs.xlsx');
    const imported = await runCli(['data', 'import', workbook, '--data', fetchedDir]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toContain('✓ duo/po/achterstandsscores_basisscholen_2019_tabel2.csv: 6,295 rows');
    const check = await runCli(['data', 'check', '--data', fetchedDir]);
    expect(check.code, check.stderr).toBe(0);
    // The two imported tables and the tables no fetch can get, copied in above (income 2020, SES-WOA 2019).
    expect(check.stderr).toContain(`Also present and valid: ${unavailableTables.length} optional tables`);

    const pdfPath = join(tmp, 'imported.pdf');
    const r = await runCli(['render', 'GM0344', '--edition', 'volledig', '--data', fetchedDir, '-o', pdfPath, '-q']);
    expect(r.code, r.stderr).toBe(0);
    const withImport = await readPdf(pdfPath);
    const staged = await readPdf(join(tmp, 'staged.pdf'));
    expect(withImport.text).not.toContain('niet in de datamap');
    // The achterstandsscore lines of the staged report are all in the report from fetched + imported data.
    const lines = new Set(withImport.text.split('\n').map((l) => l.trim()));
    const scoreLines = staged.text.split('\n').map((l) => l.trim()).filter((l) => /achterstandsscore/i.test(l) && /\d/.test(l));
    expect(scoreLines.length).toBeGreaterThan(0);
    expect(scoreLines.filter((l) => !lines.has(l))).toEqual([]);

    // A later (partial) fetch switches the directory again and keeps the imported tables, no longer listed as not fetched.
    const again = await runCli(['data', 'fetch', '--only', 'pdok', '--data', fetchedDir, '--base-url', fake.url, '--retries', '1', '--backoff', '10']);
    expect(again.code, again.stderr).toBe(0);
    const pkg = JSON.parse(await readFile(join(fetchedDir, 'datapackage.json'), 'utf8')) as DataPackage;
    for (const f of [sources['cbs-achterstand-2019'].file, sources['cbs-achterstand-2019'].files[0]]) {
      expect(existsSync(join(fetchedDir, f)), f).toBe(true);
      expect(pkg.resources.find((x) => x.path === f)?.sources[0].title).toMatch(/^CBS, Achterstandsscores basisscholen 2019 \(workbook sha256/);
      expect(pkg.notFetched?.map((n) => n.path)).not.toContain(f);
    }
  });

  it('a 500 in the middle: CBS\'s later tables are skipped, the other publishers still fetched, everything that arrived switched in; the failed ones keep their previous version (exit 5)', async () => {
    const before = await snapshot();
    const pkgBefore = JSON.parse(await readFile(join(dir, 'datapackage.json'), 'utf8')) as DataPackage;
    fake.options.fail = (path) => (path.endsWith('/85335NED/TypedDataSet') ? 500 : undefined);
    const r = await runCli(fetchArgs());
    fake.options.fail = undefined;
    expect(r.code, r.stderr).toBe(ExitCode.partial);
    expect(r.stderr).toContain(`table(s) arrived, passed their checks and are switched into ${dir}`);
    expect(r.stderr).toContain('cbs-jeugdzorg-wijken-2021-2022 (85075NED+85335NED, 2022): HTTP 500');
    expect(r.stderr).toMatch(/URL: http:\/\/127\.0\.0\.1:\d+\/cbs\/ODataFeed\/odata\/85335NED\/TypedDataSet\?/);
    expect(r.stderr).toContain('try 2 of 2');
    // The CBS tables after it are not asked (CBS did not answer); PDOK and DUO are.
    expect(r.stderr).toContain('cbs-jeugdzorg-indicatoren-2022 (85098NED, 2022): not tried: CBS did not answer an earlier table of this run');
    const failed = ['cbs/jeugdzorg_in_natura_gm_wk_2021_2022.csv', 'cbs/jeugdzorg_in_natura_nl_gm_2022_85335NED.csv', 'cbs/indicatoren_jeugdzorg_gemeenten_2022v_85098NED.csv'];
    const after = await snapshot();
    for (const f of failed) expect(after[f], f).toBe(before[f]);
    const pkg = JSON.parse(await readFile(join(dir, 'datapackage.json'), 'utf8')) as DataPackage;
    for (const f of failed) expect(pkg.resources.find((x) => x.path === f), f).toEqual(pkgBefore.resources.find((x) => x.path === f));
    for (const f of ['geo/wijken_2024_pdok.geojson', 'duo/examen_vo_2019-2024_per_vestiging_opleiding.csv']) {
      expect(Date.parse(pkg.resources.find((x) => x.path === f)!.fetchedAt!), f).toBeGreaterThan(Date.parse(pkgBefore.created));
    }
    expect(existsSync(stagingDirOf(dir))).toBe(false);
    const check = await runCli(['data', 'check', '--data', dir]);
    expect(check.code, check.stderr).toBe(0);
  });

  it('a renamed column fails that table, naming the URL and the column; its previous version stays, the other DUO tables are switched in', async () => {
    const before = await snapshot();
    fake.options.rename = { file: 'duo/examen_vo_2019-2024_per_vestiging_opleiding.csv', from: '"GEMEENTENAAM"', to: '"GEMEENTE NAAM"' };
    const r = await runCli(fetchArgs('--only', 'duo'));
    fake.options.rename = undefined;
    expect(r.code, r.stderr).toBe(ExitCode.partial);
    expect(r.stderr).toContain('duo-examens-2019-2024 (examenkandidaten-en-geslaagden-2019-2024 or newer, 2024): unexpected content: column "GEMEENTENAAM" missing');
    expect(r.stderr).toMatch(/URL: http:\/\/127\.0\.0\.1:\d+\/duo-files\/examenkandidaten-en-geslaagden-2019-2024\.csv/);
    expect(r.stderr).toContain('→ the previous version stays in use');
    // The same files (the others fetched again, unchanged); datapackage.json has the new fetch times.
    const { 'datapackage.json': _a, ...files } = await snapshot();
    const { 'datapackage.json': _b, ...filesBefore } = before;
    expect(files).toEqual(filesBefore);
  });

  it('a table not yet published for a year is reported, not taken from another year; its previous version stays', async () => {
    const before = await snapshot();
    fake.options.dropPeriod = { table: '85098NED', period: '2022JJ00' };
    const r = await runCli(fetchArgs('--only', 'cbs'));
    fake.options.dropPeriod = undefined;
    expect(r.code, r.stderr).toBe(ExitCode.partial);
    expect(r.stderr).toContain('cbs-jeugdzorg-indicatoren-2022 (85098NED, 2022): not published: period 2022JJ00 is not (yet) published in table 85098NED');
    expect(r.stderr).toContain('nothing was taken from another year');
    const { 'datapackage.json': _a, ...files } = await snapshot();
    const { 'datapackage.json': _b, ...filesBefore } = before;
    expect(files).toEqual(filesBefore);

    const y = await runCli(fetchArgs('--year', '2025'));
    expect(y.code).toBe(3);
    expect(y.stderr).toContain(messages.fetchYearNotAvailable(2025, null));
    expect(fake.requests.some((q) => q.startsWith('/cbs/ODataCatalog/Tables') && decodeURIComponent(q).includes("Title eq 'Kerncijfers wijken en buurten 2025'"))).toBe(true);
  });

  it('says when CBS has a newer KWB edition than the catalogue reads, and does not use it', async () => {
    fake.options.catalogue = [{ Identifier: '86165NED', Title: 'Kerncijfers wijken en buurten 2025' }];
    fake.requests.length = 0;
    const r = await runCli(fetchArgs('--only', 'cbs'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(messages.fetchNewerKwb(2025, '86165NED', 2024));
    const y = await runCli(fetchArgs('--year', '2025'));
    fake.options.catalogue = undefined;
    expect(y.code).toBe(3);
    expect(y.stderr).toContain(messages.fetchYearNotAvailable(2025, '86165NED'));
    expect(fake.requests.some((q) => q.includes('/odata/86165NED'))).toBe(false);
  });

  it('a partial fetch (--only pdok) replaces those tables and keeps the rest', async () => {
    const before = await snapshot();
    const r = await runCli(fetchArgs('--only', 'pdok'));
    expect(r.code, r.stderr).toBe(0);
    const after = await snapshot();
    for (const t of fetchTables) expect(after[t.file], t.file).toBe(before[t.file]);
    const check = await runCli(['data', 'check', '--data', dir]);
    expect(check.code, check.stderr).toBe(0);
  });
});

describe('contextkaart data check', () => {
  it('exits 3 with the file, the problem and the fix', async () => {
    const broken = join(tmp, 'broken');
    const { cp, writeFile } = await import('node:fs/promises');
    await cp(dir, broken, { recursive: true });
    await writeFile(join(broken, 'cbs/kwb_2022_gemeenten_pdok_indicatoren.csv'), 'gemeentecode,gemeentenaam\nGM0344,Utrecht\n');
    await rm(join(broken, 'duo/register/vestigingen_vo_duo_2020.csv'));
    const r = await runCli(['data', 'check', '--data', broken]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(messages.dataCheckMissing('duo/register/vestigingen_vo_duo_2020.csv').trim());
    expect(r.stderr).toContain(messages.dataCheckChanged('cbs/kwb_2022_gemeenten_pdok_indicatoren.csv').trim());
    expect(r.stderr).toContain('cbs/kwb_2022_gemeenten_pdok_indicatoren.csv: columns "aantal_inwoners"');
    expect(r.stderr).toContain('Fetch it again with `npx contextkaart data fetch`');
  });
});

async function writeFileText(path: string, text: string): Promise<void> {
  const { writeFile } = await import('node:fs/promises');
  await writeFile(path, text);
}
