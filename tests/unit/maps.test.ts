import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { rewindForD3 } from '../../src/maps/geometry.js';
import { quantileClasses, classOf } from '../../src/interpret/wijk-stacking.js';
import { formatPercent } from '../../src/format.js';
import { placeLabels, type LabelCandidate } from '../../src/maps/labels.js';
// The maps of real reports are in tests/data/maps.test.ts.

const signedArea = (ring: number[][]) => ring.reduce((a, p, i) => a + (ring[(i + ring.length - 1) % ring.length][0] * p[1] - p[0] * ring[(i + ring.length - 1) % ring.length][1]), 0) / 2;

describe('map geometry', () => {
  it('winds exterior rings clockwise and holes counter-clockwise for d3-geo', () => {
    const ccwSquare = [[5, 52], [5.1, 52], [5.1, 52.1], [5, 52.1], [5, 52]];
    const ccwHole = [[5.02, 52.02], [5.05, 52.02], [5.05, 52.05], [5.02, 52.05], [5.02, 52.02]];
    const g = rewindForD3({ type: 'Polygon', coordinates: [ccwSquare, ccwHole] } as Polygon);
    expect(signedArea(g.coordinates[0])).toBeLessThan(0);
    expect(signedArea(g.coordinates[1])).toBeGreaterThan(0);
  });
});

describe('classes', () => {
  it('makes up to five classes of about equal size with Dutch labels', () => {
    const values = [6, 13, 13, 14, 16, 16, 16, 16, 19, 27, 15, 13, 14, 13];
    const b = quantileClasses(values, 0, (v) => formatPercent(v, 0));
    expect(b.labels.length).toBeLessThanOrEqual(5);
    expect(b.labels[0]).toMatch(/^6%/);
    expect(b.labels[b.labels.length - 1]).toMatch(/27%$/);
    expect(classOf(6, b)).toBe(0);
    expect(classOf(27, b)).toBe(b.labels.length - 1);
  });
  it('has one class when all values are equal', () => {
    expect(quantileClasses([5, 5, 5], 0, String).labels).toEqual(['5']);
  });
});

/** A projected square (screen coordinates) as a wijk for placeLabels. */
const square = (nr: string, x: number, y: number, size: number): LabelCandidate => ({
  nr,
  x: x + size / 2,
  y: y + size / 2,
  area: size * size,
  colour: '#1f1f1f',
  halo: '#ffffff',
  geometry: { type: 'Polygon', coordinates: [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]] },
});
const boxOf = (l: { x: number; y: number; nr: string; fontSize: number }) => {
  const hw = (0.52 * l.fontSize * l.nr.length + 2.6) / 2;
  return { x0: l.x - hw, x1: l.x + hw, y0: l.y - l.fontSize / 2, y1: l.y + l.fontSize / 2 };
};

describe('wijk numbers on a map', () => {
  it('numbers every referenced wijk: inside where it fits, else beside the shapes with a leader line to the wijk', () => {
    // A large wijk with a cluster of nine wijken of 4 × 4 px in its middle: no number fits in those.
    const cluster = Array.from({ length: 9 }, (_, i) => square(String(i + 2), 140 + (i % 3) * 4, 80 + Math.floor(i / 3) * 4, 4));
    const big: LabelCandidate = { ...square('1', 20, 20, 260), x: 60, y: 60 };
    const placed = placeLabels([big, ...cluster], 300, 300);
    expect(placed.map((l) => l.nr)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(placed[0].leader).toBeUndefined();
    for (const l of placed.slice(1)) {
      // The line starts in its own wijk and ends at its number's box.
      const own = cluster.find((c) => c.nr === l.nr)!;
      expect(l.leader).toBeDefined();
      expect(Math.abs(l.leader!.ax - own.x)).toBeLessThanOrEqual(2);
      expect(Math.abs(l.leader!.ay - own.y)).toBeLessThanOrEqual(2);
      expect(Math.hypot(l.leader!.bx - l.x, l.leader!.by - l.y)).toBeLessThan(12);
    }
    // No two numbers overlap, and all lie in the frame.
    const boxes = placed.map(boxOf);
    for (const [i, a] of boxes.entries()) {
      expect(a.x0).toBeGreaterThanOrEqual(0);
      expect(a.x1).toBeLessThanOrEqual(300);
      for (const b of boxes.slice(i + 1)) expect(a.x0 < b.x1 && a.x1 > b.x0 && a.y0 < b.y1 && a.y1 > b.y0).toBe(false);
    }
  });

  it('puts a number inside at the point farthest from the border, not at a centroid outside the wijk', () => {
    // A U: its centroid lies in the gap between the arms.
    const u: LabelCandidate = {
      nr: '1', x: 50, y: 40, area: 0, colour: '#000', halo: '#fff',
      geometry: { type: 'Polygon', coordinates: [[[0, 0], [30, 0], [30, 60], [70, 60], [70, 0], [100, 0], [100, 100], [0, 100], [0, 0]]] },
    };
    const [label] = placeLabels([u], 120, 120);
    expect(label.leader).toBeUndefined();
    expect(label.y).toBeGreaterThan(60);
  });

  it('leaves out only numbers nobody refers to when they do not fit', () => {
    const a = square('1', 10, 10, 40);
    const tinyContext = { ...square('2', 60, 10, 3), required: false };
    const tinyReferenced = square('3', 70, 10, 3);
    expect(placeLabels([a, tinyContext, tinyReferenced], 120, 60).map((l) => l.nr)).toEqual(['1', '3']);
  });
});
