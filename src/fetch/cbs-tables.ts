/**
 * CBS tables, each written in the layout of the staged file the reader knows.
 * Columns are found by the stem of their OData key ("AantalInwoners" of
 * "AantalInwoners_5"), because CBS numbers the keys anew in every edition.
 *
 * Checked against public code that queries these tables (issue 14; not against the live API):
 * - table ids 85039NED/85318NED/85618NED/85984NED = KWB 2021/2022/2023/2024: a year → id list in
 *   several clients (e.g. the 2013-2025 list behind "cbs_longitudinal", the cbsodata script
 *   "CBS_Kolommen" that asserts its stems in all four tables).
 * - the stems: the same names with other numbers in all four editions (85318NED in a 2022 clustering
 *   script: Gemeentenaam_1, OpleidingsniveauLaag_64, GemGestandaardiseerdInkomenVanHuish_75,
 *   PersonenPerSoortUitkeringBijstand_83, AfstandTotSchool_109; 85618NED in the Valora client
 *   (CbsNeighborhoodStatsClient.cs): GemiddeldeWOZWaardeVanWoningen_36, HuishoudensMetEenLaagInkomen_87,
 *   InBezitWoningcorporatie_43, AfstandTotKinderdagverblijf_117, AfstandTotSchool_118,
 *   MateVanStedelijkheid_125; 85984NED: AantalInwoners_5, PersonenPerSoortUitkeringBijstand_87,
 *   WmoClientenRelatief_94, Omgevingsadressendichtheid_121 …), except education: from 2023 on
 *   (85618NED: BasisonderwijsVmboMbo1_70, HavoVwoMbo24_71, HboWo_72; 85984NED: _67, _68, _69)
 *   where 2022 has OpleidingsniveauLaag/Middelbaar/Hoog.
 * - the three renames first assumed here (GemiddeldeWoningwaarde, GemGestandaardiseerdInkomen,
 *   HuishoudensMetLaagInkomen) occur in no edition found: they were dropped.
 */
import { toCsv } from './csv-out.js';
import { cbsValue, dataProperties, dimension, keyStem, odataAll, query, requirePeriod, resolveStems, tableUrl, type CbsRow, type DataProperty } from './cbs-odata.js';
import { KWB_EDITION_HEADER, editionColumns } from '../data/sources/kwb-editions.js';
import { TableProblem } from './problem.js';
import type { FetchContext, FetchedTable } from './types.js';

/** Kerncijfers wijken en buurten: one table per edition (year). */
export const kwbTableIds: Record<number, string> = { 2021: '85039NED', 2022: '85318NED', 2023: '85618NED', 2024: '85984NED' };
export const kwbTitle = (year: number) => `Kerncijfers wijken en buurten ${year}`;

interface KwbRow {
  code: string;
  recs: string;
  gemeentenaam: string;
  name: string;
  values: Map<string, number | string | null>;
}

const REGION_DIM = 'WijkenEnBuurten';

/**
 * One row per region: a table keyed by region whose answer names a region twice is refused (the
 * file written from it would keep one of the two silently). Names both rows (1-based, as answered).
 */
function uniqueRegions(url: string, codes: string[]): void {
  const first = new Map<string, number>();
  for (const [i, code] of codes.entries()) {
    const seen = first.get(code);
    if (seen !== undefined) throw new TableProblem(url, `region ${code} answered twice (rows ${seen + 1} and ${i + 1}): a table of one period has one row per region`);
    first.set(code, i);
  }
}

