/**
 * Geometry for print maps: rings rewound to d3-geo's winding (src/geometry.ts), projected
 * once with a fitted d3-geo projection, and quantised to 0.1 px — all print needs.
 */
import { geoMercator, geoPath, type GeoProjection } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry, Polygon, Position } from 'geojson';

export { rewindForD3 } from '../geometry.js';
import { rewindForD3 } from '../geometry.js';

/** A projection fitted to the features with a margin. */
export function fitProjection(fc: FeatureCollection, width: number, height: number, margin = 4): GeoProjection {
  return geoMercator().fitExtent(
    [
      [margin, margin],
      [width - margin, height - margin],
    ],
    fc,
  );
}

const q = (v: number) => Math.round(v * 10) / 10;

/** Projects lon/lat coordinates to screen coordinates (y down), rounded to 0.1 px; drops repeated points. */
export function projectGeometry(geometry: Geometry, projection: GeoProjection): Geometry {
  const ring = (r: Position[]): Position[] => {
    const out: Position[] = [];
    for (const p of r) {
      const xy = projection(p as [number, number]);
      if (!xy) continue;
      const pt = [q(xy[0]), q(xy[1])];
      const last = out[out.length - 1];
      if (!last || last[0] !== pt[0] || last[1] !== pt[1]) out.push(pt);
    }
    return out;
  };
  switch (geometry.type) {
    case 'Polygon':
      return { type: 'Polygon', coordinates: geometry.coordinates.map(ring).filter((r) => r.length >= 4) };
    case 'MultiPolygon':
      return { type: 'MultiPolygon', coordinates: geometry.coordinates.map((p) => p.map(ring).filter((r) => r.length >= 4)).filter((p) => p.length > 0) };
    default:
      return geometry;
  }
}

export interface ProjectedFeature<P extends object> extends Feature<Geometry, P & { cx: number; cy: number; area: number }> {}

/** Rewinds, fits a projection to `fit` (or all features) and projects each feature, adding its label point and area. */
export function projectFeatures<P extends Record<string, unknown>>(features: Feature<Geometry, P>[], width: number, height: number, fit?: Feature<Geometry, P>[]): ProjectedFeature<P>[] {
  const rewound = features.map((f) => ({ ...f, geometry: rewindForD3(f.geometry) }));
  const projection = projectionFor(fit ?? features, width, height);
  const path = geoPath(projection);
  return rewound.map((f) => {
    const [cx, cy] = labelPoint(f, projection);
    return {
      type: 'Feature',
      geometry: projectGeometry(f.geometry, projection),
      properties: { ...f.properties, cx: q(cx), cy: q(cy), area: path.area(f) },
    };
  });
}

/** The projection projectFeatures uses for these features: also for points drawn on the same map. */
export function projectionFor(features: Feature<Geometry>[], width: number, height: number): GeoProjection {
  const rewound = features.map((f) => ({ ...f, geometry: rewindForD3(f.geometry) }));
  return fitProjection({ type: 'FeatureCollection', features: rewound as Feature[] }, width, height);
}

/** Centroid of the largest polygon part: keeps labels of multi-part wijken on land. */
function labelPoint(f: Feature<Geometry>, projection: GeoProjection): [number, number] {
  const path = geoPath(projection);
  if (f.geometry.type === 'MultiPolygon') {
    let best: Feature<Geometry> = f;
    let bestArea = -1;
    for (const coords of f.geometry.coordinates) {
      const part: Feature<Polygon> = { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: coords } };
      const a = path.area(part);
      if (a > bestArea) {
        bestArea = a;
        best = part;
      }
    }
    return path.centroid(best);
  }
  return path.centroid(f);
}
