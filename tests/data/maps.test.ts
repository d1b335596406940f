// Maps on the real data: wijk geometry of a gemeente, the wijk map, labels, school points.
// The winding of rings and the classes on their own are in tests/unit/maps.test.ts.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectFeatures } from '../../src/maps/geometry.js';
import { buildWijkMap, buildLocatorSpec } from '../../src/maps/build-map.js';
import { renderSpecToSvg } from '../../src/charts/to-svg.js';
import { figures } from '../../src/data/figures.js';
import { reportFor } from '../helpers/report.js';
import { countMarks } from '../helpers/svg.js';
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
  it('drops labels that would overlap and those of tiny wijken', async () => {
    const { placeLabels } = await import('../../src/maps/build-map.js');
    const placed = placeLabels([
      { x: 100, y: 100, nr: '1', area: 500 },
      { x: 104, y: 102, nr: '2', area: 300 }, // overlaps 1
      { x: 140, y: 100, nr: '3', area: 200 },
      { x: 200, y: 200, nr: '4', area: 20 }, // too small
    ]);
    expect(placed.map((p) => p.nr)).toEqual(['1', '3']);
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
