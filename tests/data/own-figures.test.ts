/**
 * A client's own figure, honestly (issue 19, item 8): a "<5" cell is said to be withheld, an area
 * of several gemeenten with such a member gets no value of that year (and says why), its members
 * with values are shown beside it, a one-year trend is drawn as bars, and no axis repeats a tick
 * label. Expected numbers are read from the FIXTURE CSV here, independently of the loader.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildFigure } from '../../src/pipeline/figure-kinds.js';
import type { FigureModel } from '../../src/charts/figure-model.js';
import { renderSpecToSvg } from '../../src/charts/to-svg.js';
import { loadExtraData } from '../../src/data/extra-data.js';
import { SeriesStore } from '../../src/data/series.js';
import { ReportError } from '../../src/util/errors.js';
import { formatNumber } from '../../src/format.js';
import type { ReportData } from '../../src/data/select.js';
import { realDataset } from '../helpers/data.js';
import { reportFor } from '../helpers/report.js';

const dir = 'tests/fixtures/own-figures';
const config = (name: string) => reportFor(readFileSync(join(dir, name), 'utf8'), join(dir, name));
const threeGemeenten = () => config('fixture-arnhem-oost.yaml');

/** The FIXTURE CSV as written: one record per row, all text. */
function rawRows(file: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(join(dir, 'data', file), 'utf8').trim().split('\n');
  const cols = header.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])));
}
const raw = rawRows('fixture-eigen-cijfers.csv');
const cell = (code: string, indicator: string, year: number) => raw.find((r) => r.code === code && r.indicator === indicator && r.year === String(year))!;
const members = ['GM0202', 'GM0275', 'GM0277'];
const percent = (v: number) => `${formatNumber(v, 1)}%`;

