/**
 * Issue 20: figures that were printed wrong, each checked against the raw files or against the
 * counts they are made of. Every test here fails on the code before its fix.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir, realDataset } from '../helpers/data.js';
import { reportFor } from '../helpers/report.js';

/** DUO pupils of 1 October 2019 per gemeente number and SOORT_PO, from the raw po/so file (each vestiging once). */
function rawPoPupils(): Map<string, number> {
  const [head, ...lines] = readFileSync(join(dataDir, 'duo/po/afstand_woonadres_schoolvestiging_po_so_2019-2020.csv'), 'utf8').replace(/^\uFEFF/, '').trim().split('\n');
  const cols = head.split(';');
  const at = (r: string[], c: string) => r[cols.indexOf(c)];
  const seen = new Set<string>();
  const out = new Map<string, number>();
  for (const line of lines) {
    const r = line.split(';');
    const key = `${at(r, 'BRIN_NUMMER')}${at(r, 'VESTIGINGSNUMMER')}:${at(r, 'SOORT_PO')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const k = `GM${at(r, 'GEMEENTENUMMER').padStart(4, '0')}|${at(r, 'SOORT_PO').toLowerCase()}`;
    out.set(k, (out.get(k) ?? 0) + Number(at(r, 'LEERLINGEN')));
  }
  return out;
}

describe('the share of pupils in the vso (bug 1: gemeenten with only vso schools were dropped)', () => {
  it('counts a gemeente with vso schools and no vo school: Son en Breugel 66 of 66', async () => {
    const report = await reportFor('id: x\narea:\n  gemeente: Son en Breugel\n');
    const raw = rawPoPupils();
    const vso = raw.get('GM0848|vso')!;
    expect(vso).toBe(66);
    const v = report.value('pct_vso', report.region);
    expect(v.numerator).toBe(vso);
    expect(v.denominator).toBe(vso);
    expect(v.value).toBe(100);
  });

  it('gives Nederland the ratio of all vso pupils to all vo and vso pupils, every gemeente counted', async () => {
    const report = await reportFor('id: x\narea:\n  gemeente: Arnhem\n');
    const dataset = await realDataset();
    let vso = 0;
    let vo = 0;
    for (const code of dataset.gemeenten.keys()) {
      vso += dataset.series.value('leerlingen_vso', 2019, code) ?? 0;
      vo += dataset.series.value('leerlingen_vo', 2019, code) ?? 0;
    }
    const rawVso = [...rawPoPupils()].filter(([k]) => k.endsWith('|vso')).reduce((s, [, n]) => s + n, 0);
    expect(vso).toBe(rawVso);
    const nl = report.value('pct_vso', report.comparisons.find((c) => c.role === 'nederland')!);
    expect(nl.numerator).toBe(vso);
    expect(nl.denominator).toBe(vso + vo);
    expect(Number(nl.value!.toFixed(1))).toBe(Number(((vso / (vso + vo)) * 100).toFixed(1)));
    expect(Number(nl.value!.toFixed(1))).toBe(3.8);
  });
});

describe('"ca." when gemeenten are combined (bug 2: the sum of approximate figures looked exact)', () => {
  it('an area, its province, the similar gemeenten and Nederland are approximate where a member rests on DUO\'s "<5"', async () => {
    const { formatObs } = await import('../../src/format.js');
    const report = await reportFor('id: x\narea:\n  name: Parkstad\n  gemeenten: [Brunssum, Heerlen, Landgraaf]\n');
    const def = report.catalogue.get('pct_advies_havo_vwo')!;
    const members = ['GM0899', 'GM0917', 'GM0882'].map((c) => report.gemeenteValues(def.id, 2024).get(c)!);
    expect(members.some((m) => m.approximate)).toBe(true);
    for (const area of [report.region, ...report.comparisons]) {
      const v = report.value(def.id, area, 2024);
      expect(v.approximate, area.name).toBe(true);
      expect(formatObs(def, v)).toMatch(/^ca\. /);
      expect(v.note).toContain('bij benadering');
    }
    // Years before DUO masked small counts (2022-2023) stay exact.
    expect(report.value(def.id, report.region, 2020).approximate).toBeFalsy();
  });
});

describe('a figure of measures of different years (bug 3: a chart titled 2021 showed 2022 values)', () => {
  it('names both years in the title and each panel its own', async () => {
    const { buildFigure } = await import('../../src/pipeline/figure-kinds.js');
    const { figures } = await import('../../src/data/figures.js');
    const report = await reportFor('id: x\nedition: volledig\narea:\n  gemeente: Arnhem\n');
    const fig = buildFigure(report, figures.get('inkomen')!);
    const years = ['pct_hh_laag_inkomen', 'pct_hh_sociaal_minimum'].map((id) => report.value(id, report.region).year);
    expect(years).toEqual([2021, 2022]);
    expect(fig.title).toBe('Huishoudens met een laag inkomen en onder of rond het sociaal minimum, 2021 en 2022');
    const rows = (fig.spec as unknown as { data: { values: { indicator: string; role: string; value: number }[] } }).data.values;
    const region = rows.filter((r) => r.role === 'region');
    expect(region.map((r) => r.indicator)).toEqual(['Huishoudens met een laag inkomen, 2021', 'Huishoudens onder of rond het sociaal minimum, 2022']);
    expect(region[1].value).toBe(report.value('pct_hh_sociaal_minimum', report.region, 2022).value);
  });
});

describe('a value of an earlier year under a later year (bug 5: a wijk area\'s "Leeftijdsopbouw, 2024" showed 2023 rows unmarked)', () => {
  it('marks every bar of another year than the figure\'s with its year', async () => {
    const { buildFigure } = await import('../../src/pipeline/figure-kinds.js');
    const { figures } = await import('../../src/data/figures.js');
    const report = await reportFor('id: x\nedition: volledig\narea:\n  name: Rotterdam-Zuid\n  wijken: [WK059910, WK059915, WK059912]\n');
    const fig = buildFigure(report, figures.get('leeftijdsopbouw')!);
    expect(fig.title).toBe('Leeftijdsopbouw van de bevolking, 2024');
    const rows = (fig.spec as unknown as { data: { values: { area: string }[] } }).data.values;
    const areas = [...new Set(rows.map((r) => r.area))];
    for (const area of report.comparisons) {
      const year = report.value('pct_0_15', area).year;
      expect(year).toBe(2023);
      expect(areas).toContain(`${area.name} (2023)`);
    }
    expect(areas).toContain('Rotterdam-Zuid');
  });
});

describe('labels that make a claim', () => {
  it('a share of a group says of which group in its sentence (jeugdhulp met verblijf, of the young people with jeugdhulp)', async () => {
    const { indicatorFinding } = await import('../../src/interpret/sentences.js');
    const report = await reportFor('id: x\narea:\n  gemeente: Arnhem\n');
    expect(indicatorFinding(report, report.catalogue.get('pct_jeugdhulp_verblijf')!).text).toMatch(/^In Arnhem is het aandeel jongeren met verblijf onder de jongeren met jeugdhulp \d/);
    expect(indicatorFinding(report, report.catalogue.get('pct_jeugdbescherming_verblijf')!).text).toContain('onder de jongeren met jeugdbescherming');
  });
  it('the verantwoording states when a comparison group is computed (two thirds of its gemeenten) and that ties count', async () => {
    const { buildInterpretation } = await import('../../src/interpret/interpretation.js');
    for (const edition of ['kort', 'volledig']) {
      const rules = buildInterpretation(await reportFor(`id: x\nedition: ${edition}\narea:\n  gemeente: Arnhem\n`)).rules.join(' ');
      expect(rules).toContain('minstens twee derde zijn');
      expect(rules).toMatch(/gelijke (en hogere )?waarden/);
    }
  });
});
