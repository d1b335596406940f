/**
 * CBS maatwerk "Inkomen per gemeente en wijk, 2020" (wijkindeling 2023): the reader on the real
 * file (coverage counted here independently from the CSV and the 2024 wijken), its checks on
 * FIXTURE files, and the wijk map's choice between KWB 2021 and this table.
 */
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEDERLAND_CODE } from '../../src/data/series.js';
import { loadDataset } from '../../src/data/load-dataset.js';
import { readInkomen2020 } from '../../src/data/sources/cbs-inkomen-2020.js';
import { DataReader } from '../../src/data/sources/data-files.js';
import { sources } from '../../src/data/sources.js';
import { WIJK_ALTERNATIVE_RULE, wijkIndicatorChoice } from '../../src/data/select.js';
import { unavailableTables } from '../../src/fetch/catalogue.js';
import { checkText } from '../../src/fetch/validate.js';
import { ReportError } from '../../src/util/errors.js';
import { dataDir, realDataset } from '../helpers/data.js';
import { reportFor } from '../helpers/report.js';

const FILE = sources['cbs-inkomen-2020'].file;

// ── The raw files, read here without the product's CSV parser or matching ──────────────────────
/** Rows of the income CSV by code (names with a comma are quoted). */
function incomeRows(): Map<string, Record<string, string>> {
  const [header, ...lines] = readFileSync(join(dataDir, FILE), 'utf8').trim().split('\n');
  const cols = header.split(',');
  const cellsOf = (line: string) => line.match(/("[^"]*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, '').replace(/^"|"$/g, ''));
  return new Map(lines.map(cellsOf).map((cells) => [cells[0], Object.fromEntries(cols.map((c, i) => [c, cells[i] ?? '']))]));
}

interface Wijk24 {
  wijkcode: string;
  wijknaam: string;
  gemeentecode: string;
  /** Absent for 'Groot water' (no inhabitants). */
  aantal_inwoners?: number;
}
const wijken2024 = (): Wijk24[] =>
  (JSON.parse(readFileSync(join(dataDir, 'geo/wijken_2024_pdok.geojson'), 'utf8')) as { features: { properties: Wijk24 }[] }).features.map((f) => f.properties);

/** Populated 2024 wijken of a gemeente, and those with a 2020 p_hh_li under the same code and the same name. */
function coverage(gemeente: string): { populated: string[]; covered: string[] } {
  const rows = incomeRows();
  const populated = wijken2024().filter((w) => w.gemeentecode === gemeente && typeof w.aantal_inwoners === 'number');
  const covered = populated.filter((w) => {
    const r = rows.get(w.wijkcode);
    return !!r && r.regio.trim().toLowerCase() === w.wijknaam.trim().toLowerCase() && r.p_hh_li !== '';
  });
  return { populated: populated.map((w) => w.wijkcode), covered: covered.map((w) => w.wijkcode) };
}

// ── FIXTURE files ─────────────────────────────────────────────────────────────────────────────
const HEADER = 'gwb_code,regio,recs,gm_code,g_ink_pi,p_hh_li,p_hh_hi';
const GOOD = [HEADER, 'NL00,Nederland,Land,,27.9,40.0,20.0', 'GM0363,Amsterdam,Gemeente,GM0363,32.4,50.4,17.7', 'WK0363AA,Haarlemmerbuurt,Wijk,GM0363,38.3,49.4,20.1'];

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'ck-income-2020-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** Reads a FIXTURE income file with the product's reader; the error message when it refuses. */
async function readFixture(name: string, lines: string[]): Promise<{ error?: string }> {
  const dir = join(tmp, name);
  await mkdir(join(dir, 'cbs'), { recursive: true });
  await writeFile(join(dir, FILE), `${lines.join('\n')}\n`);
  try {
    await readInkomen2020(new DataReader(dir), [{ indicator: 'pct_hh_laagste_40', year: 2020, field: 'p_hh_li', level: 'wijk' }]);
    return {};
  } catch (e) {
    expect(e).toBeInstanceOf(ReportError);
    return { error: (e as Error).message };
  }
}