/** Tick labels of every axis of an SVG drawn by Vega, one list per axis. */
function axisLabels(svg: string): string[][] {
  return [...svg.matchAll(/<g class="mark-text role-axis-label"[^>]*>(.*?)<\/g>/gs)].map((m) => [...m[1].matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((t) => t[1]));
}
/** The texts drawn as marks (bar labels), not axes. */
function markTexts(svg: string): string[] {
  return [...svg.matchAll(/<g class="mark-text role-mark[^"]*"[^>]*>(.*?)<\/g>/gs)].flatMap((m) => [...m[1].matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((t) => t[1]));
}
const figureOf = (report: ReportData, id: string): FigureModel => {
  const def = report.sections.flatMap((s) => s.figures).find((f) => f.id === id);
  if (!def) throw new Error(`no figure ${id} in ${report.region.name}`);
  return buildFigure(report, def);
};

describe('a "<5" cell of the client', () => {
  it('is read as withheld, in the words of the cell, and a row of it keeps its exact counts', async () => {
    const report = await threeGemeenten();
    expect(cell('GM0277', 'fixture_vve_bereik', 2023).value).toBe('<5');
    expect(report.gemeenteValues('fixture_vve_bereik', 2023).get('GM0277')).toEqual({ value: null, suppressed: true, note: 'minder dan 5' });
    const t = cell('GM0277', 'fixture_thuiszitters_per_1000', 2023);
    expect(report.gemeenteValues('fixture_thuiszitters_per_1000', 2023).get('GM0277')).toEqual({
      value: null,
      suppressed: true,
      note: 'minder dan 5',
      numerator: Number(t.numerator),
      denominator: Number(t.denominator),
    });
  });

  it('is named in the colophon, with what it means for an area of several gemeenten', async () => {
    const report = await threeGemeenten();
    const file = report.config.extraData[0].displayFile;
    const colophon = (report.warnings ?? []).map((w) => w.colophon);
    expect(colophon).toContain(
      `Bij ‘FIXTURE peuters met vve’ (${file}) is de waarde van Rozendaal (2023) afgeschermd: minder dan 5, zoals aangeleverd (‘<5’). Voor een gebied van meerdere gemeenten of wijken waar het bij hoort, is het cijfer van dat jaar daarom niet berekend.`,
    );
    expect(colophon).toContain(
      `Bij ‘FIXTURE thuiszitters per 1.000 leerplichtigen’ (${file}) is de waarde van Rozendaal (2023) afgeschermd: minder dan 5, zoals aangeleverd (‘<5’). Teller en noemer zijn wel aangeleverd en tellen mee in het cijfer van een gebied van meerdere gemeenten of wijken.`,
    );
  });

  it('is printed as withheld for that gemeente on its own, never as "geen gegevens … (niet in de bron)"', async () => {
    const report = await config('fixture-rozendaal.yaml');
    const trend = figureOf(report, 'trend-fixture-vve-bereik');
    expect(trend.notes).toEqual(['Rozendaal, 2023: afgeschermd: minder dan 5.']);
    const bars = figureOf(report, 'vergelijking-fixture-vve-bereik');
    expect(bars.title).toBe('FIXTURE peuters met vve, 2023'); // the withheld year, not silently 2022
    expect(bars.notes).toEqual(['Rozendaal: afgeschermd: minder dan 5.']);
    expect(markTexts(await renderSpecToSvg(bars.spec!, 'r'))).toContain('afgeschermd');
    // A withheld count alone is drawn as its one "afgeschermd" bar, not as "geen gegevens".
    const count = figureOf(report, 'trend-fixture-meldingen');
    expect(count.spec).not.toBeNull();
    expect(markTexts(await renderSpecToSvg(count.spec!, 'm'))).toEqual(['afgeschermd']);
  });

  it('must be a threshold, and a numerator given with it must be below it', async () => {
    const ds = await realDataset();
    const load = (name: string) =>
      loadExtraData(
        [{ file: join(dir, 'data', name), displayFile: name, indicators: [{ id: 'fixture_bereik', label: 'Fixture', definition: '', domain: 'signalering', unit: 'percent', decimals: 1, higherIsBetter: null, source: 'FIXTURE', chart: true }] }],
        ds,
        new SeriesStore(ds.series),
      );
    await expect(load('fixture-kleiner-dan-met-grote-teller.csv')).rejects.toThrow(ReportError);
    await expect(load('fixture-kleiner-dan-met-grote-teller.csv')).rejects.toThrow('fixture-kleiner-dan-met-grote-teller.csv:3: numerator: 7 is not below 5 while the value says "<5"');
    await expect(load('fixture-kleiner-dan-tekst.csv')).rejects.toThrow('fixture-kleiner-dan-tekst.csv:3: value: "<vijf" is not a number nor a suppressed cell like "<5"');
  });
});

describe('an area of several gemeenten with a withheld member', () => {
  it('gets no value of that year, and says which member is withheld', async () => {
    const report = await threeGemeenten();
    expect(report.region.codes).toEqual(members);
    const v = report.value('fixture_vve_bereik', report.region, 2023);
    expect(v).toMatchObject({ value: null, suppressed: true, note: 'niet berekend: de waarde van Rozendaal is afgeschermd' });
    // The latest year is that withheld one, not silently the year before.
    expect(report.value('fixture_vve_bereik', report.region).year).toBe(2023);
    expect(report.value('fixture_meldingen', report.region, 2023)).toMatchObject({ value: null, note: 'niet berekend: de waarde van Rozendaal is afgeschermd' });
    // A year in which every member has a value: recomputed from the counts.
    const num = members.reduce((a, c) => a + Number(cell(c, 'fixture_vve_bereik', 2022).numerator), 0);
    const den = members.reduce((a, c) => a + Number(cell(c, 'fixture_vve_bereik', 2022).denominator), 0);
    expect(report.value('fixture_vve_bereik', report.region, 2022).value).toBeCloseTo((num / den) * 100, 10);
  });

  it('is computed where the "<5" row gives the exact numerator and denominator, and says so', async () => {
    const report = await threeGemeenten();
    const num = members.reduce((a, c) => a + Number(cell(c, 'fixture_thuiszitters_per_1000', 2023).numerator), 0);
    const den = members.reduce((a, c) => a + Number(cell(c, 'fixture_thuiszitters_per_1000', 2023).denominator), 0);
    const v = report.value('fixture_thuiszitters_per_1000', report.region, 2023);
    expect(v.value).toBeCloseTo((num / den) * 1000, 10);
    expect(v.note).toBe('berekend uit de aantallen van alle 3 gemeenten; het eigen cijfer van Rozendaal is afgeschermd');
  });

  it('shows its members with values as bars beside it, and no value of its own', async () => {
    const report = await threeGemeenten();
    const fig = figureOf(report, 'vergelijking-fixture-vve-bereik');
    expect(fig.title).toBe('FIXTURE peuters met vve, 2023');
    const svg = await renderSpecToSvg(fig.spec!, 'v');
    expect(axisLabels(svg)).toEqual([['FIXTURE Arnhem-Oost', 'Arnhem', 'Rheden', 'Rozendaal', 'Provincie Gelderland', 'Vergelijkbare gemeenten', 'Nederland']]);
    const labels = markTexts(svg);
    expect(labels.slice(0, 4)).toEqual(['niet berekend', percent(Number(cell('GM0202', 'fixture_vve_bereik', 2023).value)), percent(Number(cell('GM0275', 'fixture_vve_bereik', 2023).value)), 'afgeschermd']);
    // No group value of that year: neither over the members with values nor with the withheld one as 0.
    const withValues = ['GM0202', 'GM0275'].map((c) => cell(c, 'fixture_vve_bereik', 2023));
    const partial = (withValues.reduce((a, r) => a + Number(r.numerator), 0) / withValues.reduce((a, r) => a + Number(r.denominator), 0)) * 100;
    expect(labels).not.toContain(percent(partial));
    expect(fig.alt).not.toContain(percent(partial));
    expect(fig.notes).toEqual(['FIXTURE Arnhem-Oost: niet berekend: de waarde van Rozendaal is afgeschermd.', 'Rozendaal: afgeschermd: minder dan 5.']);
  });

  it("names the members' values of the withheld year under the trend", async () => {
    const report = await threeGemeenten();
    const fig = figureOf(report, 'trend-fixture-vve-bereik');
    const v = (c: string) => percent(Number(cell(c, 'fixture_vve_bereik', 2023).value));
    expect(fig.notes).toEqual([
      'FIXTURE Arnhem-Oost, 2023: niet berekend: de waarde van Rozendaal is afgeschermd.',
      `Per gemeente in 2023: Arnhem ${v('GM0202')}, Rheden ${v('GM0275')}, Rozendaal afgeschermd.`,
    ]);
    const drawn = (fig.spec as unknown as { data: { values: { area: string; yearNumber: number }[] } }).data.values;
    expect(drawn.some((r) => r.area === 'FIXTURE Arnhem-Oost' && r.yearNumber === 2023)).toBe(false);
  });

  it('shows a count of one year per member, without a sum that misses one', async () => {
    const report = await threeGemeenten();
    const fig = figureOf(report, 'trend-fixture-meldingen');
    expect(fig.kind).toBe('comparison');
    const svg = await renderSpecToSvg(fig.spec!, 'c');
    expect(axisLabels(svg)).toEqual([['FIXTURE Arnhem-Oost', 'Arnhem', 'Rheden', 'Rozendaal']]);
    const [a, b] = ['GM0202', 'GM0275'].map((c) => Number(cell(c, 'fixture_meldingen', 2023).value));
    expect(markTexts(svg)).toEqual(['niet berekend', formatNumber(a), formatNumber(b), 'afgeschermd']);
    expect(fig.notes).toEqual(['Eén jaar (2023): geen ontwikkeling te tonen.', 'FIXTURE Arnhem-Oost: niet berekend: de waarde van Rozendaal is afgeschermd.', 'Rozendaal: afgeschermd: minder dan 5.']);
  });
});

describe('an area of wijken with a withheld wijk', () => {
  it('gets no value, names the wijk, and shows the wijken beside it', async () => {
    const report = await config('fixture-drie-wijken.yaml');
    const [header, ...lines] = readFileSync(join(dir, 'data/fixture-wijk-cijfers.csv'), 'utf8').trim().split('\n');
    const rows = lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [header.split(',')[i], v])));
    const withheld = rows.find((r) => r.value.startsWith('<'))!.code;
    const name = (code: string) => report.dataset.wijken.get(code)!.name;
    const fig = figureOf(report, 'vergelijking-fixture-wijk-bereik');
    expect(fig.notes).toEqual([`FIXTURE Utrecht-drie-wijken: niet berekend: de waarde van ${name(withheld)} is afgeschermd.`, `${name(withheld)}: afgeschermd: minder dan 5.`]);
    const svg = await renderSpecToSvg(fig.spec!, 'w');
    expect(axisLabels(svg)[0].slice(0, 4)).toEqual(['FIXTURE Utrecht-drie-wijken', ...report.region.codes.map(name)]);
    const labels = markTexts(svg);
    for (const r of rows.filter((x) => x.code.startsWith('WK') && x.code !== withheld)) expect(labels).toContain(percent(Number(r.value)));
  });
});