/** All regions of a KWB table with the given stems, codes trimmed, "." as null. */
async function kwbRows(ctx: FetchContext, table: string, stems: readonly string[], withNames: boolean, known?: DataProperty[]): Promise<{ rows: KwbRow[]; urls: string[] }> {
  const base = tableUrl(ctx.bases.cbs, table);
  const props = known ?? (await dataProperties(ctx.bases.cbs, table, ctx.http));
  const keys = resolveStems(props, ['Gemeentenaam', 'SoortRegio', ...stems], `${base}/DataProperties`);
  const url = query(`${base}/TypedDataSet`, { $select: [REGION_DIM, ...keys.values()].join(',') });
  const raw = await odataAll(url, ctx.http, (n) => ctx.progress(`${n.toLocaleString('nl-NL')} rows`));
  const names = withNames ? new Map((await dimension(ctx.bases.cbs, table, REGION_DIM, ctx.http)).map((d) => [d.Key.trim(), d.Title.trim()])) : new Map<string, string>();
  const rows = raw.map((r: CbsRow) => {
    const code = String(r[REGION_DIM] ?? '').trim();
    return {
      code,
      recs: String(cbsValue(r[keys.get('SoortRegio')!]) ?? ''),
      gemeentenaam: String(cbsValue(r[keys.get('Gemeentenaam')!]) ?? ''),
      name: names.get(code) ?? '',
      values: new Map(stems.map((s) => [s, cbsValue(r[keys.get(s)!])])),
    };
  });
  if (!rows.some((r) => r.code.startsWith('GM'))) throw new TableProblem(url, `no gemeente rows (codes GMnnnn in ${REGION_DIM})`);
  uniqueRegions(url, rows.map((r) => r.code));
  return { rows, urls: [url] };
}

const num = (v: number | string | null | undefined): number | null => (v === null || v === undefined ? null : typeof v === 'number' ? v : Number.isFinite(Number(v)) ? Number(v) : null);
const pct = (part: number | string | null | undefined, whole: number | string | null | undefined) => {
  const p = num(part);
  const w = num(whole);
  return p === null || w === null || w === 0 ? null : Math.round((p / w) * 100);
};

/** KWB 2024 (85984NED): gemeenten and wijken, 8 variables, as an object keyed by code. */
export const kwbBasisVariables = ['AantalInwoners_5', 'Mannen_6', 'Vrouwen_7', 'Bevolkingsdichtheid_34', 'Woningvoorraad_35', 'OppervlakteTotaal_122', 'OppervlakteLand_123', 'OppervlakteWater_124'] as const;

export async function fetchKwbBasis(ctx: FetchContext, table: string): Promise<FetchedTable> {
  const stems = kwbBasisVariables.map((v) => v.replace(/_\d+$/, ''));
  const { rows, urls } = await kwbRows(ctx, table, stems, false);
  const out: Record<string, Record<string, number | null>> = {};
  for (const r of rows) {
    if (!/^(GM\d{4}|WK\d{4}[0-9A-Z]{2})$/.test(r.code)) continue;
    out[r.code] = Object.fromEntries(kwbBasisVariables.map((v, i) => [v, num(r.values.get(stems[i]))]));
  }
  return { text: `${JSON.stringify(out, null, 2)}\n`, urls };
}

/** KWB 2022 gemeenten, in the columns of the staged PDOK export (names as in its build script). */
export const kwb2022Columns: [column: string, stem: string][] = [
  ['aantal_inwoners', 'AantalInwoners'],
  ['huishoudens', 'HuishoudensTotaal'],
  ['gem_huishouden_grootte', 'GemiddeldeHuishoudensgrootte'],
  ['bevolkingsdichtheid', 'Bevolkingsdichtheid'],
  ['woningvoorraad', 'Woningvoorraad'],
  ['gem_woz_waarde', 'GemiddeldeWOZWaardeVanWoningen'],
  ['gem_inkomen_inwoner', 'GemiddeldInkomenPerInwoner'],
  ['arbeidsparticipatie', 'Nettoarbeidsparticipatie'],
  ['omgevingsadressendichtheid', 'Omgevingsadressendichtheid'],
  ['stedelijkheid', 'MateVanStedelijkheid'],
  ['geboorte_relatief', 'GeboorteRelatief'],
  ['opl_laag', 'OpleidingsniveauLaag|BasisonderwijsVmboMbo1'],
  ['opl_midden', 'OpleidingsniveauMiddelbaar|HavoVwoMbo24'],
  ['opl_hoog', 'OpleidingsniveauHoog|HboWo'],
  ['pct_hh_laag_inkomen', 'k_40HuishoudensMetLaagsteInkomen'],
  ['pct_hh_hoog_inkomen', 'k_20HuishoudensMetHoogsteInkomen'],
  ['pct_rond_sociaal_min', 'HuishOnderOfRondSociaalMinimum'],
  ['gem_gestand_inkomen', 'GemGestandaardiseerdInkomenVanHuish'],
  ['mediaan_vermogen', 'MediaanVermogenVanParticuliereHuish'],
  ['pct_huurcorporatie', 'InBezitWoningcorporatie'],
  ['pct_jeugdzorg', 'PercentageJongerenMetJeugdzorg'],
  ['wmo_per_1000', 'WmoClientenRelatief'],
  ['afstand_kdv', 'AfstandTotKinderdagverblijf'],
  ['afstand_basisonderwijs', 'AfstandTotSchool'],
  ['opp_land', 'OppervlakteLand'],
];
/** Shares the PDOK export holds as whole percentages; OData has the counts. */
export const kwb2022Shares: [column: string, part: string, whole: string][] = [
  ['0_15', 'k_0Tot15Jaar', 'AantalInwoners'],
  ['15_25', 'k_15Tot25Jaar', 'AantalInwoners'],
  ['pct_hhd_met_kind', 'HuishoudensMetKinderen', 'HuishoudensTotaal'],
];
export const kwb2022Header = ['gemeentecode', 'gemeentenaam', ...kwb2022Columns.map(([c]) => c), ...kwb2022Shares.map(([c]) => c)];

