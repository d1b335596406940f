/**
 * Newest KWB edition per indicator (issue 22 item 5b): the fake publishers serve KWB 2023
 * (85618NED) and 2024 (85984NED) in a newer edition's layout with FIXTURE figures for Amsterdam
 * (`newerKwb`); their tables are fetched and checked as `data fetch` does, written beside the
 * staged files, and the loaded dataset, a wijk map and the verantwoording show the newest edition
 * with a value. The staged data (no KWB 2023/2024 social file) gives the reports it gave before.
 */
import { readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRegionConfig } from '../../src/config/load.js';
import { parseCsvRecords } from '../../src/util/csv.js';
import { resolveRegionConfig } from '../../src/config/resolve.js';
import { loadDataset, type Dataset } from '../../src/data/load-dataset.js';
import { NEDERLAND_CODE } from '../../src/data/series.js';
import { selectReportData, shownYear, wijkMapYear, type ReportData } from '../../src/data/select.js';
import { kwbEdition } from '../../src/data/sources/kwb-editions.js';
import { fetchTables } from '../../src/fetch/catalogue.js';
import { checkText } from '../../src/fetch/validate.js';
import { composeReport } from '../../src/interpret/edition.js';
import { buildWijkMap } from '../../src/maps/build-map.js';
import { renderFigures } from '../../src/pipeline/render-region.js';
import { buildReportView } from '../../src/render/view-model.js';
import { realDataset } from '../helpers/data.js';
import { fakeFetchContext, newerKwbFixture, startFakePublishers, type FakePublishers } from '../helpers/fake-publishers.js';
import { stagedDataWith } from '../helpers/linked-data.js';
import { TIMEOUT_MS } from '../helpers/timeouts.js';

const FIX = newerKwbFixture;

let fake: FakePublishers;
let tmp: string;
let dataset: Dataset;
const texts = new Map<number, string>();
const warnings = new Map<number, string[]>();

/** The 2024 wijken of Amsterdam in file order (the fixture's index i), from the staged map. */
async function amsterdamWijken(): Promise<string[]> {
  const basis = JSON.parse(await readFile(join((await realDataset()).dataDir, 'cbs/kwb_2024_85984NED_gm_wk_basis.json'), 'utf8')) as Record<string, unknown>;
  const fc = JSON.parse(await readFile(join((await realDataset()).dataDir, 'geo/wijken_2024_pdok.geojson'), 'utf8')) as { features: { properties: Record<string, unknown> }[] };
  return fc.features.map((f) => f.properties).filter((p) => p.gemeentecode === FIX.gemeente && basis[String(p.wijkcode)]).map((p) => String(p.wijkcode));
}

async function reportOf(yaml: string): Promise<ReportData> {
  return selectReportData(await resolveRegionConfig(parseRegionConfig(yaml, 'tests/fixtures/inline.yaml')), dataset);
}

const AMSTERDAM = `id: amsterdam-kwb
area:
  gemeente: Amsterdam
edition: volledig
sections:
  - domain: armoede
    figures: ["wijkkaart:pct_hh_laag_inkomen", "wijkkaart:pct_personen_armoede", "vergelijking:pct_personen_armoede"]
    indicators: [pct_hh_laag_inkomen, pct_personen_armoede]
`;

beforeAll(async () => {
  fake = await startFakePublishers({ newerKwb: true });
  tmp = await mkdtemp(join(tmpdir(), 'ck-kwb-editions-'));
  const dir = await stagedDataWith(join(tmp, 'data'), {});
  for (const year of [2023, 2024]) {
    const table = fetchTables.find((t) => t.name === `cbs-kwb-${year}-sociaal`)!;
    const got = await table.fetch(fakeFetchContext(fake));
    // The same checks as data fetch runs on every table before it is switched in.
    expect(checkText(table.check, got.text), `${table.file} passes its checks`).toEqual([]);
    texts.set(year, got.text);
    warnings.set(year, got.warnings ?? []);
    await writeFile(join(dir, kwbEdition(year).file), got.text);
  }
  dataset = await loadDataset(dir);
}, TIMEOUT_MS.data);

