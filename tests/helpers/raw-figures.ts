/**
 * Issue 11: the figures of the Kerncijfers tables computed from the raw files in the data
 * directory by a second, simple path: not the product's readers, indeling conversion or
 * aggregation. Used by tests/integration/recompute.test.ts and scripts/recompute-all-gemeenten.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The 2023 code of a gemeente of the 2021 or 2022 indeling (mergers of 2022 and 2023). */
export const to2023: Record<string, string> = { GM0756: 'GM1982', GM1684: 'GM1982', GM0786: 'GM1982', GM0815: 'GM1982', GM1702: 'GM1982', GM1685: 'GM1991', GM0856: 'GM1991', GM0398: 'GM1980', GM0416: 'GM1980', GM0370: 'GM0439', GM0457: 'GM0363', GM0501: 'GM1992', GM0530: 'GM1992', GM0614: 'GM1992' };
// ---------------------------------------------------------------------------------------------
// Every Kerncijfers cell. The rules below are CBS's and the report's stated ones, written again
// here: counts are summed; shares weighted by their base of the same year, or recomputed from
// counts; a comparison group needs values for two thirds of its gemeenten; Nederland is CBS's
// published figure where the source has one.

type Row = Record<string, number | null>;
interface Table {
  rows: Map<string, Row>;
  /** Nederland as the publisher prints it, when the file has it. */
  nl?: Row;
}

/** A CSV parser that honours quotes (names with commas), independent of src/data/csv.ts. */
function parseCsvText(raw: string, sep: string): Record<string, string>[] {
  const text = raw.replace(/^\uFEFF/, '');
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === sep) record.push(field), (field = '');
    else if (ch === '\n') record.push(field.replace(/\r$/, '')), records.push(record), (record = []), (field = '');
    else field += ch;
  }
  if (field || record.length) record.push(field), records.push(record);
  const [header, ...body] = records;
  return body.filter((r) => r.length > 1).map((r) => Object.fromEntries(header.map((h, i) => [h.trim(), (r[i] ?? '').trim()])));
}

/** "" and "." are unknown; decimal commas where the publisher uses them. */
const num = (s: string | undefined, comma = false): number | null => {
  if (s === undefined || s === '' || s === '.') return null;
  const n = Number(comma ? s.replace(',', '.') : s);
  return Number.isFinite(n) ? n : null;
};
const numeric = (r: Record<string, string>, comma = false): Row => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, num(v, comma)]));

/** Gemeenten merged since 2019, old code → code of 2023. */
const mergedInto: Record<string, string> = { ...to2023, GM0003: 'GM1979', GM0010: 'GM1979', GM0024: 'GM1979' };
/** Haaren (GM0788) was split in 2021 by village; its schools go with their village. */
const haarenVillage: Record<string, string> = { HAAREN: 'GM0824', HELVOIRT: 'GM0865', ESCH: 'GM0757', BIEZENMORTEL: 'GM0855' };
export const code2023 = (c: string) => mergedInto[c] ?? c;