describe('a trend with a withheld year in the middle', () => {
  it('breaks the line there instead of drawing across it, and says why', async () => {
    const report = await config('fixture-weinig-verschil.yaml');
    const rows = rawRows('fixture-weinig-verschil.csv').filter((r) => r.indicator === 'fixture_gat' && r.code === 'GM0202');
    const gap = rows.find((r) => r.value.startsWith('<'))!;
    const fig = figureOf(report, 'trend-fixture-gat');
    expect(fig.notes).toEqual([`Arnhem, ${gap.year}: afgeschermd: minder dan 5.`]);
    const svg = await renderSpecToSvg(fig.spec!, 'g');
    const { paletteFor } = await import('../../src/charts/theme.js');
    const line = [...svg.matchAll(/<path d="([^"]*)" stroke="([^"]*)" stroke-width="2.5"/g)].find((m) => m[2] === paletteFor(report.config.brand).region)!;
    // One piece before the gap and one after: two "moveto"s, and no segment between them.
    expect(line[1].match(/M/g)).toHaveLength(2);
    expect(line[1]).not.toContain('L');
  });
});

describe('axes with few distinct values', () => {
  it('draw a one-year trend as bars of that year, with no axis of repeated ticks', async () => {
    const report = await config('fixture-weinig-verschil.yaml');
    const fig = figureOf(report, 'trend-fixture-een-jaar');
    expect(fig.kind).toBe('comparison');
    expect(fig.title).toBe('FIXTURE één jaar, 2023');
    expect(fig.notes[0]).toBe('Eén jaar (2023): geen ontwikkeling te tonen.');
    const svg = await renderSpecToSvg(fig.spec!, 'e');
    expect(axisLabels(svg)).toEqual([['Arnhem', 'Provincie Gelderland', 'Vergelijkbare gemeenten', 'Nederland']]);
  });

  it('never print the same tick label twice (narrow range, equal values, small counts, a histogram of a rate with 0 decimals)', async () => {
    const report = await config('fixture-weinig-verschil.yaml');
    const checked: string[] = [];
    for (const id of ['trend-fixture-smal', 'trend-fixture-gelijk', 'trend-fixture-weinig', 'verdeling-fixture-smal', 'vergelijking-fixture-gelijk']) {
      const fig = figureOf(report, id);
      const svg = await renderSpecToSvg(fig.spec!, id);
      for (const labels of axisLabels(svg)) {
        expect(new Set(labels).size, `${id}: ${labels.join(' | ')}`).toBe(labels.length);
        checked.push(`${id}: ${labels.join(' | ')}`);
      }
    }
    // A sane axis: several ticks on the narrow range of a rate shown without decimals (3,1 to 3,2 per 1.000).
    const smal = axisLabels(await renderSpecToSvg(figureOf(report, 'trend-fixture-smal').spec!, 's'))[1];
    expect(smal.length).toBeGreaterThanOrEqual(3);
    // Small counts: whole numbers only.
    const weinig = axisLabels(await renderSpecToSvg(figureOf(report, 'trend-fixture-weinig').spec!, 'w'))[1];
    for (const l of weinig) expect(l).toMatch(/^\d+$/);
    expect(checked.length).toBeGreaterThanOrEqual(8);
  });

  it('never print the same tick label twice in the real reports of very different regions', async () => {
    for (const yaml of ['id: x\narea:\n  gemeente: GM0202\n', 'id: x\narea:\n  gemeente: GM0088\n', readFileSync('tests/fixtures/regions/rotterdam-zuid.yaml', 'utf8')]) {
      const report = await reportFor(yaml, 'tests/fixtures/regions/inline.yaml');
      for (const f of report.sections.flatMap((s) => s.figures)) {
        if (f.kind === 'wijk-map' || f.kind === 'profile' || f.kind === 'scatter' || f.kind === 'wijk-profile') continue;
        const fig = buildFigure(report, f);
        if (!fig.spec) continue;
        for (const labels of axisLabels(await renderSpecToSvg(fig.spec, f.id))) expect(new Set(labels).size, `${report.region.name} ${f.id}: ${labels.join(' | ')}`).toBe(labels.length);
      }
    }
  });
});

