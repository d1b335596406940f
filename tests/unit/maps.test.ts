import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { rewindForD3 } from '../../src/maps/geometry.js';
import { quantileClasses, classOf } from '../../src/interpret/wijk-stacking.js';
import { formatPercent } from '../../src/format.js';
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
