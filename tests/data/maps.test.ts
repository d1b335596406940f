// Maps on the real data: wijk geometry of a gemeente, the wijk map, labels, school points.
// The winding of rings and the classes on their own are in tests/unit/maps.test.ts.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectFeatures } from '../../src/maps/geometry.js';
import { buildWijkMap, buildLocatorSpec, buildStackingMap } from '../../src/maps/build-map.js';
import { wijkStacking } from '../../src/interpret/wijk-stacking.js';
import type { FigureModel } from '../../src/charts/figure-model.js';
import { renderSpecToSvg } from '../../src/charts/to-svg.js';
import { figures } from '../../src/data/figures.js';
import { reportFor } from '../helpers/report.js';
import { countMarks, markTexts } from '../helpers/svg.js';
import { dataDir, realDataset } from '../helpers/data.js';

describe('map geometry', () => {
  it('projects every wijk of a gemeente into the frame, none filling it', async () => {
    const ds = await realDataset();
    const features = ds.geo.wijken.features.filter((f) => f.properties.code.startsWith('WK0796'));
    const projected = projectFeatures(features as never, 600, 360);
    expect(projected).toHaveLength(14);
    const total = projected.reduce((s, f) => s + f.properties.area, 0);
    expect(total).toBeLessThan(600 * 360);
    for (const f of projected) {
      expect(f.properties.area).toBeGreaterThan(0);
      expect(f.properties.cx).toBeGreaterThanOrEqual(0);
      expect(f.properties.cx).toBeLessThanOrEqual(600);
    }
  });
});

describe('wijk map', () => {
  it('draws every populated wijk with a number, legend and table', async () => {
    const report = await reportFor('id: x\narea:\n  gemeente: GM0796\n');
    const fig = buildWijkMap(report, figures.get('wijkkaart-jeugd')!);
    expect(fig.table!.rows).toHaveLength(14);
    expect(fig.table!.rows[0]).toEqual(['1', 'Binnenstad', '6%', '13.895']);
    expect(fig.notes[0]).toBe('Tussen de wijken loopt dit uiteen van 6% in Binnenstad tot 27% in De Groote Wielen.');
    const svg = await renderSpecToSvg(fig.spec!, 'm');
    expect(countMarks(svg, 'shape')).toBe(14);
    expect(countMarks(svg, 'text')).toBeGreaterThanOrEqual(10);
    expect(fig.legend!.title).toBe('0 tot 15 jaar, 2024');
    expect(fig.legend!.items.length).toBeGreaterThanOrEqual(2);
    for (const item of fig.legend!.items) expect(svg).toContain(`fill="${item.colour}"`);
  });
  it('marks wijken without data as "geen gegevens" in the legend', async () => {
    // Amsterdam has wijken with too few inhabitants for CBS to publish shares.
    const report = await reportFor('id: x\narea:\n  gemeente: GM0363\n');
    const fig = buildWijkMap(report, figures.get('wijkkaart-jeugd')!);
    const svg = await renderSpecToSvg(fig.spec!, 'a');
    const noData = fig.legend!.items.find((i) => i.noData)!;
    expect(noData.label).toBe('geen gegevens');
    // Hatched on the map itself, as the legend's swatch.
    expect(svg).toContain('fill="url(#a-no-data-hatch)"');
    expect(svg).toContain('<pattern id="a-no-data-hatch"');
    expect(fig.table!.rows.some((r) => r[2] === 'geen gegevens')).toBe(true);
  });
  it('locates the region in Nederland', async () => {
    const report = await reportFor('id: x\narea:\n  gemeenten: [Hulst, Sluis, Terneuzen]\n  name: Zeeuws-Vlaanderen\n');
    const svg = await renderSpecToSvg(buildLocatorSpec(report), 'l');
    expect((svg.match(/<path[^>]*fill="#eeeeee"/g) ?? []).length).toBe(12);
    expect((svg.match(new RegExp(`<path[^>]*fill="${report.config.brand.primary}"`, 'g')) ?? []).length).toBe(3);
  });
});