export function rawFigures(dataDir: string) {
  const parseCsv = (file: string, sep: string) => parseCsvText(readFileSync(join(dataDir, file), 'utf8'), sep);
  const koppel = parseCsv('cbs/gemeente_vr_provincie_koppeling.csv', ';');
  const k21 = parseCsv('cbs/kwb_2021_gm_wk_sociaal.csv', ',');
  const k22 = parseCsv('cbs/kwb_2022_gemeenten_pdok_indicatoren.csv', ',').filter((r) => r.gemeentecode !== 'GM0998');
  const k23 = (JSON.parse(readFileSync(join(dataDir, 'geo/gemeenten_2023_pdok_kwb.geojson'), 'utf8')) as { features: { properties: Record<string, unknown> }[] }).features
    .map((f) => f.properties)
    .filter((p) => p.gemeentecode !== 'GM0998');
  const k24 = JSON.parse(readFileSync(join(dataDir, 'cbs/kwb_2024_85984NED_gm_wk_basis.json'), 'utf8')) as Record<string, Row>;
  const jz = parseCsv('cbs/jeugdzorg_in_natura_gm_wk_2021_2022.csv', ',').filter((r) => r.recs === 'Gemeente');
  const jzNl = parseCsv('cbs/jeugdzorg_in_natura_nl_gm_2022_85335NED.csv', ',').find((r) => r.Wijken === 'NL00')!;
  const j98 = parseCsv('cbs/indicatoren_jeugdzorg_gemeenten_2022v_85098NED.csv', ';');
  const po = parseCsv('duo/po/afstand_woonadres_schoolvestiging_po_so_2019-2020.csv', ';');

  const kwb22 = new Map(k22.map((r) => [r.gemeentecode, numeric(r)]));
  const kwb23 = new Map(k23.map((p) => [String(p.gemeentecode), Object.fromEntries(Object.entries(p).map(([k, v]) => [k, typeof v === 'number' ? v : null])) as Row]));
  // Young people 0-25 of 2022: inhabitants × (share 0-15 + share 15-25), the base of the youth care shares.
  for (const r of kwb22.values()) r.jong = r.aantal_inwoners !== null && r['0_15'] !== null && r['15_25'] !== null ? (r.aantal_inwoners * (r['0_15'] + r['15_25'])) / 100 : null;
  const jzYear = (y: string): Table => ({ rows: new Map(jz.filter((r) => r.year === y).map((r) => [r.gwb_code_10, numeric(r)])) });
  const jz22 = jzYear('2022');
  jz22.nl = numeric(jzNl);
  // 85098 names its gemeenten (indeling 2022) as StatLine does: "Beek (L.)", "Groningen (gemeente)"
  // as in CBS's koppeltabel; gemeenten merged in 2023 by their KWB 2022 name.
  const codeByName22 = new Map([...k22.map((r) => [r.gemeentenaam, r.gemeentecode] as const), ...koppel.map((r) => [r.gemeenteNaam, r.gemeentCode] as const)]);
  const jeugd: Table = { rows: new Map() };
  for (const r of j98) {
    const row = numeric(r, true);
    const values: Row = {
      jeugdhulp: row['Jongeren met jeugdhulp in natura (% (zie toelichting))'],
      jeugdhulpVerblijf: row['Jongeren met jeugdh. met verbl. in nat. (% (zie toelichting))'],
      bescherming: row['Jongeren met jeugdbescherming (% (zie toelichting))'],
      beschermingVerblijf: row['Jeugdbesch. en jeugdh. met verbl. in nat (% (zie toelichting))'],
      reclassering: row['Jongeren met jeugdreclassering (% (zie toelichting))'],
    };
    if (r["Regio's"] === 'Nederland') jeugd.nl = values;
    else if (Object.values(values).some((v) => v !== null)) {
      // Rows of gemeenten that no longer existed in 2022 (Beemster, Uden, …) are empty.
      const code = codeByName22.get(r["Regio's"]);
      if (!code) throw new Error(`85098 gemeente "${r["Regio's"]}" not in KWB 2022 nor the koppeltabel`);
      const k = kwb22.get(code!)!;
      values.jong = k.jong;
      values.jongJeugdzorg = jz22.rows.get(code!)?.TotaalJongerenMetJeugdzorgInNatura_1 ?? null;
      values.jongBescherming = values.bescherming !== null && k.jong !== null ? (values.bescherming / 100) * k.jong : null;
      jeugd.rows.set(code!, values);
    }
  }
  // DUO pupils and vestigingen per gemeente, 1 October 2019, by where the school is.
  const duo: Table = { rows: new Map() };
  const seen = new Set<string>();
  for (const r of po) {
    const soort = r.SOORT_PO.toLowerCase();
    const key = `${r.BRIN_NUMMER}${r.VESTIGINGSNUMMER}:${soort}`;
    if (seen.has(key)) continue;
    seen.add(key);
    let code = `GM${r.GEMEENTENUMMER.padStart(4, '0')}`;
    if (code === 'GM0788') code = haarenVillage[r.PLAATSNAAM.toUpperCase()];
    const t = duo.rows.get(code) ?? { bo: 0, sbo: 0, so: 0, vso: 0, boV: 0, sboV: 0, soV: 0 };
    t[soort] = t[soort]! + Number(r.LEERLINGEN);
    duo.rows.set(code, t);
  }
  const vestigingen = new Map<string, Set<string>>();
  for (const r of po) {
    let code = `GM${r.GEMEENTENUMMER.padStart(4, '0')}`;
    if (code === 'GM0788') code = haarenVillage[r.PLAATSNAAM.toUpperCase()];
    const kind = { bo: 'boV', sbo: 'sboV', so: 'soV', vso: 'soV' }[r.SOORT_PO.toLowerCase()]!;
    const set = vestigingen.get(`${code}|${kind}`) ?? new Set();
    set.add(r.BRIN_NUMMER + r.VESTIGINGSNUMMER);
    vestigingen.set(`${code}|${kind}`, set);
  }
  for (const [key, set] of vestigingen) {
    const [code, kind] = key.split('|');
    duo.rows.get(code)![kind] = set.size;
  }

  const kwb21: Table = { rows: new Map(k21.filter((r) => r.recs === 'Gemeente').map((r) => [r.gwb_code_10, numeric(r)])), nl: numeric(k21.find((r) => r.recs === 'Land')!) };
  for (const r of [...kwb21.rows.values(), kwb21.nl!]) r.jong = r.a_00_14 !== null && r.a_15_24 !== null ? r.a_00_14 + r.a_15_24 : null;
  const jz21 = jzYear('2021');
  for (const [code, r] of jz21.rows) r.jong = kwb21.rows.get(code)?.jong ?? null;
  return {
    provinceOf: new Map(koppel.map((r) => [r.gemeentCode, r.provincieCode])),
    codeByName: new Map(koppel.map((r) => [r.gemeenteNaam.replace(/ \(gemeente\)$/, ''), r.gemeentCode])),
    all: koppel.map((r) => r.gemeentCode),
    kwb21,
    kwb22: { rows: kwb22 } as Table,
    kwb23: { rows: kwb23 } as Table,
    kwb24: { rows: new Map(Object.entries(k24).filter(([c]) => c.startsWith('GM'))) } as Table,
    jz21,
    jz22,
    jeugd,
    duo,
  };
}
export type RawFigures = ReturnType<typeof rawFigures>;

