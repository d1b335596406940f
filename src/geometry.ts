/**
 * Plain lon/lat geometry, shared by the data (which school lies in which wijk) and the maps:
 * rings rewound to d3-geo's winding (some PDOK rings are wound the other way, and d3 then
 * fills the whole sphere), and point-in-area lookups with a bounding-box test first.
 */
import { geoContains } from 'd3-geo';
import type { Geometry, MultiPolygon, Polygon, Position } from 'geojson';

/** Signed area (shoelace) in lon/lat; > 0 is counter-clockwise. */
function ringArea(ring: Position[]): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
  return a / 2;
}

/** d3-geo wants exterior rings clockwise and holes counter-clockwise (the opposite of RFC 7946). */
export function rewindForD3<G extends Geometry>(geometry: G): G {
  const fixPolygon = (rings: Position[][]): Position[][] =>
    rings.map((ring, i) => {
      const ccw = ringArea(ring) > 0;
      const wantCcw = i > 0;
      return ccw === wantCcw ? ring : [...ring].reverse();
    });
  if (geometry.type === 'Polygon') return { ...geometry, coordinates: fixPolygon((geometry as Polygon).coordinates) } as G;
  if (geometry.type === 'MultiPolygon') return { ...geometry, coordinates: (geometry as MultiPolygon).coordinates.map(fixPolygon) } as G;
  return geometry;
}

/** Bounding box [minLon, minLat, maxLon, maxLat] of a geometry's coordinates. */
export function bboxOf(geometry: Geometry): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const walk = (c: unknown): void => {
    if (typeof (c as number[])[0] === 'number') {
      const [x, y] = c as number[];
      b[0] = Math.min(b[0], x);
      b[1] = Math.min(b[1], y);
      b[2] = Math.max(b[2], x);
      b[3] = Math.max(b[3], y);
    } else for (const d of c as unknown[]) walk(d);
  };
  if ('coordinates' in geometry) walk(geometry.coordinates);
  return b;
}

/** A lookup of the area a point lies in (the first that holds it), for many points over the same areas. */
export function areaLocator<K>(areas: readonly { key: K; geometry: Geometry }[]): (lon: number, lat: number) => K | undefined {
  const shapes = areas.map((a) => ({ key: a.key, feature: { type: 'Feature' as const, properties: {}, geometry: rewindForD3(a.geometry) }, box: bboxOf(a.geometry) }));
  return (lon, lat) => {
    for (const s of shapes) {
      if (lon < s.box[0] || lon > s.box[2] || lat < s.box[1] || lat > s.box[3]) continue;
      if (geoContains(s.feature, [lon, lat])) return s.key;
    }
    return undefined;
  };
}
