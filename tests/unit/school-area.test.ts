/**
 * The schools of an area of wijken (src/data/school-area.ts) on FIXTURE wijken and school points:
 * which vestigingen and instellingen count, whatever the winding of the rings, holes excluded.
 * The per-school observations the readers keep are in tests/data/school-area.test.ts.
 */
import type { Feature, Geometry } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { GeoProps } from '../../src/data/load-dataset.js';
import { schoolsInArea } from '../../src/data/school-area.js';
import type { SchoolPoint } from '../../src/data/sources/duo-scholen-2024.js';

/** A FIXTURE square wijk, its ring counter-clockwise (RFC 7946) or clockwise (as some PDOK rings are). */
const square = (code: string, [x0, y0, x1, y1]: number[], clockwise = false, hole?: number[]): Feature<Geometry, GeoProps> => {
  const ring = (b: number[], cw: boolean) => {
    const r = [
      [b[0], b[1]],
      [b[2], b[1]],
      [b[2], b[3]],
      [b[0], b[3]],
      [b[0], b[1]],
    ];
    return cw ? r.reverse() : r;
  };
  return { type: 'Feature', properties: { code, name: code }, geometry: { type: 'Polygon', coordinates: [ring([x0, y0, x1, y1], clockwise), ...(hole ? [ring(hole, !clockwise)] : [])] } };
};
const FIXTURE_WIJKEN = [square('WK999901', [5.0, 52.0, 5.1, 52.1], false, [5.06, 52.06, 5.09, 52.09]), square('WK999902', [5.1, 52.0, 5.2, 52.1], true), square('WK999903', [5.3, 52.0, 5.4, 52.1])];
const pt = (code: string, lon: number, lat: number): SchoolPoint => ({ code, name: `FIXTURE ${code}`, kind: 'bo', lon, lat });
const FIXTURE_POINTS = [
  pt('AAAA00', 5.02, 52.02), // wijk 1
  pt('AAAA01', 5.15, 52.05), // wijk 2 (clockwise ring)
  pt('BBBB00', 5.03, 52.03), // in the area ...
  pt('BBBB01', 5.35, 52.05), // ... and its other vestiging in wijk 3, outside the area
  pt('CCCC00', 5.04, 52.04), // two addresses of one vestiging: in ...
  pt('CCCC00', 5.35, 52.02), // ... and out
  pt('DDDD00', 5.35, 52.08), // outside
  pt('EEEE00', 5.07, 52.07), // in the hole of wijk 1: outside
];

describe('schools in an area of wijken (FIXTURE wijken and points)', () => {
  const area = schoolsInArea(FIXTURE_POINTS, FIXTURE_WIJKEN, ['WK999901', 'WK999902'], 'november 2024');

  it('counts a vestiging whose address lies in one of the wijken, whatever the winding; not one in a hole or outside', () => {
    expect(area.vestigingen).toEqual(['AAAA00', 'AAAA01', 'BBBB00']);
  });

  it('leaves out a vestiging with addresses on both sides of the border, and says so', () => {
    expect(area.splitVestigingen).toEqual(['CCCC00']);
  });

  it('counts an instelling for its advice only when all its vestigingen lie in the area', () => {
    expect(area.instellingen).toEqual(['AAAA']);
    expect(area.splitInstellingen).toEqual(['BBBB', 'CCCC']);
    expect(area.method).toContain('een school telt alleen mee als al haar vestigingen in het gebied liggen');
  });

  it('is empty for an area without school points', () => {
    expect(schoolsInArea(FIXTURE_POINTS, FIXTURE_WIJKEN, ['WK999903'], 'november 2024').vestigingen).toEqual(['BBBB01', 'DDDD00']);
    expect(schoolsInArea([], FIXTURE_WIJKEN, ['WK999901'], 'november 2024').vestigingen).toEqual([]);
  });
});
