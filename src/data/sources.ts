/**
 * The public sources the catalogue draws on, with the citation printed under each figure and
 * in the colophon: derived from the source modules (src/data/sources/index.ts), each of which
 * holds its own SourceDef. Paths are relative to the data directory.
 */
import { sourceModules } from './sources/index.js';
import type { SourceDef } from './sources/types.js';

export type { SourceDef } from './sources/types.js';

/** A source id of the registry ("kwb-2022", "duo-examen"). */
export type SourceId = string;

export const sources: Readonly<Record<SourceId, SourceDef>> = Object.fromEntries(sourceModules.flatMap((m) => m.sources.map((s) => [s.id, s])));

export function sourceById(id: string): SourceDef | undefined {
  return sources[id];
}