describe('CBS income 2020 on the wijkindeling 2023: the reader', () => {
  it('puts the published values into the indicators as year 2020: Nederland, gemeente and wijk', async () => {
    const ds = await realDataset();
    const rows = incomeRows();
    expect(ds.series.value('pct_hh_laagste_40', 2020, NEDERLAND_CODE)).toBe(Number(rows.get('NL00')!.p_hh_li));
    for (const code of ['GM0363', 'GM1980', 'WK0363AA', 'WK198001']) {
      const r = rows.get(code)!;
      expect(ds.series.value('pct_hh_laagste_40', 2020, code), code).toBe(Number(r.p_hh_li));
      expect(ds.series.value('pct_hh_hoog_inkomen', 2020, code), code).toBe(Number(r.p_hh_hi));
      expect(ds.series.value('gem_inkomen_inwoner', 2020, code), code).toBe(Number(r.g_ink_pi));
    }
    // The other years stay those of KWB 2021 and 2022.
    expect(ds.series.value('pct_hh_laagste_40', 2022, 'GM0363')).not.toBeNull();
  });

  it('covers the 2024 wijken that had the same code and name in 2023: Amsterdam and Dijk en Waard counted from the raw files', async () => {
    const ds = await realDataset();
    for (const [gemeente, atLeast] of [
      ['GM0363', 100],
      ['GM1980', 20],
    ] as const) {
      const { populated, covered } = coverage(gemeente);
      const loaded = populated.filter((c) => ds.series.value('pct_hh_laagste_40', 2020, c) !== null);
      expect(loaded.sort(), gemeente).toEqual(covered.sort());
      expect(covered.length).toBeGreaterThanOrEqual(atLeast);
      // The rest is "geen gegevens" with the reason, never a value of another wijk.
      for (const c of populated.filter((x) => !covered.includes(x))) {
        const obs = ds.series.get('pct_hh_laagste_40', 2020, c);
        expect(obs?.value ?? null, c).toBeNull();
        expect(obs?.note, c).toMatch(/niet gepubliceerd door CBS|geen gelijke wijk in de wijkindeling van 2023/);
      }
    }
    expect(ds.notes.join('\n')).toMatch(/Wijkcijfers van inkomen 2020 \(wijkindeling 2023\) op de wijken van 2024: [\d.]+ van de [\d.]+ bewoonde wijken/);
  });

  it('reads the FIXTURE file with three good rows', async () => {
    expect(await readFixture('good', GOOD)).toEqual({});
  });

  it('refuses a FIXTURE file with a duplicate code, naming the file, both lines and the fix', async () => {
    const { error } = await readFixture('duplicate', [...GOOD, 'WK0363AA,Haarlemmerbuurt,Wijk,GM0363,38.3,49.4,20.1']);
    expect(error).toContain(`${FILE}:5: gwb_code: "WK0363AA" occurs twice (also on line 4). Fix: keep one row per code.`);
  });

  it('refuses out-of-range values, a sum above 100, a decimal comma and a wijk in the wrong gemeente', async () => {
    const { error } = await readFixture('ranges', [
      ...GOOD,
      'WK0363AB,Jordaan,Wijk,GM0363,38.7,154.2,16.1',
      'WK0363AC,Grachtengordel-West,Wijk,GM0363,62.6,78.9,30.7',
      'WK0363AD,Burgwallen-Nieuwe Zijde,Wijk,GM0363,"38,0",55.0,14.3',
      'WK0363AE,Burgwallen-Oude Zijde,Wijk,GM0344,38.0,55.0,14.3',
    ]);
    expect(error).toContain(`${FILE}:5: p_hh_li: 154.2 is not a percentage (0 to 100)`);
    expect(error).toContain(`${FILE}:6: p_hh_hi: p_hh_li 78.9 + p_hh_hi 30.7 is more than 100`);
    expect(error).toContain(`${FILE}:7: g_ink_pi: "38,0" is not a number. Fix: write numbers with '.' as the decimal separator`);
    expect(error).toContain(`${FILE}:8: gm_code: wijk WK0363AE lies in gemeente GM0363, but gm_code is "GM0344"`);
    expect(error).toContain('4 problems');
    expect(error).toContain('remove it to show the wijk maps of KWB 2021 only');
  });

  it('refuses a FIXTURE file without a column, naming the column', async () => {
    const { error } = await readFixture('column', GOOD.map((l) => l.split(',').slice(0, 6).join(',')));
    expect(error).toMatch(/column "p_hh_hi" is missing/);
  });

  it('is listed as not fetchable, with the reason, and `data check` validates it row by row', () => {
    const entry = unavailableTables.find((u) => u.file === FILE)!;
    expect(entry.reason).toContain('maatwerk Excel file on cbs.nl');
    expect(entry.optional).toBe(true);
    expect(checkText(entry.check!, readFileSync(join(dataDir, FILE), 'utf8'))).toEqual([]);
    const bad = [...GOOD, 'WK0363AA,Haarlemmerbuurt,Wijk,GM0363,38.3,49.4,20.1', 'WK0363AB,Jordaan,Wijk,GM0363,38.7,-4.2,16.1'].join('\n');
    expect(checkText(entry.check!, bad)).toEqual([
      'line 5: gwb_code: "WK0363AA" occurs twice (also on line 4) (keep one row per code)',
      'line 6: p_hh_li: -4.2 is not a percentage (0 to 100) (restore the value from the CBS table)',
    ]);
  });

  it('is optional: a data directory without it loads, with a note, and without the 2020 figures', async () => {
    const dir = join(tmp, 'without');
    for (const e of await readdir(dataDir, { withFileTypes: true, recursive: true })) {
      if (!e.isFile()) continue;
      const rel = join(e.parentPath, e.name).slice(dataDir.length + 1);
      if (rel === FILE) continue;
      await mkdir(dirname(join(dir, rel)), { recursive: true });
      await symlink(join(e.parentPath, e.name), join(dir, rel));
    }
    const ds = await loadDataset(dir);
    expect(ds.notes).toContain(`${sources['cbs-inkomen-2020'].citation}: niet in de datamap, deze cijfers ontbreken.`);
    expect(ds.series.value('pct_hh_laagste_40', 2020, 'GM0363')).toBeNull();
    expect(ds.series.value('pct_hh_laagste_40', 2021, 'GM0363')).not.toBeNull();
  });
});