export async function fetchKwb2022Gemeenten(ctx: FetchContext, table: string): Promise<FetchedTable> {
  const stems = [...new Set([...kwb2022Columns.map(([, s]) => s), ...kwb2022Shares.flatMap(([, a, b]) => [a, b])])];
  const { rows, urls } = await kwbRows(ctx, table, stems, false);
  const out = rows
    .filter((r) => /^GM\d{4}$/.test(r.code))
    .map((r) => [r.code, r.gemeentenaam, ...kwb2022Columns.map(([, s]) => r.values.get(s)), ...kwb2022Shares.map(([, a, b]) => pct(r.values.get(a), r.values.get(b)))]);
  return { text: toCsv(kwb2022Header, out), urls };
}

/** KWB 2021 gemeenten and wijken, in the CBS kwb short names of the staged workbook export. */
export const kwbShortNames: [short: string, stem: string][] = [
  ['a_inw', 'AantalInwoners'],
  ['a_00_14', 'k_0Tot15Jaar'],
  ['a_15_24', 'k_15Tot25Jaar'],
  ['a_hh', 'HuishoudensTotaal'],
  ['a_hh_m_k', 'HuishoudensMetKinderen'],
  ['g_hhgro', 'GemiddeldeHuishoudensgrootte'],
  ['bev_dich', 'Bevolkingsdichtheid'],
  ['a_woning', 'Woningvoorraad'],
  ['g_wozbag', 'GemiddeldeWOZWaardeVanWoningen'],
  ['p_wcorpw', 'InBezitWoningcorporatie'],
  ['a_opl_lg', 'OpleidingsniveauLaag|BasisonderwijsVmboMbo1'],
  ['a_opl_md', 'OpleidingsniveauMiddelbaar|HavoVwoMbo24'],
  ['a_opl_hg', 'OpleidingsniveauHoog|HboWo'],
  ['p_arb_pp', 'Nettoarbeidsparticipatie'],
  ['g_ink_pi', 'GemiddeldInkomenPerInwoner'],
  ['g_hh_sti', 'GemGestandaardiseerdInkomenVanHuish'],
  ['p_hh_li', 'k_40HuishoudensMetLaagsteInkomen'],
  ['p_hh_hi', 'k_20HuishoudensMetHoogsteInkomen'],
  ['p_hh_lkk', 'HuishoudensMetEenLaagInkomen'],
  ['p_hh_osm', 'HuishOnderOfRondSociaalMinimum'],
  ['m_hh_ver', 'MediaanVermogenVanParticuliereHuish'],
  ['a_soz_wb', 'PersonenPerSoortUitkeringBijstand'],
  ['a_wmo_t', 'WmoClienten'],
  ['p_wmo_t', 'WmoClientenRelatief'],
  ['g_afs_kv', 'AfstandTotKinderdagverblijf'],
  ['g_afs_sc', 'AfstandTotSchool'],
  ['ste_mvs', 'MateVanStedelijkheid'],
  ['ste_oad', 'Omgevingsadressendichtheid'],
];
export const kwbShortHeader = ['gwb_code_10', 'regio', 'gm_naam', 'recs', ...kwbShortNames.map(([s]) => s)];
const recsOf = (code: string, soort: string) => (code === 'NL00' || soort === 'Land' ? 'Land' : soort);

