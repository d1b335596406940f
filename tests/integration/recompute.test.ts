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
import { expectedCell, formats, kerncijferCells, rawFigures, to2023 } from '../helpers/raw-figures.js';

const raw = rawFigures(dataDir);
const cells = kerncijferCells(raw);

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
  // The full edition: its Kerncijfers tables hold every figure.
  const r = await runCli(['render', ...gemeenten.map((g) => g.code), '--edition', 'volledig', '-o', out, '--data', dataDir]);
  expect(r.code).toBe(0);
  for (const g of gemeenten) text[g.code] = execFileSync('pdftotext', ['-layout', join(out, `${g.code.toLowerCase()}.pdf`), '-'], { encoding: 'utf8' });
});
afterAll(() => rmSync(out, { recursive: true, force: true }));


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
        const expected = expectedCell(cell, codes, i === 3, i > 0);
        checked++;
        if (printed[i] !== expected) wrong.push(`${cell.label} (${cell.year}) ${['gemeente', 'provincie', 'vergelijkbare gemeenten', 'Nederland'][i]}: PDF ${printed[i]}, raw ${expected}`);
      });
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual((cells.length - 3) * 4);
  });
});

it('says "afgeschermd" under the table where CBS masked a small count, not "geen gegevens" (Bergen (NH.), youth care by referrer)', () => {
  const flat = text.GM0373.replace(/\s+/g, ' ');
  expect(flat).toMatch(/Jeugdzorgtrajecten: jeugdarts afgeschermd /);
  expect(flat).toContain('Afgeschermd voor Bergen (NH.) bij jeugdzorgtrajecten: jeugdarts');
  expect(flat).not.toMatch(/Geen gegevens voor Bergen \(NH\.\) bij [^:]*jeugdarts/);
});
