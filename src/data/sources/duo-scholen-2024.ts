/**
 * School locations for the wijk maps: DUO addresses of November 2024, geocoded with
 * the BAG (a derived file). Read only when a region asks for school points.
 */
import { join } from 'node:path';
import { ReportError } from '../../util/errors.js';
import { messages } from '../../util/messages.js';
import { formatDateNl } from '../../format.js';
import type { SourceDef, SourceModule } from './types.js';
import type { DataFiles } from './types.js';
import { count } from './plausible.js';

export const duoScholen2024Source = {
  id: 'duo-scholen-2024',
  publisher: 'DUO (afgeleid)',
  citation: 'DUO, Adressen schoolvestigingen november 2024 (geocodering BAG)',
  table: 'Schoolvestigingen po, vo, sbo en (v)so met adres, 22 november 2024, gegeocodeerd met de BAG (openbare repository edugis-repo/data-nl-scholen)',
  file: 'duo/derived/scholen_2024_geocoded.geojson',
  indeling: 2023,
  license: 'CC BY 4.0 (DUO)',
} satisfies SourceDef;


export type SchoolKind = 'bo' | 'sbo-so' | 'vo';

export interface SchoolPoint {
  code: string;
  name: string;
  kind: SchoolKind;
  lon: number;
  lat: number;
}

/** DUO's school types → three kinds a reader tells apart on a map. */
export function schoolKind(type: string): SchoolKind {
  const t = type.trim().toUpperCase();
  if (t === 'BASISSCHOOL') return 'bo';
  if (['SBAO', 'SO', 'VSO', '(V)SO'].includes(t)) return 'sbo-so';
  return 'vo';
}

export interface SchoolPoints {
  points: SchoolPoint[];
  /** When the addresses are from: "november 2024". */
  asOf: string;
  /** The source line on the map and in the colophon. */
  citation: string;
  /** What the file holds, for the colophon. */
  table: string;
  /** What the file says is missing (a register DUO did not serve), in Dutch. */
  notes: string[];
}

interface FetchedMetadata {
  generator?: string;
  addressesFetched?: string;
  notFetched?: string[];
}

const kindNames: Record<string, string> = { bo: 'basisonderwijs', vo: 'voortgezet onderwijs', so: 'speciaal (basis)onderwijs' };

export async function readSchoolPoints(files: DataFiles): Promise<SchoolPoints> {
  const file = duoScholen2024Source.file;
  const fc = await files.json<{ metadata?: FetchedMetadata; features?: { properties?: Record<string, unknown>; geometry?: { type: string; coordinates: number[] } }[] }>(file);
  if (!Array.isArray(fc.features)) throw new ReportError(messages.dataFileUnreadable(join(files.dataDir, file), 'no "features" array'), 'data');
  const out: SchoolPoint[] = [];
  for (const f of fc.features) {
    const p = f.properties ?? {};
    if (f.geometry?.type !== 'Point' || typeof p.type !== 'string') continue;
    const [lon, lat] = f.geometry.coordinates;
    out.push({ code: String(p.vestigingscode ?? ''), name: String(p.naam ?? ''), kind: schoolKind(p.type), lon, lat });
  }
  const meta = fc.metadata;
  const fetchedOn = meta?.generator === 'contextkaart data fetch' && meta.addressesFetched ? new Date(`${meta.addressesFetched}T00:00:00Z`) : null;
  if (fetchedOn && !Number.isNaN(fetchedOn.getTime())) {
    const asOf = formatDateNl(fetchedOn).replace(/^\d+ /, '');
    const notes = (meta?.notFetched ?? []).map((m) => `${kindNames[m.split(':')[0]] ?? m.split(':')[0]} staat niet op de kaart: DUO's adressenbestand daarvan was bij het ophalen niet beschikbaar.`);
    return {
      points: out,
      asOf,
      citation: `DUO, Adressen schoolvestigingen ${asOf} (geocodering PDOK Locatieserver, BAG)`,
      table: `Schoolvestigingen bo, vo, sbo en (v)so uit de adresbestanden van DUO, opgehaald op ${formatDateNl(fetchedOn)}, op de kaart gezet met de PDOK Locatieserver (BAG-adres; bij een onbekend huisnummer het midden van de postcode)`,
      notes,
    };
  }
  const staged = duoScholen2024Source;
  return { points: out, asOf: 'november 2024', citation: staged.citation, table: staged.table, notes: [] };
}

/** The school points: parsed only when a report needs them (select.ts); the loader hashes the file. */
export const scholen2024Module: SourceModule = {
  id: 'duo-scholen-2024',
  sources: [duoScholen2024Source],
  fetchTables: (k) => [
    {
      name: 'duo-pdok-schoolpunten',
      sourceId: 'duo-scholen-2024',
      publisher: 'duo',
      tableId: `${k.duoDatasets.vestigingenBo}+${k.duoDatasets.vestigingenVo}+${k.duoDatasets.vestigingenSo} → PDOK Locatieserver`,
      // The registers are today's: the year of the fetch.
      year: new Date().getFullYear(),
      file: duoScholen2024Source.file,
      check: { kind: 'geojson', codeProperty: 'vestigingscode', pattern: /^[0-9A-Z]{4}\d\d$/, min: 3000,
        properties: ['naam', 'type', 'gemeente'],
        values: {
          // No unique key: the staged geocoded file has 95 vestigingen at two addresses (a building with two house numbers); DUO's register is checked for unique vestigingen.
          numbers: [count(['leerlingen'])],
          // Every point inside (or within 1.5 km of) the simplified boundary of its gemeente: the real file's farthest is 0.56 km outside.
          points: { file: 'geo/gemeenten_simplified_342.geojson', nameProperty: 'gemeenteNaam', gemeenteProperty: 'gemeente', toleranceKm: 1.5, maxLeftOut: 0.02, minDistinctShare: 0.5 },
        },
      },
      fetch:
        k.duo.schoolPoints([
          { kind: 'bo', dataset: k.duoDatasets.vestigingenBo, resource: k.registerFile('bo') },
          { kind: 'vo', dataset: k.duoDatasets.vestigingenVo, resource: k.registerFile('vo') },
          // adressen_so exists (public code shows instellingenso.csv in it); its vestigingen file name is assumed.
          { kind: 'so', dataset: k.duoDatasets.vestigingenSo, resource: k.registerFile('so'), optional: true },
        ]),
    },
  ],
};