export async function fetchKwbShortNames(ctx: FetchContext, table: string, keep: (code: string) => boolean): Promise<FetchedTable> {
  const { rows, urls } = await kwbRows(ctx, table, kwbShortNames.map(([, s]) => s), true);
  const out = rows
    .filter((r) => keep(r.code))
    .map((r) => [r.code, r.name, r.gemeentenaam, recsOf(r.code, r.recs), ...kwbShortNames.map(([, s]) => r.values.get(s))]);
  return { text: toCsv(kwbShortHeader, out), urls };
}

/**
 * One KWB edition's social fields (the model of src/data/sources/kwb-editions.ts) for Nederland,
 * the gemeenten and the wijken, in the edition's kwb short names, keyed "gwb_code", with the
 * edition in column kwb_jaar. A field whose stem the table lacks (CBS dropped or renamed it, or
 * publishes it later) is an empty column and a warning in the fetch log, not an error; the region
 * columns and the inhabitants are required.
 */
export async function fetchKwbEdition(ctx: FetchContext, table: string, edition: number): Promise<FetchedTable> {
  const columns = editionColumns(edition);
  const props = await dataProperties(ctx.bases.cbs, table, ctx.http);
  const stems = new Set(props.map((p) => (p.Key ? keyStem(p.Key) : '')));
  const present = columns.filter((c) => c.short === 'a_inw' || c.stem.split('|').some((alt) => stems.has(alt)));
  const absent = columns.filter((c) => !present.includes(c));
  const { rows, urls } = await kwbRows(ctx, table, present.map((c) => c.stem), true, props);
  const out = rows
    .filter((r) => r.code === 'NL00' || /^(GM\d{4}|WK\d{4}[0-9A-Z]{2})$/.test(r.code))
    .map((r) => [r.code, r.name, r.gemeentenaam, recsOf(r.code, r.recs), edition, ...columns.map((c) => (present.includes(c) ? r.values.get(c.stem) : null))]);
  const warnings = absent.length ? [`not in ${table} (left empty): ${absent.map((c) => `${c.short} (${c.stem.split('|').map((s) => `${s}_…`).join(' or ')})`).join(', ')}`] : [];
  return { text: toCsv([...KWB_EDITION_HEADER, ...columns.map((c) => c.short)], out), urls, ...(warnings.length ? { warnings } : {}) };
}

/** The same short names keyed "gwb_code" (the layout of the staged Utrecht workbook export). */
export async function fetchKwbGemeente(ctx: FetchContext, table: string, gemeente: string): Promise<FetchedTable> {
  const digits = gemeente.slice(2);
  const t = await fetchKwbShortNames(ctx, table, (c) => c === gemeente || c.startsWith(`WK${digits}`) || c.startsWith(`BU${digits}`));
  return { ...t, text: t.text.replace(/^gwb_code_10,/, 'gwb_code,') };
}

/**
 * Jeugdzorg in natura; wijken en buurten (all forms, T001203): gemeenten and wijken of one year.
 * The ids 85075NED/85335NED, the dimensions (VormenVanJeugdzorg, Wijken, Perioden) and these keys
 * are those of the staged files, which are this table's UntypedDataSet as downloaded by
 * semkjaer/capybara1.0; no other public code found queries these two tables.
 */
export const jeugdzorgCounts = [
  'TotaalJongerenMetJeugdzorgInNatura_1',
  'k_0Tot4Jaar_2',
  'k_4Tot12Jaar_3',
  'k_12Tot18Jaar_4',
  'k_18Tot23Jaar_5',
  'ThuiswonendKindInEenouderhuishouden_6',
  'ThuiswonendKindBijEenPaar_7',
  'AnderHuishouden_8',
  'TotaalTrajectenInNatura_9',
  'GemeentelijkeToegang_10',
  'Huisarts_11',
  'Jeugdarts_12',
  'GecertificeerdeInstelling_13',
  'MedischSpecialist_14',
  'RechterOfficierVanJustitie_15',
  'GeenVerwijzer_16',
  'VerwijzerOnbekend_17',
  'Gemeentenaam_18',
  'SoortRegio_19',
  'Codering_20',
  'IndelingswijzigingWijken_21',
] as const;
const ALL_FORMS = 'T001203';