describe('map labels', () => {
  /** The numbers drawn on a map: the text marks (each number twice, halo and fill). */
  const drawnNumbers = async (spec: NonNullable<FigureModel['spec']>, id: string) => new Set(markTexts(await renderSpecToSvg(spec, id)));
  const leadersOf = (spec: NonNullable<FigureModel['spec']>) =>
    ((spec as { layer: { mark: { type: string }; data?: { values: unknown[] } }[] }).layer.find((l) => l.mark.type === 'text')!.data!.values as { nr: string; leader?: object }[]).filter((l) => l.leader).map((l) => l.nr);

  it('numbers every wijk of the table and of the text on the maps of Noordoost-Twente, small Oldenzaal wijken with a leader line', async () => {
    const report = await reportFor('id: x\narea:\n  gemeenten: [GM0173, GM0168, GM1774]\n  name: Noordoost-Twente\n');
    const stacking = wijkStacking(report);
    // The wijken the reviewer could not find: Binnenstad (6) and Het Inslag-De Kleies (7), both named as stacking.
    const named = stacking.named.map((r) => String(r.nr));
    expect(named).toEqual(expect.arrayContaining(['6', '7']));
    const small = buildStackingMap(report, { small: true });
    const onSmall = await drawnNumbers(small.spec!, 'stack-small');
    for (const nr of named) expect(onSmall, `wijk ${nr} on the summary map`).toContain(nr);
    const full = buildStackingMap(report);
    const onFull = await drawnNumbers(full.spec!, 'stack-full');
    for (const r of stacking.rows) expect(onFull, `wijk ${r.nr} on the stacking map`).toContain(String(r.nr));
    expect(leadersOf(full.spec!)).toEqual(expect.arrayContaining(['7']));
    // Each leader is drawn as a halo, a line and a dot.
    const svg = await renderSpecToSvg(full.spec!, 'stack-lines');
    expect((svg.match(/<g class="mark-rule role-mark[^"]*"[^>]*>(.*?)<\/g>/gs) ?? []).join('').match(/<line/g)!.length).toBe(3 * leadersOf(full.spec!).length);
    const wijkMap = buildWijkMap(report, figures.get('wijkkaart-laag-inkomen')!);
    const onWijkMap = await drawnNumbers(wijkMap.spec!, 'wijk-twente');
    for (const row of wijkMap.table!.rows) expect(onWijkMap, `wijk ${row[0]} (${row[1]}) on the wijk map`).toContain(row[0]);
  });

  it.each([
    ['Amsterdam', 'GM0363'],
    ['Rotterdam', 'GM0599'],
  ])('numbers every wijk of the table on the dense wijk map of %s, and the map keeps its frame', async (_name, code) => {
    const report = await reportFor(`id: x\narea:\n  gemeente: ${code}\n`);
    const fig = buildWijkMap(report, figures.get('wijkkaart-jeugd')!);
    const svg = await renderSpecToSvg(fig.spec!, 'dense');
    const drawn = new Set(markTexts(svg));
    expect(fig.table!.rows.length).toBeGreaterThan(15);
    for (const row of fig.table!.rows) expect(drawn, `wijk ${row[0]} (${row[1]})`).toContain(row[0]);
    // Numbers beside the shapes do not rescale the projected map: a label sits where the spec puts it.
    const labels = (fig.spec as { layer: { mark: { type: string }; data?: { values: { x: number; y: number; nr: string }[] } }[] }).layer.find((l) => l.mark.type === 'text')!.data!.values;
    const first = labels[0];
    expect(svg).toMatch(new RegExp(`translate\\(${first.x},[^)]*\\)[^>]*>${first.nr}</text>`));
  });
});

describe('school points on a wijk map', () => {
  it('draws the schools that lie in the gemeente, by kind, when the config asks for them', async () => {
    const report = await reportFor('id: arnhem-scholen\narea:\n  gemeente: Arnhem\nmaps:\n  schools: true\n');
    const fig = buildWijkMap(report, figures.get('wijkkaart-laag-inkomen')!);
    const layers = (fig.spec as { layer: { mark: { type: string }; data?: { values: { kind: string }[] } }[] }).layer;
    const points = layers.find((l) => l.mark.type === 'point')!.data!.values;
    // Independently: the schools the DUO file places in gemeente Arnhem (its own gemeente column).
    const fc = JSON.parse(readFileSync(join(dataDir, 'duo/derived/scholen_2024_geocoded.geojson'), 'utf8')) as { features: { properties: { gemeente: string; type: string } }[] };
    const inArnhem = fc.features.filter((f) => f.properties.gemeente === 'ARNHEM');
    expect(inArnhem.length).toBeGreaterThan(50);
    expect(Math.abs(points.length - inArnhem.length)).toBeLessThanOrEqual(2);
    expect(points.filter((p) => p.kind === 'bo').length).toBe(inArnhem.filter((f) => f.properties.type === 'basisschool').length);
    expect(fig.notes.some((n) => /^Scholen op de kaart \(adressen november 2024\): ● basisonderwijs \(\d+\)/.test(n))).toBe(true);
    expect(fig.source).toContain('scholen: DUO, Adressen schoolvestigingen november 2024');
    const svg = await renderSpecToSvg(fig.spec!, 'school-map');
    expect(countMarks(svg, 'symbol')).toBe(points.length);
  });

  it('draws no school points by default', async () => {
    const report = await reportFor('id: arnhem\narea:\n  gemeente: Arnhem\n');
    const fig = buildWijkMap(report, figures.get('wijkkaart-laag-inkomen')!);
    expect((fig.spec as { layer: { mark: { type: string } }[] }).layer.some((l) => l.mark.type === 'point')).toBe(false);
  });
});
