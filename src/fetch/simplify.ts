/**
 * Topology-preserving simplification for print (topojson-server + topojson-simplify):
 * neighbouring areas keep one shared border, so no gaps or overlaps appear.
 */
import type { FeatureCollection } from 'geojson';
import { topology } from 'topojson-server';
import { presimplify, simplify } from 'topojson-simplify';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';

/** minWeight in square degrees (Visvalingam area); 1e-7 ≈ 0.1 ha at our latitude. Coordinates rounded to 5 decimals (≈1 m). */
export function simplifyForPrint(fc: FeatureCollection, minWeight = 1e-7): FeatureCollection {
  const topo = topology({ areas: fc }) as unknown as Topology<{ areas: GeometryCollection }>;
  const simple = simplify(presimplify(topo as never), minWeight) as unknown as Topology<{ areas: GeometryCollection }>;
  const out = feature(simple, simple.objects.areas) as unknown as FeatureCollection;
  for (const f of out.features) if (f.geometry) roundCoordinates(f.geometry as unknown as { coordinates: unknown });
  return out;
}

function roundCoordinates(g: { coordinates: unknown }): void {
  const round = (c: unknown): unknown => (Array.isArray(c) ? (typeof c[0] === 'number' ? c.map((x: number) => Math.round(x * 1e5) / 1e5) : c.map(round)) : c);
  g.coordinates = round(g.coordinates);
}
