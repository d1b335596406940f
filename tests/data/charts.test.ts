// Charts of real reports. Colours, text metrics and label spreading on their own are in tests/unit/charts.test.ts.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir } from '../helpers/data.js';
import { indicatorTableRow } from '../../src/render/view-model.js';
import { buildFigure } from '../../src/pipeline/figure-kinds.js';
import { renderSpecToSvg } from '../../src/charts/to-svg.js';
import { contrastRatio } from '../../src/contrast.js';
import { figures } from '../../src/data/figures.js';
import { reportFor } from '../helpers/report.js';
import { countMarks } from '../helpers/svg.js';

const denBosch = () => reportFor('id: gm0796\narea:\n  gemeente: GM0796\nbrand:\n  primary: "#aa3300"\n');
const count = (svg: string, re: RegExp) => (svg.match(re) ?? []).length;

describe('comparison chart', () => {
  it('shows the region in the brand colour and every area with its value in Dutch format', async () => {
    const report = await denBosch();
    const fig = buildFigure(report, figures.get('jeugdzorg')!);
    expect(fig.title).toBe('Jongeren met jeugdzorg in natura, 2022');
    expect(fig.source).toBe('Bron: CBS, Kerncijfers wijken en buurten 2022');
    const svg = await renderSpecToSvg(fig.spec!, 't');
    expect(svg).toContain('fill="#aa3300"');
    expect(svg).toContain('>10,0%<'); // GM0796 p_jz_tn = 10.0 in KWB 2022
    for (const a of [report.region, ...report.comparisons]) expect(svg).toContain(`>${a.name.replace(/'/g, '&#39;')}<`.replace('&#39;', "'"));
    // One bar per area: the region, province, similar gemeenten and Nederland.
    expect(report.comparisons.map((c) => c.role)).toEqual(['province', 'similar', 'nederland']);
    expect(countMarks(svg, 'rect')).toBe(4);
    expect(fig.alt).toContain("'s-Hertogenbosch 10,0%");
  });

  it('shows an area without a figure in the region\'s year with its own latest figure, marked with its year, as the table does', async () => {
    const report = await reportFor('id: x\narea:\n  gemeente: GM0344\n');
    // Utrecht has its own bijstand file of 2023; its comparison areas have KWB 2021 only.
    const def = report.catalogue.get('bijstand_per_1000')!;
    const fig = buildFigure(report, { id: 'b', kind: 'comparison', domain: 'armoede', title: 'Bijstand', indicators: [def.id] });
    const svg = await renderSpecToSvg(fig.spec!, 'b');
    expect(svg).toMatch(/>28 per 1\.000</);
    const labels = (fig.spec as unknown as { data: { values: { area: string; label: string }[] } }).data.values;
    const row = indicatorTableRow(report, def);
    // One decision of year and value: every cell of the Kerncijfers row is the chart's label of that area.
    expect(labels.map((l) => l.label)).toEqual(row.cells);
    expect(labels.filter((l) => l.area !== 'Utrecht').every((l) => / \(2021\)$/.test(l.label))).toBe(true);
  });
});

describe('trend, composition and distribution charts', () => {
  it('draws inhabitants per year with dotted thousands', async () => {
    const report = await denBosch();
    const fig = buildFigure(report, figures.get('inwoners-trend')!);
    const svg = await renderSpecToSvg(fig.spec!, 't');
    for (const v of ['156.538', '158.753', '160.757']) expect(svg).toContain(`>${v}<`);
    expect(fig.source).toContain('CBS, Kerncijfers wijken en buurten 2022; CBS, Kerncijfers wijken en buurten 2023; CBS, Kerncijfers wijken en buurten 2024');
  });

  it('stacks composition parts that start at 0% and end near 100%', async () => {
    const report = await denBosch();
    const fig = buildFigure(report, figures.get('opleidingsniveau')!);
    const rows = (fig.spec as unknown as { data: { values: { area: string; end: number }[] } }).data.values;
    const ends = rows.filter((r) => r.area === "'s-Hertogenbosch").map((r) => r.end);
    expect(ends[ends.length - 1]).toBeCloseTo(100, 6);
    const svg = await renderSpecToSvg(fig.spec!, 'c');
    expect(svg).toContain('>Laag opgeleid<');
  });

  it('outlines the light-grey remainder of a composition in grey (3:1 on white); the other parts are parted by white', async () => {
    // Bergen (NH.): CBS's referrers of youth care do not add up to all trajecten, so the chart has a remainder.
    const report = await reportFor('id: x\narea:\n  gemeente: GM0373\n');
    const fig = buildFigure(report, figures.get('jeugdzorg-verwijzers')!);
    const svg = await renderSpecToSvg(fig.spec!, 'r');
    // The bars (a legend symbol has a transform).
    const remainder = [...svg.matchAll(/<path (?![^>]*transform)[^>]*fill="#e3e3e3"[^>]*>/g)].map((m) => m[0]);
    expect(remainder.length).toBeGreaterThan(0);
    for (const r of remainder) expect(r).toContain('stroke="#767676"');
    expect(contrastRatio('#767676', '#ffffff')).toBeGreaterThanOrEqual(3);
    expect(svg).toContain('stroke="#ffffff"');
  });

  it('places the region among all gemeenten', async () => {
    const report = await denBosch();
    const fig = buildFigure(report, figures.get('laag-inkomen-verdeling')!);
    // The raw KWB 2021 value (p_hh_lkk), read here independently of the loader.
    const [header, ...lines] = readFileSync(join(dataDir, 'cbs/kwb_2021_gm_wk_sociaal.csv'), 'utf8').trim().split('\n');
    const raw = lines.find((l) => l.startsWith('GM0796,'))!.split(',')[header.split(',').indexOf('p_hh_lkk')];
    const printed = `${raw.replace('.', ',')}%`;
    expect(fig.notes[0]).toMatch(new RegExp(`^'s-Hertogenbosch \\(${printed}\\) staat op plaats \\d+ van 342 gemeenten \\(1 = hoogste waarde\\)`));
    const svg = await renderSpecToSvg(fig.spec!, 'd');
    expect(svg).toContain(`'s-Hertogenbosch: ${printed}`);
    expect(svg).toContain('>Aantal gemeenten<');
  });
});