/** The rows of a table that lie in the given gemeenten of 2023 (old codes included). */
export const membersOf = (t: Table, codes: string[]) => {
  const want = new Set(codes);
  return [...t.rows.entries()].filter(([c]) => want.has(code2023(c))).map(([, r]) => r);
};
/** Too few members with a value: no figure for the group (the report's two-thirds rule). */
export const covered = (have: number, of: number) => of === 1 || have >= (of * 2) / 3;

/** A value, null for none, "afgeschermd" where the publisher masked a small count, or an approximation. */
export type Figure = (codes: string[], nl: boolean) => number | null | 'afgeschermd' | { approximate: number };

/** The cell as the report should print it. */
export function expectedCell(cell: Cell, codes: string[], nl: boolean, group: boolean): string {
  if (cell.single && group) return 'n.v.t.';
  const value = cell.figure(codes, nl);
  if (value === null) return 'geen gegevens';
  if (value === 'afgeschermd') return value;
  if (typeof value === 'object') return `ca. ${formats[cell.format](value.approximate)}`;
  return formats[cell.format](value);
}
const sumOf = (t: Table, f: string, opts: { sparse?: boolean } = {}): Figure => (codes, nl) => {
  if (nl && t.nl?.[f] != null) return t.nl[f];
  const m = membersOf(t, codes).filter((r) => r[f] !== null);
  if (!opts.sparse && !covered(m.length, membersOf(t, codes).length)) return null;
  return m.length ? m.reduce((a, r) => a + r[f]!, 0) : opts.sparse ? 0 : null;
};
/** A figure that cannot be combined (a median): only a gemeente that is one row of the table has it. */
const oneOf = (t: Table, f: string): Figure => (codes) => {
  const rows = membersOf(t, codes);
  return rows.length === 1 ? rows[0][f] : null;
};

/**
 * Weighted by the base: a merged gemeente counts when all its parts have a figure, or, as an
 * approximation ("ca."), when the parts without one hold less than 5% of its weight.
 */