async function jeugdzorgRows(ctx: FetchContext, table: string, year: number): Promise<{ rows: { code: string; name: string; period: string; id: unknown; values: (string | number | null)[] }[]; urls: string[] }> {
  const base = tableUrl(ctx.bases.cbs, table);
  await requirePeriod(ctx.bases.cbs, table, `${year}JJ00`, ctx.http);
  const props = await dataProperties(ctx.bases.cbs, table, ctx.http);
  const stems = jeugdzorgCounts.map((c) => c.replace(/_\d+$/, ''));
  const keys = resolveStems(props, stems, `${base}/DataProperties`);
  const url = query(`${base}/TypedDataSet`, { $filter: `VormenVanJeugdzorg eq '${ALL_FORMS}' and Perioden eq '${year}JJ00'` });
  const raw = await odataAll(url, ctx.http, (n) => ctx.progress(`${n.toLocaleString('nl-NL')} rows`));
  const names = new Map((await dimension(ctx.bases.cbs, table, 'Wijken', ctx.http)).map((d) => [d.Key.trim(), d.Title.trim()]));
  const rows = raw.map((r) => {
    const code = String(r.Wijken ?? '').trim();
    return { code, name: names.get(code) ?? '', period: String(r.Perioden ?? '').trim(), id: r.ID, values: stems.map((s) => cbsValue(r[keys.get(s)!])) };
  });
  return { rows, urls: [url] };
}

export async function fetchJeugdzorgWijken(ctx: FetchContext, tables: { year: number; table: string }[]): Promise<FetchedTable> {
  const header = ['year', 'gwb_code_10', 'regio', 'gm_naam', 'recs', 'VormenVanJeugdzorg', 'Wijken', 'Perioden', ...jeugdzorgCounts];
  const out: unknown[][] = [];
  const urls: string[] = [];
  const gmNaam = jeugdzorgCounts.indexOf('Gemeentenaam_18');
  const soort = jeugdzorgCounts.indexOf('SoortRegio_19');
  for (const { year, table } of tables) {
    const t = await jeugdzorgRows(ctx, table, year);
    urls.push(...t.urls);
    for (const r of t.rows) {
      const recs = String(r.values[soort] ?? '');
      if (!/^(GM|WK)/.test(r.code) || !['Gemeente', 'Wijk'].includes(recs)) continue;
      out.push([year, r.code, r.name, r.values[gmNaam], recs, ALL_FORMS, r.code, r.period, ...r.values]);
    }
  }
  return { text: toCsv(header, out), urls };
}

/** Nederland and the gemeenten of one year, in the staged layout (an index column first). */
export async function fetchJeugdzorgGemeenten(ctx: FetchContext, table: string, year: number): Promise<FetchedTable> {
  const t = await jeugdzorgRows(ctx, table, year);
  const header = ['', 'ID', 'VormenVanJeugdzorg', 'Wijken', 'Perioden', ...jeugdzorgCounts];
  const rows = t.rows.filter((r) => /^(NL00|GM\d{4})$/.test(r.code)).map((r, i) => [i, r.id, ALL_FORMS, r.code, r.period, ...r.values]);
  return { text: toCsv(header, rows), urls: t.urls };
}

/**
 * A table in the layout of a StatLine CSV export: one column per dimension titled as
 * the dimension, then "<topic title> (<unit>)", values as titles, decimal comma, ";".
 * For 85098NED the cbsodataR maps vignette (rendered output) shows RegioS, Perioden "2022JJ00"
 * and the keys JongerenMetJeugdhulpInNatura_1 … JongerenMetJeugdreclassering_5; that a topic's
 * Title and Unit give exactly the export's column name is assumed, not seen.
 */
