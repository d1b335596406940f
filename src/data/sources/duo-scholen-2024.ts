/**
 * School locations for the wijk maps: DUO addresses of November 2024, geocoded with
 * the BAG (a derived file). Read only when a region asks for school points.
 */
import { join } from 'node:path';
import { ReportError } from '../../errors.js';
import { messages } from '../../messages.js';
import { sources } from '../sources.js';
import type { DataFiles } from './types.js';

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

export async function readSchoolPoints(files: DataFiles): Promise<SchoolPoint[]> {
  const file = sources['duo-scholen-2024'].file;
  const fc = await files.json<{ features?: { properties?: Record<string, unknown>; geometry?: { type: string; coordinates: number[] } }[] }>(file);
  if (!Array.isArray(fc.features)) throw new ReportError(messages.dataFileUnreadable(join(files.dataDir, file), 'no "features" array'), 'data');
  const out: SchoolPoint[] = [];
  for (const f of fc.features) {
    const p = f.properties ?? {};
    if (f.geometry?.type !== 'Point' || typeof p.type !== 'string') continue;
    const [lon, lat] = f.geometry.coordinates;
    out.push({ code: String(p.vestigingscode ?? ''), name: String(p.naam ?? ''), kind: schoolKind(p.type), lon, lat });
  }
  return out;
}