const weighted = (t: Table, f: string, w: string, wt: Table = t): Figure => (codes, nl) => {
  if (nl && t.nl?.[f] != null) return t.nl[f];
  const weightOf = (c: string) => wt.rows.get(c)?.[w] ?? null;
  const byGemeente = new Map<string, string[]>();
  for (const c of t.rows.keys()) if (codes.includes(code2023(c))) byGemeente.set(code2023(c), [...(byGemeente.get(code2023(c)) ?? []), c]);
  const used: string[] = [];
  let approximate = false;
  for (const parts of byGemeente.values()) {
    const present = parts.filter((c) => t.rows.get(c)![f] !== null && weightOf(c) !== null);
    if (present.length === parts.length) used.push(...parts);
    else if (present.length > 0 && parts.every((c) => weightOf(c) !== null)) {
      const share = present.reduce((a, c) => a + weightOf(c)!, 0) / parts.reduce((a, c) => a + weightOf(c)!, 0);
      if (share >= 0.95) (used.push(...present), (approximate = byGemeente.size === 1));
    }
  }
  const counted = [...byGemeente.values()].filter((parts) => parts.some((c) => used.includes(c))).length;
  if (!used.length || !covered(counted, byGemeente.size)) return null;
  const value = used.reduce((a, c) => a + t.rows.get(c)![f]! * weightOf(c)!, 0) / used.reduce((a, c) => a + weightOf(c)!, 0);
  return approximate ? { approximate: value } : value;
};
const ratio = (t: Table, nums: string[], dens: string[], scale: number, opts: { sparse?: boolean; emptyIsMasked?: boolean } = {}): Figure => (codes, nl) => {
  const rows = nl && t.nl ? [t.nl] : membersOf(t, codes);
  // CBS youth care: an empty part beside a published total is a masked small count.
  if (opts.emptyIsMasked && rows.length === 1 && dens.every((f) => rows[0][f] !== null) && nums.some((f) => rows[0][f] === null)) return 'afgeschermd';
  // A merged gemeente counts only when all its parts have their counts (else its sum would be too small).
  const complete = (r: Row) => [...nums, ...dens].every((f) => r[f] !== null);
  const byGemeente = new Map<string, Row[]>();
  for (const [c, r] of nl && t.nl ? [['NL', t.nl] as const] : [...t.rows.entries()].filter(([c]) => codes.includes(code2023(c)))) {
    byGemeente.set(code2023(c), [...(byGemeente.get(code2023(c)) ?? []), r]);
  }
  const m = [...byGemeente.values()].filter((parts) => parts.every(complete)).flat();
  const countedGemeenten = [...byGemeente.values()].filter((parts) => parts.every(complete)).length;
  if (!m.length || (!opts.sparse && !covered(countedGemeenten, byGemeente.size))) return null;
  const add = (fs: string[]) => m.reduce((a, r) => a + fs.reduce((b, f) => b + r[f]!, 0), 0);
  return (add(nums) / add(dens)) * scale;
};

