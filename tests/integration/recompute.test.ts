/**
 * Issue 11: every Kerncijfers cell recomputed from the raw files by a second, simple path (not
 * the product's readers, indeling conversion or aggregation) for three gemeenten in three
 * provinces, and compared with the PDF text: the gemeente, its province, its similar gemeenten
 * (as the PDF names them) and Nederland.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { runCli } from '../helpers/run-cli.js';
import { dataDir } from '../helpers/data.js';

const gemeenten = [
  { code: 'GM0202', province: 'PV25' }, // Arnhem, Gelderland
  { code: 'GM0373', province: 'PV27' }, // Bergen (NH.), Noord-Holland: never mixed up with Bergen (L.)
  { code: 'GM0935', province: 'PV31' }, // Maastricht, Limburg
];

function rows(file: string, sep: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(join(dataDir, file), 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  const cols = header.split(sep).map((c) => c.replace(/^"|"$/g, ''));
  return lines.map((l) => Object.fromEntries(l.split(sep).map((c, i) => [cols[i], c.replace(/^"|"$/g, '').trim()])));
}

/** 2023-2024 candidates and passes per gemeente: vestiging → gemeente number in the raw 2020 register, else the exact gemeente name. */
function examTotals(): Map<string, { k: number; g: number }> {
  const koppel = rows('cbs/gemeente_vr_provincie_koppeling.csv', ';');
  const byName = new Map<string, string[]>();
  for (const r of koppel) {
    const n = r.gemeenteNaam.replace(/ \(gemeente\)$/, '').toUpperCase();
    byName.set(n, [...(byName.get(n) ?? []), r.gemeentCode]);
  }
  // Mergers after 2020 that the register's numbers need (CBS indelingen).
  const merged: Record<string, string> = { GM0756: 'GM1982', GM1684: 'GM1982', GM0786: 'GM1982', GM0815: 'GM1982', GM1702: 'GM1982', GM1685: 'GM1991', GM0856: 'GM1991', GM0398: 'GM1980', GM0416: 'GM1980', GM0370: 'GM0439', GM0457: 'GM0363', GM0501: 'GM1992', GM0530: 'GM1992', GM0614: 'GM1992', GM0003: 'GM1979', GM0010: 'GM1979', GM0024: 'GM1979' };
  const register = new Map(rows('duo/register/vestigingen_vo_duo_2020.csv', ';').map((r) => [`${r['BRIN NUMMER']}${r.VESTIGINGSNUMMER.slice(-2)}`, `GM${r.GEMEENTENUMMER.padStart(4, '0')}`]));
  const out = new Map<string, { k: number; g: number }>();
  for (const r of rows('duo/examen_vo_2019-2024_per_vestiging_opleiding.csv', ';')) {
    const raw = register.get(r.VESTIGINGSCODE);
    const named = byName.get(r.GEMEENTENAAM);
    const code = raw ? (merged[raw] ?? raw) : named?.length === 1 ? named[0] : undefined;
    if (!code) continue;
    const k = r['EXAMENKANDIDATEN SCHOOLJAAR 2023-2024 - TOTAAL'];
    if (!/^\d+$/.test(k) || k === '0') continue; // "<5" candidates: left out, as DUO masks them
    let g = Number(r['GESLAAGDEN SCHOOLJAAR 2023-2024 - TOTAAL']);
    if (!/^\d+$/.test(r['GESLAAGDEN SCHOOLJAAR 2023-2024 - TOTAAL'])) g = Math.round((Number(r['SLAAGPERC SCHOOLJAAR 2023-2024 - TOTAAL']) * Number(k)) / 100);
    const t = out.get(code) ?? { k: 0, g: 0 };
    t.k += Number(k);
    t.g += g;
    out.set(code, t);
  }
  return out;
}

const pct = (t: { k: number; g: number }) => `${((t.g / t.k) * 100).toFixed(1).replace('.', ',')}%`;
const count = (n: number) => n.toLocaleString('nl-NL').replace(/\s/g, '.');

let out: string;
const text: Record<string, string> = {};
beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'contextkaart-recompute-'));
  const r = await runCli(['render', ...gemeenten.map((g) => g.code), '-o', out, '--data', dataDir]);
  expect(r.code).toBe(0);
  for (const g of gemeenten) text[g.code] = execFileSync('pdftotext', ['-layout', join(out, `${g.code.toLowerCase()}.pdf`), '-'], { encoding: 'utf8' });
}, 180_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** The 2023 code of a gemeente of the 2021 or 2022 indeling (mergers of 2022 and 2023). */
const to2023: Record<string, string> = { GM0756: 'GM1982', GM1684: 'GM1982', GM0786: 'GM1982', GM0815: 'GM1982', GM1702: 'GM1982', GM1685: 'GM1991', GM0856: 'GM1991', GM0398: 'GM1980', GM0416: 'GM1980', GM0370: 'GM0439', GM0457: 'GM0363', GM0501: 'GM1992', GM0530: 'GM1992', GM0614: 'GM1992' };