afterAll(async () => {
  await fake?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('fetching the newer KWB editions', () => {
  it('writes each edition in the kwb short names, its year in every row, the fields it lacks empty and named in the log', () => {
    const [h23] = texts.get(2023)!.split('\n');
    const [h24] = texts.get(2024)!.split('\n');
    expect(h23.split(',').slice(0, 6)).toEqual(['gwb_code', 'regio', 'gm_naam', 'recs', 'kwb_jaar', 'a_inw']);
    // 2023: the new education names, the lage-inkomensgrens; no poverty measure yet.
    for (const c of ['a_opl_bvm', 'a_opl_hvm', 'a_opl_hw', 'p_hh_lkk', 'p_hh_osm']) expect(h23.split(','), c).toContain(c);
    expect(h23.split(',')).not.toContain('p_ink_ar');
    // 2024: the poverty measure; the lage-inkomensgrens is gone.
    for (const c of ['p_ink_ar', 'p_ink_ba', 'g_hh_sti']) expect(h24.split(','), c).toContain(c);
    expect(h24.split(',')).not.toContain('p_hh_lkk');
    for (const [year, text] of texts) for (const { line, values } of parseCsvRecords(text).records) expect(values.kwb_jaar, `line ${line}`).toBe(String(year));
    // 85984NED in the fake lacks the distances: empty, and said in the fetch log.
    expect(warnings.get(2024)!.join(' ')).toMatch(/not in 85984NED \(left empty\): .*g_afs_sc \(AfstandTotSchool_…\)/);
    expect(warnings.get(2024)!.join(' ')).not.toContain('p_ink_ar');
  });

  it('refuses a file of another edition under this one\'s name', async () => {
    const dir = await stagedDataWith(join(tmp, 'swapped'), {});
    await writeFile(join(dir, kwbEdition(2024).file), texts.get(2023)!);
    await expect(loadDataset(dir)).rejects.toThrow(/kwb_2024_gm_wk_sociaal\.csv:2: kwb_jaar is "2023", but this file holds KWB 2024/);
  }, TIMEOUT_MS.data);
});

describe('the loaded dataset takes the newest edition with a value', () => {
  it('p_hh_lkk from KWB 2023 and p_ink_ar from KWB 2024 for a wijk KWB 2021 does not have', async () => {
    const wijken = await amsterdamWijken();
    // A wijk of 2024 that KWB 2021 cannot fill (Amsterdam's new codes), and that KWB 2023 has.
    const code = wijken.find((c) => c !== FIX.missingIn2023 && (dataset.series.get('pct_hh_laag_inkomen', 2021, c)?.value ?? null) === null)!;
    expect(code).toMatch(/^WK0363[A-Z]{2}$/);
    const i = wijken.indexOf(code);
    expect(dataset.series.get('pct_hh_laag_inkomen', 2023, code)?.value).toBe(FIX.lkk(i));
    expect(dataset.series.get('pct_personen_armoede', 2024, code)?.value).toBe(FIX.armoede(i));
    // No lage-inkomensgrens in 2024, no poverty measure before it.
    expect(dataset.series.years('pct_hh_laag_inkomen')).not.toContain(2024);
    expect(dataset.series.years('pct_personen_armoede')).toEqual([2024]);
    // A 2024 wijk the 2023 edition lacks: missing with the reason.
    expect(dataset.series.get('pct_hh_laag_inkomen', 2023, FIX.missingIn2023)).toMatchObject({ value: null, note: 'geen gelijke wijk in de wijkindeling van 2023' });
    // The gemeente and education from the same editions.
    expect(dataset.series.get('pct_hh_laag_inkomen', 2023, FIX.gemeente)?.value).toBe(FIX.gemeenteLkk);
    expect(dataset.series.get('pct_opl_laag', 2024, FIX.gemeente)?.value).toBeCloseTo(25, 1);
    // Another gemeente keeps its KWB 2021 figure: the fixture has none for it in 2023.
    expect(dataset.series.get('pct_hh_laag_inkomen', 2021, 'GM0202')?.value).not.toBeNull();
    expect(dataset.series.get('pct_hh_laag_inkomen', 2021, NEDERLAND_CODE)?.value).toBe(6.8);
  });

  it('a wijk map and the figure text show that edition\'s year and source; the verantwoording cites it', async () => {
    const report = await reportOf(AMSTERDAM);
    const lkk = report.catalogue.get('pct_hh_laag_inkomen')!;
    const armoede = report.catalogue.get('pct_personen_armoede')!;
    expect(wijkMapYear(report, lkk)).toBe(2023);
    expect(wijkMapYear(report, armoede)).toBe(2024);
    expect(shownYear(report, lkk)).toBe(2023);
    const figures = report.sections[0].figures;
    const lkkMap = buildWijkMap(report, figures.find((f) => f.indicators[0] === 'pct_hh_laag_inkomen' && f.kind === 'wijk-map')!);
    expect(lkkMap.title).toMatch(/, 2023$/);
    expect(lkkMap.source).toContain('Bron: CBS, Kerncijfers wijken en buurten 2023 (gemeenten en wijken)');
    const armoedeMap = buildWijkMap(report, figures.find((f) => f.indicators[0] === 'pct_personen_armoede' && f.kind === 'wijk-map')!);
    expect(armoedeMap.title).toMatch(/, 2024$/);
    expect(armoedeMap.source).toContain('Bron: CBS, Kerncijfers wijken en buurten 2024 (gemeenten en wijken)');

    const composed = composeReport(report);
    const { figures: rendered, svgs } = await renderFigures(composed.report, composed.interpretation);
    const view = buildReportView(composed.report, composed.interpretation, rendered, svgs, 'x.y.z', new Date('2026-01-01T00:00:00Z'));
    const cited = view.colophon.sources.map((s) => s.citation);
    expect(cited).toContain('CBS, Kerncijfers wijken en buurten 2023 (gemeenten en wijken)');
    expect(cited).toContain('CBS, Kerncijfers wijken en buurten 2024 (gemeenten en wijken)');
    const definition = JSON.stringify(view);
    expect(definition).toContain('armoedegrens van CBS, Nibud en SCP');
  }, TIMEOUT_MS.data);
});

describe('the staged data (no KWB 2023/2024 social file) gives the reports it gave', () => {
  it('KWB 2021 for the wijk maps and gemeente figures it showed, no note about the newer editions', async () => {
    const staged = await realDataset();
    expect(staged.series.years('pct_hh_laag_inkomen')).toEqual([2021]);
    expect(staged.series.years('pct_personen_armoede')).toEqual([]);
    expect(staged.series.years('pct_opl_laag')).toEqual([2021, 2022]);
    expect(staged.series.years('bijstand_per_1000')).toEqual([2021, 2023]);
    expect(staged.notes.join(' ')).not.toMatch(/Kerncijfers wijken en buurten 202[34] \(gemeenten en wijken\)/);
    expect(staged.missingTables).toEqual([]);
    for (const gemeente of ['Arnhem', 'Utrecht']) {
      const report = await selectReportData(
        await resolveRegionConfig(parseRegionConfig(`id: x\narea:\n  gemeente: ${gemeente}\nedition: volledig\n`, 'tests/fixtures/inline.yaml')),
        staged,
      );
      const lkk = report.catalogue.get('pct_hh_laag_inkomen')!;
      expect(wijkMapYear(report, lkk), gemeente).toBe(2021);
      expect(shownYear(report, lkk), gemeente).toBe(2021);
      expect(shownYear(report, report.catalogue.get('pct_opl_laag')!), gemeente).toBe(2022);
      // The poverty measure of 2024 is in no standard section: no empty block for it.
      expect(report.sections.some((s) => s.indicators.some((d) => d.id === 'pct_personen_armoede') || s.figures.some((f) => f.indicators.includes('pct_personen_armoede'))), gemeente).toBe(false);
      expect(report.sections.flatMap((s) => s.omitted).join(' '), gemeente).not.toMatch(/armoede \(|personen in armoede/i);
    }
  }, TIMEOUT_MS.data);
});