export async function fetchStatlineExport(ctx: FetchContext, table: string, year: number, regionDim: string): Promise<FetchedTable> {
  const base = tableUrl(ctx.bases.cbs, table);
  const period = await requirePeriod(ctx.bases.cbs, table, `${year}JJ00`, ctx.http);
  const props = await dataProperties(ctx.bases.cbs, table, ctx.http);
  const topics = props.filter((p) => p.Type === 'Topic');
  const regionTitle = props.find((p) => p.Key === regionDim)?.Title ?? "Regio's";
  const url = query(`${base}/TypedDataSet`, { $filter: `Perioden eq '${year}JJ00'` });
  const raw = await odataAll(url, ctx.http, (n) => ctx.progress(`${n.toLocaleString('nl-NL')} rows`));
  const regions = new Map((await dimension(ctx.bases.cbs, table, regionDim, ctx.http)).map((d) => [d.Key.trim(), d.Title.trim()]));
  const header = [regionTitle, 'Perioden', ...topics.map((t) => (t.Unit ? `${t.Title} (${t.Unit})` : t.Title))];
  const comma = (v: unknown, p: DataProperty) => {
    const x = cbsValue(v);
    if (x === null) return '';
    const n = typeof x === 'number' ? x : Number(x);
    return Number.isFinite(n) ? (p.Decimals ? n.toFixed(p.Decimals) : String(n)).replace('.', ',') : String(x);
  };
  const rows = raw
    .filter((r) => /^(NL\d\d|GM\d{4})$/.test(String(r[regionDim] ?? '').trim()))
    .map((r) => [regions.get(String(r[regionDim]).trim()) ?? String(r[regionDim]).trim(), period.Title.trim(), ...topics.map((t) => comma(r[t.Key], t))]);
  return { text: toCsv(header, rows, ';', true), urls: [url] };
}

/**
 * Gebieden in Nederland: per gemeente (RegioS) the code and name of its veiligheidsregio and
 * provincie, found as the "Code"/"Naam" topics under the topic groups of those names, at any depth.
 * 85385NED = Gebieden in Nederland 2023 in several public scripts; its groups are nested
 * ("Codes en namen van gemeenten|Code", "Lokaliseringen van gemeenten|Provincies|Code" in
 * quintel/etdataset-public: pipelines/config/CBS Gebieden in Nederland 2023 - ETM version.csv).
 * The title of the veiligheidsregio group was not seen in public material.
 */
export async function fetchGebieden(ctx: FetchContext, table: string): Promise<FetchedTable> {
  const base = tableUrl(ctx.bases.cbs, table);
  const props = await dataProperties(ctx.bases.cbs, table, ctx.http);
  const group = (title: RegExp) => {
    const g = props.find((p) => p.Type === 'TopicGroup' && title.test(p.Title));
    const child = (stem: string) => props.find((p) => p.ParentID === g?.ID && p.Key.replace(/_\d+$/, '') === stem)?.Key;
    const code = child('Code');
    const name = child('Naam');
    if (!g || !code || !name) throw new TableProblem(`${base}/DataProperties`, `no topic group ${title} with topics Code_… and Naam_… (changed by CBS?)`);
    return { code, name };
  };
  const vr = group(/^Veiligheidsregio/i);
  const pv = group(/^Provincie/i);
  const url = query(`${base}/TypedDataSet`, {});
  const raw = await odataAll(url, ctx.http);
  const names = new Map((await dimension(ctx.bases.cbs, table, 'RegioS', ctx.http)).map((d) => [d.Key.trim(), d.Title.trim()]));
  const gemeenten = raw.map((r) => ({ code: String(r.RegioS ?? '').trim(), r })).filter(({ code }) => /^GM\d{4}$/.test(code));
  uniqueRegions(url, gemeenten.map((g) => g.code));
  const rows = gemeenten
    .map(({ code, r }) => [code, names.get(code) ?? '', cbsValue(r[vr.code]), cbsValue(r[vr.name]), cbsValue(r[pv.code]), cbsValue(r[pv.name]), 'NL']);
  const header = ['gemeentCode', 'gemeenteNaam', 'veiligheidsRegioCode', 'veiligheidsRegioNaam', 'provincieCode', 'Provincie', 'Land'];
  return { text: toCsv(header, rows, ';', true), urls: [url] };
}
