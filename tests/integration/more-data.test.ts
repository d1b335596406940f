/**
 * The wider data (issue 9) end to end: a gemeente and an area of wijken rendered and
 * read back; numbers recomputed here from the raw files, independently of the loaders.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readPdf, type PdfReadBack } from '../helpers/pdf.js';
import { runCli } from '../helpers/run-cli.js';
import { dataDir } from '../helpers/data.js';
import { reportFor } from '../helpers/report.js';
import { buildFigure } from '../../src/pipeline/figure-kinds.js';

let out: string;
beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'contextkaart-more-'));
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

const dutch = (v: number, decimals: number) =>
  new Intl.NumberFormat('nl-NL', { minimumFractionDigits: decimals, maximumFractionDigits: decimals, useGrouping: 'always' }).format(v);
/** Text as read back: words may wrap, so spaces and line ends are one. */
const flat = (s: string) => s.replace(/\s+/g, ' ');

function csvRows(file: string, sep: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(join(dataDir, file), 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  const cols = header.split(sep).map((c) => c.replace(/^"|"$/g, ''));
  return lines.map((l) => Object.fromEntries(l.split(sep).map((c, i) => [cols[i], c.replace(/^"|"$/g, '')])));
}
const kwb21 = csvRows('cbs/kwb_2021_gm_wk_sociaal.csv', ',');
const kwb21Row = (code: string) => kwb21.find((r) => r.gwb_code_10 === code)!;

describe('a gemeente with the wider data: Arnhem', () => {
  let pdf: PdfReadBack;
  let text: string;
  beforeAll(async () => {
    const r = await runCli(['render', 'GM0202', '--edition', 'volledig', '-o', join(out, 'arnhem.pdf'), '--data', dataDir]);
    expect(r.code).toBe(0);
    pdf = await readPdf(join(out, 'arnhem.pdf'));
    text = flat(pdf.text);
  });

  it('labels the income fields as CBS defines them', () => {
    expect(text).toContain('Huishoudens in de laagste 40% inkomens van Nederland');
    const lkk = Number(kwb21Row('GM0202').p_hh_lkk);
    expect(text).toContain(`het aandeel huishoudens met een laag inkomen ${dutch(lkk, 1)}% (2021)`);
    // p_hh_li is never called "laag inkomen".
    const li = Number(kwb21Row('GM0202').p_hh_li);
    expect(text).not.toContain(`laag inkomen ${dutch(li, 0)}%`);
  });

  it('has wijk maps of at least three social indicators', () => {
    for (const title of ['Huishoudens met een laag inkomen per wijk, 2021', 'Personen met bijstand per 1.000 inwoners per wijk, 2021', 'Aandeel laag opgeleiden (15 tot 75 jaar) per wijk, 2021', 'per 100 inwoners van 0 tot 25 jaar, per wijk, 2021']) {
      expect(text).toContain(title);
    }
  });

  it('has youth care by form (voorlopig) and by age, with the values of the CBS table', () => {
    expect(text).toContain('Jongeren met jeugdhulp, jeugdbescherming en jeugdreclassering, 2022 (voorlopig)');
    const row = csvRows('cbs/indicatoren_jeugdzorg_gemeenten_2022v_85098NED.csv', ';').find((r) => r["Regio's"] === 'Arnhem')!;
    const jeugdhulp = Object.entries(row).find(([k]) => k.startsWith('Jongeren met jeugdhulp in natura'))![1];
    expect(text).toContain(`${jeugdhulp}%`);
    expect(text).toContain('Jongeren met jeugdzorg in natura naar leeftijd');
  });

  it('prints the achterstandsscore per pupil as summed from the schools in Arnhem', () => {
    const scores = new Map(csvRows('duo/po/achterstandsscores_basisscholen_2019_tabel2.csv', ';').map((r) => [r.brin_vestiging, Number(r.achterstandsscore_zonder_drempel)]));
    const schools = csvRows('duo/po/afstand_woonadres_schoolvestiging_po_so_2019-2020.csv', ';').filter((r) => r.GEMEENTENUMMER.trim() === '202' && r.SOORT_PO === 'Bo');
    const pupils = new Map(csvRows('duo/po/achterstandsscores_basisscholen_2019_tabel1.csv', ';').map((r) => [r.brin_vestiging, Number(r.aantal_bekostigde_leerlingen)]));
    let sum = 0;
    let n = 0;
    for (const s of schools) {
      const key = `${s.BRIN_NUMMER}${s.VESTIGINGSNUMMER}`;
      sum += scores.get(key)!;
      n += pupils.get(key)!;
    }
    expect(n).toBeGreaterThan(5000);
    expect(text).toContain(`de gemiddelde achterstandsscore per leerling ${dutch(sum / n, 2)} (2019)`);
  });

  it('prints the share of pupils in special education by school location', () => {
    const rows = csvRows('duo/po/afstand_woonadres_schoolvestiging_po_so_2019-2020.csv', ';').filter((r) => r.GEMEENTENUMMER.trim() === '202');
    const count = (soort: string) => rows.filter((r) => r.SOORT_PO === soort).reduce((a, r) => a + Number(r.LEERLINGEN), 0);
    const sbo = (count('Sbo') / (count('Bo') + count('Sbo'))) * 100;
    expect(text).toContain(`het aandeel leerlingen in het speciaal basisonderwijs ${dutch(sbo, 1)}% (2019)`);
  });

  it('shows ten exam years with the corona years marked, and trends that never start in them', () => {
    expect(text).toContain('Slagingspercentage eindexamen vo, 2014-2015 tot en met 2023-2024');
    expect(text).toContain('2019-2020: geen centrale examens (corona)');
    expect(text).not.toMatch(/Tussen 20(19-2020|20-2021) en \S+ (steeg|daalde|bleef) het slagingspercentage/);
    expect(text).toMatch(/Tussen 2014-2015 en 2023-2024 (steeg|daalde|bleef) het slagingspercentage in het voortgezet onderwijs/);
  });

  it('has trends of income over 2021 and 2022 in the sentences', () => {
    expect(text).toMatch(/Tussen 2021 en 2022 (steeg|daalde|bleef) het aandeel huishoudens onder of rond het sociaal minimum/);
  });

  it('credits the new sources and says which indelingen were converted', () => {
    for (const s of ['CBS, Kerncijfers wijken en buurten 2021', 'CBS, Indicatoren jeugdzorg; gemeenten', '85098NED', 'CBS, Achterstandsscores basisscholen 2019', 'DUO, Schooladviezen bo/sbo']) expect(text).toContain(s);
    expect(text).toContain('Cijfers in de gemeentelijke indeling van 2021 omgerekend naar die van 2023');
    expect(text).toMatch(/Land van Cuijk uit Boxmeer, Cuijk, Grave, Mill en Sint Hubert en Sint Anthonis/);
  });
});

describe('an area of wijken: Rotterdam-Zuid', () => {
  const config = resolve(import.meta.dirname, '../fixtures/regions/rotterdam-zuid.yaml');
  const codes = ['WK059910', 'WK059915', 'WK059912'];

  it('has no figure without a value for the area, and says in one line what is left out', async () => {
    const report = await reportFor(readFileSync(config, 'utf8'), config);
    for (const section of report.sections) {
      for (const f of section.figures) {
        if (f.kind === 'wijk-map' || f.kind === 'wijk-profile') continue;
        const model = buildFigure(report, f);
        expect(model.spec, f.id).not.toBeNull();
        const rows = ((model.spec as { data?: { values: Record<string, unknown>[] } }).data?.values ?? []).filter((r) => r.role === 'region');
        if (f.kind === 'comparison') expect(rows.some((r) => r.value !== null), f.id).toBe(true);
      }
    }
    const onderwijs = report.sections.find((s) => s.domain === 'onderwijs')!;
    expect(onderwijs.figures.map((f) => f.id)).not.toContain('slagen-trend');
    expect(onderwijs.omitted.join(' ')).toMatch(/^Niet opgenomen voor Rotterdam-Zuid: .*figuur "Slagingspercentage eindexamen vo".*\(niet beschikbaar op wijkniveau\)/);
  });

  it('renders the wijk-level social figures with the household-weighted value of its wijken', async () => {
    const r = await runCli(['render', config, '--edition', 'volledig', '-o', join(out, 'rz.pdf'), '--data', dataDir]);
    expect(r.code).toBe(0);
    const text = flat((await readPdf(join(out, 'rz.pdf'))).text);
    expect(text).toContain('Huishoudens met een laag inkomen per wijk, 2021');
    const rows = codes.map(kwb21Row);
    const hh = rows.map((w) => Number(w.a_hh));
    const lkk = rows.map((w) => Number(w.p_hh_lkk));
    const weighted = hh.reduce((a, h, i) => a + h * lkk[i], 0) / hh.reduce((a, h) => a + h, 0);
    expect(text).toContain(`In Rotterdam-Zuid is het aandeel huishoudens met een laag inkomen ${dutch(weighted, 1)}% (2021)`);
  });
});