describe('the wijk map of income: KWB 2021 or income 2020', () => {
  it('Amsterdam: KWB 2021 leaves many wijken blank, so the map shows the lowest-40% share of 2020 under its own title and a note with the counts', async () => {
    const report = await reportFor('id: x\narea:\n  gemeente: GM0363\n');
    const { populated, covered } = coverage('GM0363');
    const kwb = populated.filter((c) => report.wijkValue('pct_hh_laag_inkomen', c, 2021).value !== null).length;
    expect(populated.length - kwb).toBeGreaterThanOrEqual(WIJK_ALTERNATIVE_RULE.minBlankShare * populated.length);
    const choice = wijkIndicatorChoice(report, 'pct_hh_laag_inkomen')!;
    expect(choice.def.id).toBe('pct_hh_laagste_40');
    expect(choice.year).toBe(2020);
    expect(choice.wijkindeling).toBe(2023);
    expect(choice.note).toBe(
      `De wijkcijfers tonen het aandeel huishoudens in de laagste 40% inkomens van Nederland in 2020 (wijkindeling 2023) in plaats van het aandeel huishoudens met een laag inkomen (2021): het cijfer van 2020 is er voor ${covered.length} van de ${populated.length} bewoonde wijken op de kaart, dat van 2021 voor ${kwb}.`,
    );
    const map = report.sections.flatMap((s) => s.figures).find((f) => f.id === 'wijkkaart-laag-inkomen')!;
    expect(map).toMatchObject({ indicators: ['pct_hh_laagste_40'], wijkYear: 2020, title: 'Huishoudens in de laagste 40% inkomens van Nederland per wijk (wijkindeling 2023)', wijkNote: choice.note });
    // One year and one indicator in the whole map.
    expect(populated.filter((c) => report.wijkValue('pct_hh_laagste_40', c, 2020).value !== null).length).toBe(covered.length);
  });

  it('an area of Amsterdam wijken without KWB 2021 figures of its own: the same choice, counted over the whole map', async () => {
    const report = await reportFor('id: x\narea:\n  name: FIXTURE West\n  wijken: [WK0363EA, WK0363EB, WK0363EC]\n');
    const { populated, covered } = coverage('GM0363');
    expect(report.region.codes.every((c) => report.wijkValue('pct_hh_laag_inkomen', c, 2021).value === null)).toBe(true);
    const kwb = populated.filter((c) => report.wijkValue('pct_hh_laag_inkomen', c, 2021).value !== null).length;
    const choice = wijkIndicatorChoice(report, 'pct_hh_laag_inkomen')!;
    expect(choice.def.id).toBe('pct_hh_laagste_40');
    expect(choice.note).toContain(`het cijfer van 2020 is er voor ${covered.length} van de ${populated.length} bewoonde wijken op de kaart, dat van 2021 voor ${kwb}.`);
    // The area's own value is then that of 2020, said with its year.
    expect(report.value('pct_hh_laagste_40', report.region).year).toBe(2020);
  });

  it('Dijk en Waard (merged in 2022) chooses 2020 as well', async () => {
    const report = await reportFor('id: x\narea:\n  gemeente: GM1980\n');
    const { covered } = coverage('GM1980');
    const choice = wijkIndicatorChoice(report, 'pct_hh_laag_inkomen')!;
    expect(choice.def.id).toBe('pct_hh_laagste_40');
    expect(choice.note).toContain(`voor ${covered.length} van de`);
  });

  it('Arnhem: KWB 2021 covers every wijk, so the map keeps the low-income share of 2021', async () => {
    const report = await reportFor('id: x\narea:\n  gemeente: GM0202\n');
    const populated = report.mapWijken.filter((c) => report.dataset.wijken.get(c)!.populated);
    expect(populated.every((c) => report.wijkValue('pct_hh_laag_inkomen', c, 2021).value !== null)).toBe(true);
    expect(wijkIndicatorChoice(report, 'pct_hh_laag_inkomen')).toEqual({ def: report.catalogue.get('pct_hh_laag_inkomen'), year: 2021 });
    const map = report.sections.flatMap((s) => s.figures).find((f) => f.id === 'wijkkaart-laag-inkomen')!;
    expect(map).toMatchObject({ indicators: ['pct_hh_laag_inkomen'], wijkYear: 2021, title: 'Huishoudens met een laag inkomen per wijk' });
    expect(map.wijkNote).toBeUndefined();
  });
});