const nl1 = (v: number, d: number) => v.toLocaleString('nl-NL', { minimumFractionDigits: d, maximumFractionDigits: d, useGrouping: true }).replace(/\s/g, '.');
export const formats = {
  pct0: (v: number) => `${nl1(v, 0)}%`,
  pct1: (v: number) => `${nl1(v, 1)}%`,
  count: (v: number) => nl1(v, 0),
  dec1: (v: number) => nl1(v, 1),
  per1000: (v: number) => `${nl1(v, 0)} per 1.000`,
  per100: (v: number) => `${nl1(v, 1)} per 100`,
  perKm2: (v: number) => `${nl1(v, 0)} per km²`,
  km: (v: number) => `${nl1(v, 1)} km`,
  euroK0: (v: number) => `€ ${nl1(Math.round(v) * 1000, 0)}`,
  euroK1: (v: number) => `€ ${nl1(Math.round(v * 10) * 100, 0)}`,
};
export interface Cell {
  /** The catalogue id, to find the row in a report without its PDF. */
  id: string;
  /** The first line of the row's label in the PDF. */
  label: string;
  /** The n-th table row that starts with this label (labels that wrap share a first line). */
  nth?: number;
  year: string;
  format: keyof typeof formats;
  figure: Figure;
  /** Not combinable over gemeenten (a median): the groups print n.v.t. */
  single?: boolean;
}
export function kerncijferCells(raw: RawFigures): Cell[] {
  const { kwb21, kwb22, kwb23, kwb24, jz21, jz22, jeugd, duo } = raw;
  return [
    // Demografie
    { id: 'inwoners', label: 'Inwoners', year: '2024', format: 'count', figure: sumOf(kwb24, 'AantalInwoners_5') },
    { id: 'pct_0_15', label: '0 tot 15 jaar', year: '2023', format: 'pct0', figure: weighted(kwb23, 'percentagePersonen0Tot15Jaar', 'aantalInwoners') },
    { id: 'pct_15_25', label: '15 tot 25 jaar', year: '2023', format: 'pct0', figure: weighted(kwb23, 'percentagePersonen15Tot25Jaar', 'aantalInwoners') },
    { id: 'huishoudens', label: 'Huishoudens', year: '2023', format: 'count', figure: sumOf(kwb23, 'aantalHuishoudens') },
    { id: 'pct_hh_met_kinderen', label: 'Huishoudens met kinderen', year: '2023', format: 'pct0', figure: weighted(kwb23, 'percentageHuishoudensMetKinderen', 'aantalHuishoudens') },
    { id: 'gem_huishoudgrootte', label: 'Gemiddelde huishoudensgrootte', year: '2023', format: 'dec1', figure: weighted(kwb23, 'gemiddeldeHuishoudsgrootte', 'aantalHuishoudens') },
    { id: 'pct_herkomst_buiten_europa', label: 'Herkomstland buiten Europa', year: '2023', format: 'pct0', figure: weighted(kwb23, 'percentageMetHerkomstlandBuitenEuropa', 'aantalInwoners') },
    { id: 'geboorte_per_1000', label: 'Geboorten per 1.000 inwoners', year: '2022', format: 'per1000', figure: weighted(kwb22, 'geboorte_relatief', 'aantal_inwoners') },
    // Wijk en stedelijkheid
    { id: 'omgevingsadressendichtheid', label: 'Omgevingsadressendichtheid', year: '2023', format: 'perKm2', figure: weighted(kwb23, 'omgevingsadressendichtheid', 'aantalInwoners') },
    { id: 'bevolkingsdichtheid', label: 'Bevolkingsdichtheid', year: '2024', format: 'perKm2', figure: weighted(kwb24, 'Bevolkingsdichtheid_34', 'OppervlakteLand_123') },
    { id: 'pct_corporatiewoningen', label: 'Corporatiewoningen', year: '2022', format: 'pct0', figure: weighted(kwb22, 'pct_huurcorporatie', 'woningvoorraad') },
    { id: 'gem_woz', label: 'Gemiddelde WOZ-waarde', year: '2022', format: 'euroK0', figure: weighted(kwb22, 'gem_woz_waarde', 'woningvoorraad') },
    // Inkomen en armoede
    { id: 'pct_hh_laag_inkomen', label: 'Huishoudens met een laag', year: '2021', format: 'pct1', figure: weighted(kwb21, 'p_hh_lkk', 'a_hh') },
    { id: 'pct_hh_sociaal_minimum', label: 'Huishoudens onder of rond het', year: '2022', format: 'pct0', figure: weighted(kwb22, 'pct_rond_sociaal_min', 'huishoudens') },
    { id: 'pct_hh_laagste_40', label: 'Huishoudens in de laagste 40%', year: '2022', format: 'pct0', figure: weighted(kwb22, 'pct_hh_laag_inkomen', 'huishoudens') },
    { id: 'pct_hh_hoog_inkomen', label: 'Huishoudens in de hoogste 20%', year: '2022', format: 'pct0', figure: weighted(kwb22, 'pct_hh_hoog_inkomen', 'huishoudens') },
    { id: 'bijstand_per_1000', label: 'Personen met bijstand per 1.000', year: '2021', format: 'per1000', figure: ratio(kwb21, ['a_soz_wb'], ['a_inw'], 1000) },
    { id: 'gem_inkomen_inwoner', label: 'Gemiddeld inkomen per inwoner', year: '2022', format: 'euroK1', figure: weighted(kwb22, 'gem_inkomen_inwoner', 'aantal_inwoners') },
    { id: 'gem_gestand_inkomen', label: 'Gemiddeld gestandaardiseerd', year: '2022', format: 'euroK1', figure: weighted(kwb22, 'gem_gestand_inkomen', 'huishoudens') },
    { id: 'mediaan_vermogen', label: 'Mediaan vermogen', year: '2022', format: 'euroK0', figure: oneOf(kwb22, 'mediaan_vermogen'), single: true },
    { id: 'arbeidsparticipatie', label: 'Netto arbeidsparticipatie', year: '2022', format: 'pct0', figure: weighted(kwb22, 'arbeidsparticipatie', 'aantal_inwoners') },
    // Jeugdhulp
    { id: 'pct_jeugdzorg', label: 'Jongeren met jeugdzorg in natura', year: '2022', format: 'pct1', figure: weighted(kwb22, 'pct_jeugdzorg', 'jong') },
    { id: 'jongeren_jeugdzorg', label: 'Jongeren met jeugdzorg in natura', nth: 2, year: '2022', format: 'count', figure: sumOf(jz22, 'TotaalJongerenMetJeugdzorgInNatura_1') },
    { id: 'jeugdzorg_per_100_jongeren', label: 'Jeugdzorg per 100 inwoners van 0', year: '2021', format: 'per100', figure: ratio(jz21, ['TotaalJongerenMetJeugdzorgInNatura_1'], ['jong'], 100) },
    { id: 'pct_jeugdhulp', label: 'Jongeren met jeugdhulp', year: '2022', format: 'pct1', figure: weighted(jeugd, 'jeugdhulp', 'jong') },
    { id: 'pct_jeugdhulp_verblijf', label: 'Jeugdhulp met verblijf (van', year: '2022', format: 'pct1', figure: weighted(jeugd, 'jeugdhulpVerblijf', 'jongJeugdzorg') },
    { id: 'pct_jeugdbescherming', label: 'Jongeren met jeugdbescherming', year: '2022', format: 'pct1', figure: weighted(jeugd, 'bescherming', 'jong') },
    { id: 'pct_jeugdbescherming_verblijf', label: 'Met verblijf (van jongeren met', year: '2022', format: 'pct1', figure: weighted(jeugd, 'beschermingVerblijf', 'jongBescherming') },
    { id: 'pct_jeugdreclassering', label: 'Jongeren met jeugdreclassering', year: '2022', format: 'pct1', figure: weighted(jeugd, 'reclassering', 'jong') },
    { id: 'wmo_per_1000', label: 'Wmo-cliënten per 1.000 inwoners', year: '2022', format: 'per1000', figure: weighted(kwb22, 'wmo_per_1000', 'aantal_inwoners') },
    // Onderwijs
    { id: 'pct_opl_laag', label: 'Laag opgeleid', year: '2022', format: 'pct0', figure: ratio(kwb22, ['opl_laag'], ['opl_laag', 'opl_midden', 'opl_hoog'], 100) },
    { id: 'pct_opl_midden', label: 'Middelbaar opgeleid', year: '2022', format: 'pct0', figure: ratio(kwb22, ['opl_midden'], ['opl_laag', 'opl_midden', 'opl_hoog'], 100) },
    { id: 'pct_opl_hoog', label: 'Hoog opgeleid', year: '2022', format: 'pct0', figure: ratio(kwb22, ['opl_hoog'], ['opl_laag', 'opl_midden', 'opl_hoog'], 100) },
    { id: 'pct_sbo', label: 'Leerlingen in het sbo', year: '2019', format: 'pct1', figure: ratio(duo, ['sbo'], ['bo', 'sbo'], 100, { sparse: true }) },
    { id: 'pct_so', label: 'Leerlingen in het so', year: '2019', format: 'pct1', figure: ratio(duo, ['so'], ['bo', 'sbo', 'so'], 100, { sparse: true }) },
    { id: 'basisscholen', label: 'Basisscholen (vestigingen)', year: '2019', format: 'count', figure: sumOf(duo, 'boV', { sparse: true }) },
    { id: 'sbo_scholen', label: 'Scholen voor speciaal', year: '2019', format: 'count', figure: sumOf(duo, 'sboV', { sparse: true }) },
    { id: 'so_scholen', label: 'Scholen voor (voortgezet) speciaal', year: '2019', format: 'count', figure: sumOf(duo, 'soV', { sparse: true }) },
    // (Vroeg)signalering
    { id: 'jeugdzorg_verwijzer_jeugdarts', label: 'Jeugdzorgtrajecten: jeugdarts', year: '2022', format: 'pct0', figure: ratio(jz22, ['Jeugdarts_12'], ['TotaalTrajectenInNatura_9'], 100, { emptyIsMasked: true }) },
    { id: 'jeugdzorg_verwijzer_huisarts', label: 'Jeugdzorgtrajecten: huisarts', year: '2022', format: 'pct0', figure: ratio(jz22, ['Huisarts_11'], ['TotaalTrajectenInNatura_9'], 100, { emptyIsMasked: true }) },
    { id: 'jeugdzorg_verwijzer_gemeente', label: 'Jeugdzorgtrajecten: gemeentelijke', year: '2022', format: 'pct0', figure: ratio(jz22, ['GemeentelijkeToegang_10'], ['TotaalTrajectenInNatura_9'], 100, { emptyIsMasked: true }) },
    { id: 'jeugdzorg_leeftijd_0_4', label: 'Jeugdzorg: aandeel 0 tot 4 jaar', year: '2022', format: 'pct0', figure: ratio(jz22, ['k_0Tot4Jaar_2'], ['TotaalJongerenMetJeugdzorgInNatura_1'], 100, { emptyIsMasked: true }) },
    { id: 'afstand_kdv', label: 'Afstand tot kinderdagverblijf', year: '2022', format: 'km', figure: weighted(kwb22, 'afstand_kdv', 'aantal_inwoners') },
  ];
}