describe.each(gemeenten)('$code', ({ code, province }) => {
  it('prints the low-income share (KWB 2021) and the low-education share (KWB 2022) as recomputed from the raw files', () => {
    const koppel = new Map(rows('cbs/gemeente_vr_provincie_koppeling.csv', ';').map((r) => [r.gemeentCode, r.provincieCode]));
    const inProvince = (c: string) => koppel.get(to2023[c] ?? c) === province;
    // Low income: households-weighted over the gemeenten of 2021; Nederland as CBS publishes it.
    const kwb21 = rows('cbs/kwb_2021_gm_wk_sociaal.csv', ',');
    const gm21 = kwb21.filter((r) => r.recs === 'Gemeente' && r.p_hh_lkk !== '');
    const weighted = (list: Record<string, string>[]) => list.reduce((a, r) => a + Number(r.a_hh) * Number(r.p_hh_lkk), 0) / list.reduce((a, r) => a + Number(r.a_hh), 0);
    const d1 = (v: number) => `${v.toFixed(1).replace('.', ',')}%`;
    const low = new RegExp(`Huishoudens met een laag +(\\S+) +(\\S+) +(\\S+) +(\\S+) +2021`).exec(text[code])!;
    expect(low, 'the Kerncijfers row').not.toBeNull();
    const own21 = kwb21.find((r) => r.gwb_code_10 === code)!;
    expect([low[1], low[2], low[4]]).toEqual([d1(Number(own21.p_hh_lkk)), d1(weighted(gm21.filter((r) => inProvince(r.gwb_code_10)))), d1(Number(kwb21.find((r) => r.recs === 'Land')!.p_hh_lkk))]);
    // Low education: from the counts of KWB 2022.
    const kwb22 = rows('cbs/kwb_2022_gemeenten_pdok_indicatoren.csv', ',').filter((r) => r.gemeentecode !== 'GM0998' && r.opl_laag !== '');
    const share = (list: Record<string, string>[]) => {
      const laag = list.reduce((a, r) => a + Number(r.opl_laag), 0);
      const all = list.reduce((a, r) => a + Number(r.opl_laag) + Number(r.opl_midden) + Number(r.opl_hoog), 0);
      return `${Math.round((laag / all) * 100)}%`;
    };
    const opl = new RegExp(`Laag opgeleid +(\\S+) +(\\S+) +(\\S+) +(\\S+) +2022`).exec(text[code])!;
    expect([opl[1], opl[2], opl[4]]).toEqual([share(kwb22.filter((r) => r.gemeentecode === code)), share(kwb22.filter((r) => inProvince(r.gemeentecode))), share(kwb22)]);
  });

  it('prints the pass rate and candidates of 2023-2024 for the gemeente, its province and Nederland as recomputed from the raw files', () => {
    const totals = examTotals();
    const koppel = rows('cbs/gemeente_vr_provincie_koppeling.csv', ';');
    const sum = (codes: string[]) => codes.reduce((a, c) => ({ k: a.k + (totals.get(c)?.k ?? 0), g: a.g + (totals.get(c)?.g ?? 0) }), { k: 0, g: 0 });
    const own = totals.get(code)!;
    const prov = sum(koppel.filter((r) => r.provincieCode === province).map((r) => r.gemeentCode));
    const nl = sum(koppel.map((r) => r.gemeentCode));
    const pass = new RegExp(`Slagingspercentage vo +(\\S+) +(\\S+) +(\\S+) +(\\S+) +2023-2024`).exec(text[code])!;
    expect(pass, 'the Kerncijfers row').not.toBeNull();
    expect([pass[1], pass[2], pass[4]]).toEqual([pct(own), pct(prov), pct(nl)]);
    const cand = new RegExp(`Examenkandidaten vo +(\\S+) +(\\S+) +(\\S+) +(\\S+) +2023-2024`).exec(text[code])!;
    expect([cand[1], cand[2], cand[4]]).toEqual([count(own.k), count(prov.k), count(nl.k)]);
  });
});

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
function parseCsv(file: string, sep: string): Record<string, string>[] {
  const text = readFileSync(join(dataDir, file), 'utf8').replace(/^\uFEFF/, '');
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
const code2023 = (c: string) => mergedInto[c] ?? c;

const raw = (() => {
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
      expect(code, `85098 gemeente "${r["Regio's"]}" in KWB 2022`).toBeDefined();
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
})();

/** The rows of a table that lie in the given gemeenten of 2023 (old codes included). */
const membersOf = (t: Table, codes: string[]) => {
  const want = new Set(codes);
  return [...t.rows.entries()].filter(([c]) => want.has(code2023(c))).map(([, r]) => r);
};
/** Too few members with a value: no figure for the group (the report's two-thirds rule). */
const covered = (have: number, of: number) => of === 1 || have >= (of * 2) / 3;

/** A value, null for none, or "afgeschermd" where the publisher masked a small count. */
type Figure = (codes: string[], nl: boolean) => number | null | 'afgeschermd';
const sumOf = (t: Table, f: string, opts: { sparse?: boolean } = {}): Figure => (codes, nl) => {
  if (nl && t.nl?.[f] != null) return t.nl[f];
  const m = membersOf(t, codes).filter((r) => r[f] !== null);
  if (!opts.sparse && !covered(m.length, membersOf(t, codes).length)) return null;
  return m.length ? m.reduce((a, r) => a + r[f]!, 0) : opts.sparse ? 0 : null;
};
const weighted = (t: Table, f: string, w: string, wt: Table = t): Figure => (codes, nl) => {
  if (nl && t.nl?.[f] != null) return t.nl[f];
  const all = membersOf(t, codes);
  const weights = new Map([...wt.rows.entries()].map(([c, r]) => [c, r[w]]));
  const m = [...t.rows.entries()].filter(([c, r]) => codes.includes(code2023(c)) && r[f] !== null && weights.get(c) != null);
  if (!m.length || !covered(m.length, all.length)) return null;
  return m.reduce((a, [c, r]) => a + r[f]! * weights.get(c)!, 0) / m.reduce((a, [c]) => a + weights.get(c)!, 0);
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
const formats = {
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
interface Cell {
  label: string;
  /** The n-th table row that starts with this label (labels that wrap share a first line). */
  nth?: number;
  year: string;
  format: keyof typeof formats;
  figure: Figure;
  /** Not combinable over gemeenten (a median): the groups print n.v.t. */
  single?: boolean;
}
const { kwb21, kwb22, kwb23, kwb24, jz21, jz22, jeugd, duo } = raw;
const cells: Cell[] = [
  // Demografie
  { label: 'Inwoners', year: '2024', format: 'count', figure: sumOf(kwb24, 'AantalInwoners_5') },
  { label: '0 tot 15 jaar', year: '2023', format: 'pct0', figure: weighted(kwb23, 'percentagePersonen0Tot15Jaar', 'aantalInwoners') },
  { label: '15 tot 25 jaar', year: '2023', format: 'pct0', figure: weighted(kwb23, 'percentagePersonen15Tot25Jaar', 'aantalInwoners') },
  { label: 'Huishoudens', year: '2023', format: 'count', figure: sumOf(kwb23, 'aantalHuishoudens') },
  { label: 'Huishoudens met kinderen', year: '2023', format: 'pct0', figure: weighted(kwb23, 'percentageHuishoudensMetKinderen', 'aantalHuishoudens') },
  { label: 'Gemiddelde huishoudensgrootte', year: '2023', format: 'dec1', figure: weighted(kwb23, 'gemiddeldeHuishoudsgrootte', 'aantalHuishoudens') },
  { label: 'Herkomstland buiten Europa', year: '2023', format: 'pct0', figure: weighted(kwb23, 'percentageMetHerkomstlandBuitenEuropa', 'aantalInwoners') },
  { label: 'Geboorten per 1.000 inwoners', year: '2022', format: 'per1000', figure: weighted(kwb22, 'geboorte_relatief', 'aantal_inwoners') },
  // Wijk en stedelijkheid
  { label: 'Omgevingsadressendichtheid', year: '2023', format: 'perKm2', figure: weighted(kwb23, 'omgevingsadressendichtheid', 'aantalInwoners') },
  { label: 'Bevolkingsdichtheid', year: '2024', format: 'perKm2', figure: weighted(kwb24, 'Bevolkingsdichtheid_34', 'OppervlakteLand_123') },
  { label: 'Corporatiewoningen', year: '2022', format: 'pct0', figure: weighted(kwb22, 'pct_huurcorporatie', 'woningvoorraad') },
  { label: 'Gemiddelde WOZ-waarde', year: '2022', format: 'euroK0', figure: weighted(kwb22, 'gem_woz_waarde', 'woningvoorraad') },
  // Inkomen en armoede
  { label: 'Huishoudens met een laag', year: '2021', format: 'pct1', figure: weighted(kwb21, 'p_hh_lkk', 'a_hh') },
  { label: 'Huishoudens onder of rond het', year: '2022', format: 'pct0', figure: weighted(kwb22, 'pct_rond_sociaal_min', 'huishoudens') },
  { label: 'Huishoudens in de laagste 40%', year: '2022', format: 'pct0', figure: weighted(kwb22, 'pct_hh_laag_inkomen', 'huishoudens') },
  { label: 'Huishoudens in de hoogste 20%', year: '2022', format: 'pct0', figure: weighted(kwb22, 'pct_hh_hoog_inkomen', 'huishoudens') },
  { label: 'Personen met bijstand per 1.000', year: '2021', format: 'per1000', figure: ratio(kwb21, ['a_soz_wb'], ['a_inw'], 1000) },
  { label: 'Gemiddeld inkomen per inwoner', year: '2022', format: 'euroK1', figure: weighted(kwb22, 'gem_inkomen_inwoner', 'aantal_inwoners') },
  { label: 'Gemiddeld gestandaardiseerd', year: '2022', format: 'euroK1', figure: weighted(kwb22, 'gem_gestand_inkomen', 'huishoudens') },
  { label: 'Mediaan vermogen', year: '2022', format: 'euroK0', figure: sumOf(kwb22, 'mediaan_vermogen'), single: true },
  { label: 'Netto arbeidsparticipatie', year: '2022', format: 'pct0', figure: weighted(kwb22, 'arbeidsparticipatie', 'aantal_inwoners') },
  // Jeugdhulp
  { label: 'Jongeren met jeugdzorg in natura', year: '2022', format: 'pct1', figure: weighted(kwb22, 'pct_jeugdzorg', 'jong') },
  { label: 'Jongeren met jeugdzorg in natura', nth: 2, year: '2022', format: 'count', figure: sumOf(jz22, 'TotaalJongerenMetJeugdzorgInNatura_1') },
  { label: 'Jeugdzorg per 100 inwoners van 0', year: '2021', format: 'per100', figure: ratio(jz21, ['TotaalJongerenMetJeugdzorgInNatura_1'], ['jong'], 100) },
  { label: 'Jongeren met jeugdhulp', year: '2022', format: 'pct1', figure: weighted(jeugd, 'jeugdhulp', 'jong') },
  { label: 'Jeugdhulp met verblijf (van', year: '2022', format: 'pct1', figure: weighted(jeugd, 'jeugdhulpVerblijf', 'jongJeugdzorg') },
  { label: 'Jongeren met jeugdbescherming', year: '2022', format: 'pct1', figure: weighted(jeugd, 'bescherming', 'jong') },
  { label: 'Met verblijf (van jongeren met', year: '2022', format: 'pct1', figure: weighted(jeugd, 'beschermingVerblijf', 'jongBescherming') },
  { label: 'Jongeren met jeugdreclassering', year: '2022', format: 'pct1', figure: weighted(jeugd, 'reclassering', 'jong') },
  { label: 'Wmo-cliënten per 1.000 inwoners', year: '2022', format: 'per1000', figure: weighted(kwb22, 'wmo_per_1000', 'aantal_inwoners') },
  // Onderwijs
  { label: 'Laag opgeleid', year: '2022', format: 'pct0', figure: ratio(kwb22, ['opl_laag'], ['opl_laag', 'opl_midden', 'opl_hoog'], 100) },
  { label: 'Middelbaar opgeleid', year: '2022', format: 'pct0', figure: ratio(kwb22, ['opl_midden'], ['opl_laag', 'opl_midden', 'opl_hoog'], 100) },
  { label: 'Hoog opgeleid', year: '2022', format: 'pct0', figure: ratio(kwb22, ['opl_hoog'], ['opl_laag', 'opl_midden', 'opl_hoog'], 100) },
  { label: 'Leerlingen in het sbo', year: '2019', format: 'pct1', figure: ratio(duo, ['sbo'], ['bo', 'sbo'], 100, { sparse: true }) },
  { label: 'Leerlingen in het so', year: '2019', format: 'pct1', figure: ratio(duo, ['so'], ['bo', 'sbo', 'so'], 100, { sparse: true }) },
  { label: 'Basisscholen (vestigingen)', year: '2019', format: 'count', figure: sumOf(duo, 'boV', { sparse: true }) },
  { label: 'Scholen voor speciaal', year: '2019', format: 'count', figure: sumOf(duo, 'sboV', { sparse: true }) },
  { label: 'Scholen voor (voortgezet) speciaal', year: '2019', format: 'count', figure: sumOf(duo, 'soV', { sparse: true }) },
  // (Vroeg)signalering
  { label: 'Jeugdzorgtrajecten: jeugdarts', year: '2022', format: 'pct0', figure: ratio(jz22, ['Jeugdarts_12'], ['TotaalTrajectenInNatura_9'], 100, { emptyIsMasked: true }) },
  { label: 'Jeugdzorgtrajecten: huisarts', year: '2022', format: 'pct0', figure: ratio(jz22, ['Huisarts_11'], ['TotaalTrajectenInNatura_9'], 100, { emptyIsMasked: true }) },
  { label: 'Jeugdzorgtrajecten: gemeentelijke', year: '2022', format: 'pct0', figure: ratio(jz22, ['GemeentelijkeToegang_10'], ['TotaalTrajectenInNatura_9'], 100, { emptyIsMasked: true }) },
  { label: 'Jeugdzorg: aandeel 0 tot 4 jaar', year: '2022', format: 'pct0', figure: ratio(jz22, ['k_0Tot4Jaar_2'], ['TotaalJongerenMetJeugdzorgInNatura_1'], 100, { emptyIsMasked: true }) },
  { label: 'Afstand tot kinderdagverblijf', year: '2022', format: 'km', figure: weighted(kwb22, 'afstand_kdv', 'aantal_inwoners') },
];

/** Kerncijfers rows of a PDF's text: cells are separated by two or more spaces, the year last. */
function kerncijferRows(pdfText: string): Map<string, string[][]> {
  const out = new Map<string, string[][]>();
  for (const line of pdfText.split('\n')) {
    const parts = line.trim().split(/\s{2,}/);
    if (parts.length !== 6 || !/^\d{4}(-\d{4})?$/.test(parts[5])) continue;
    out.set(parts[0], [...(out.get(parts[0]) ?? []), parts.slice(1, 6)]);
  }
  return out;
}

/** The similar gemeenten the PDF names under the kernpunten. */
function peersIn(pdfText: string): string[] {
  const m = /Vergelijkbare gemeenten: ([^.]+(?:\.\)[^.]*)*)\. Hoe die/.exec(pdfText.replace(/\s*\n\s*/g, ' '));
  expect(m, 'the list of similar gemeenten').not.toBeNull();
  return m![1].split(', ').map((name) => {
    const code = raw.codeByName.get(name);
    expect(code, `similar gemeente "${name}"`).toBeDefined();
    return code!;
  });
}

describe.each(gemeenten)('$code: every Kerncijfers cell', ({ code, province }) => {
  it('equals the value recomputed from the raw files, for the gemeente, its province, its similar gemeenten and Nederland', () => {
    const rowsOfPdf = kerncijferRows(text[code]);
    const groups = [[code], raw.all.filter((c) => raw.provinceOf.get(c) === province), peersIn(text[code]), raw.all];
    const wrong: string[] = [];
    let checked = 0;
    for (const cell of cells) {
      const printed = rowsOfPdf.get(cell.label)?.[(cell.nth ?? 1) - 1];
      if (!printed) {
        // A row is left out only when the gemeente has no figure of its own (fitToRegion).
        if (cell.figure([code], false) !== null) wrong.push(`${cell.label}: row not in the PDF`);
        continue;
      }
      if (printed[4] !== cell.year) wrong.push(`${cell.label}: year ${printed[4]} in the PDF, ${cell.year} expected`);
      groups.forEach((codes, i) => {
        const isNl = i === 3;
        const value = cell.single && i > 0 ? null : cell.figure(codes, isNl);
        const expected = cell.single && i > 0 ? 'n.v.t.' : value === null ? 'geen gegevens' : value === 'afgeschermd' ? value : formats[cell.format](value);
        checked++;
        if (printed[i] !== expected) wrong.push(`${cell.label} (${cell.year}) ${['gemeente', 'provincie', 'vergelijkbare gemeenten', 'Nederland'][i]}: PDF ${printed[i]}, raw ${expected}`);
      });
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual((cells.length - 3) * 4);
  });
});