describe('notes under a figure', () => {
  it('print each note once, and one reason shared by several indicators once per area', async () => {
    let merged = 0;
    const compositions = [0, 0];
    for (const gemeente of ['GM0917', 'GM0088', 'GM0202']) {
      const report = await reportFor(`id: x\narea:\n  gemeente: ${gemeente}\n`);
      for (const f of report.sections.flatMap((s) => s.figures)) {
        if (f.kind === 'wijk-map') continue;
        const fig = buildFigure(report, f);
        expect(new Set(fig.notes).size, `${gemeente} ${f.id}: ${fig.notes.join(' / ')}`).toBe(fig.notes.length);
        const reasons = fig.notes.map((n) => `${n.split(/[,:]/)[0]}|${n.slice(n.lastIndexOf(': ') + 2)}`);
        expect(new Set(reasons).size, `${gemeente} ${f.id}: ${fig.notes.join(' / ')}`).toBe(reasons.length);
        if (f.kind === 'composition' && fig.spec) {
          // The rounding note once, and only where a bar's parts as printed (whole percents) do not add up to 100%.
          const rows = (fig.spec as unknown as { data: { values: { area: string; value: number }[] } }).data.values;
          const sums = new Map<string, number>();
          for (const r of rows) sums.set(r.area, (sums.get(r.area) ?? 0) + Math.round(r.value));
          const off = [...sums.values()].some((v) => v !== 100);
          expect(fig.notes.filter((n) => n.startsWith('Door afronding')), `${gemeente} ${f.id}`).toHaveLength(off ? 1 : 0);
          compositions[off ? 1 : 0]++;
        }
        // A reason all indicators of the figure share is printed without naming them.
        if (f.indicators.length > 1) merged += fig.notes.filter((n) => new RegExp(`^${report.region.name}: `).test(n)).length;
      }
    }
    expect(merged).toBeGreaterThan(0);
    // Both kinds occur among these regions: with and without the rounding note.
    expect(compositions[0]).toBeGreaterThan(0);
    expect(compositions[1]).toBeGreaterThan(0);
  });
});

describe("an indicator's caveat about another source", () => {
  it("is printed only where the figure shows that source's year (Utrecht's own bijstand file of 2023)", async () => {
    const { figures } = await import('../../src/data/figures.js');
    const { sourceById } = await import('../../src/data/sources.js');
    const utrechtFile = sourceById('kwb-2023-utrecht')!.citation;
    const caveat = (await import('../../src/data/catalogue.js')).catalogue.get('bijstand_per_1000')!.caveat!;
    const seen = { with: 0, without: 0 };
    for (const gemeente of ['GM0344', 'GM0202', 'GM0088']) {
      const report = await reportFor(`id: x\narea:\n  gemeente: ${gemeente}\n`);
      const fig = buildFigure(report, figures.get('bijstand')!);
      const usesUtrecht = fig.source.includes(utrechtFile);
      expect(fig.notes.includes(caveat), `${gemeente}: ${fig.source}`).toBe(usesUtrecht);
      seen[usesUtrecht ? 'with' : 'without']++;
    }
    expect(seen).toEqual({ with: 1, without: 2 });
  });
});
