/**
 * The schools of an area of wijken: the school points (DUO addresses, geocoded) that lie in
 * its 2024 wijken, found by point-in-polygon as on the wijk maps (d3-geo geoContains on rings
 * rewound for d3). The school figures of the area are then summed over these schools from the
 * per-school observations the readers keep in the dataset (codes `school:<BRIN+vest>` and
 * `instelling:<BRIN>`), with the same aggregation and suppression as for gemeenten.
 *
 * Rules:
 * - a vestiging counts when its address lies in one of the wijken (a vestiging listed with
 *   several addresses counts when all lie in the area, and is left out, with a note, when
 *   they lie on both sides of its border);
 * - school advice is published per instelling (all its vestigingen together, DUO): an
 *   instelling counts when ALL its vestigingen lie in the area; one with vestigingen in the
 *   area and elsewhere is left out (its pupils cannot be divided), and the note says how many.
 */
import type { Feature, Geometry } from 'geojson';
import { formatNumber } from '../format.js';
import { areaLocator } from '../geometry.js';
import type { GeoProps } from './load-dataset.js';
import type { SchoolPoint } from './sources/duo-scholen-2024.js';

export { instellingCode, isSchoolCode, schoolCode } from './sources/school-codes.js';

export interface AreaSchools {
  /** Vestigingscodes (BRIN + vest) whose address lies in the area, sorted. */
  vestigingen: string[];
  /** Instellingen (BRIN) with all their vestigingen in the area, sorted. */
  instellingen: string[];
  /** Instellingen with vestigingen in the area and elsewhere: left out of the figures per instelling. */
  splitInstellingen: string[];
  /** Vestigingen with addresses on both sides of the area's border: left out. */
  splitVestigingen: string[];
  /** When the addresses are from ("november 2024"). */
  asOf: string;
  /** How the schools are placed, in Dutch, for the colophon or a note. */
  method: string;
}

type WijkFeature = Feature<Geometry, GeoProps>;

/** The wijk code each school point lies in, among the given wijken (points elsewhere are left out). */
export function wijkOfPoints(points: readonly SchoolPoint[], wijkFeatures: readonly WijkFeature[], wijkCodes: readonly string[]): Map<SchoolPoint, string> {
  const wanted = new Set(wijkCodes);
  const locate = areaLocator(wijkFeatures.filter((f) => wanted.has(f.properties.code)).map((f) => ({ key: f.properties.code, geometry: f.geometry })));
  const out = new Map<SchoolPoint, string>();
  for (const p of points) {
    const code = locate(p.lon, p.lat);
    if (code !== undefined) out.set(p, code);
  }
  return out;
}

/** The schools located in an area of wijken, by the rules above. */
export function schoolsInArea(points: readonly SchoolPoint[], wijkFeatures: readonly WijkFeature[], wijkCodes: readonly string[], asOf: string): AreaSchools {
  const located = wijkOfPoints(points, wijkFeatures, wijkCodes);
  const byVestiging = new Map<string, { inside: number; outside: number }>();
  const byBrin = new Map<string, { inside: number; outside: number }>();
  for (const p of points) {
    if (!/^[0-9A-Z]{4}\d\d$/.test(p.code)) continue;
    const inside = located.has(p);
    for (const [map, key] of [
      [byVestiging, p.code],
      [byBrin, p.code.slice(0, 4)],
    ] as const) {
      const e = map.get(key) ?? { inside: 0, outside: 0 };
      if (inside) e.inside++;
      else e.outside++;
      map.set(key, e);
    }
  }
  const pick = (map: Map<string, { inside: number; outside: number }>, split: boolean) =>
    [...map]
      .filter(([, e]) => e.inside > 0 && (split ? e.outside > 0 : e.outside === 0))
      .map(([k]) => k)
      .sort();
  const n = wijkCodes.length;
  return {
    vestigingen: pick(byVestiging, false),
    instellingen: pick(byBrin, false),
    splitInstellingen: pick(byBrin, true),
    splitVestigingen: pick(byVestiging, true),
    asOf,
    method: `Scholen in het gebied: de schoolvestigingen waarvan het adres (DUO, ${asOf}) in ${n === 1 ? 'de wijk' : `een van de ${formatNumber(n)} wijken`} ligt, naar de wijkgrenzen van 2024. Hun cijfers zijn opgeteld zoals voor een gemeente (tellers en noemers bij elkaar opgeteld). Schooladviezen publiceert DUO per school als geheel (instelling): een school telt alleen mee als al haar vestigingen in het gebied liggen. De cijfers gaan over de scholen in het gebied, niet over de kinderen die er wonen.`,
  };
}
