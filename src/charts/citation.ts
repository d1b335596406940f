import { yearLabel, type IndicatorDef, type Level } from '../data/catalogue.js';
import { sourceById } from '../data/sources.js';

/** "CBS, Kerncijfers wijken en buurten 2022" for one indicator and year. */
export function citationFor(def: IndicatorDef, level: Level, year: number | null): string {
  if (def.citation) return def.citation;
  const field = year !== null ? def.fields[level]?.[year] : undefined;
  const sourceId = field && field.includes(':') ? field.split(':')[0] : def.source;
  return sourceById(sourceId)?.citation ?? sourceId;
}

/** Source line under a figure: sources joined, each with its years. */
export function sourceLine(parts: { def: IndicatorDef; level: Level; year: number | null }[]): string {
  const byCitation = new Map<string, Set<string>>();
  for (const p of parts) {
    const c = citationFor(p.def, p.level, p.year);
    const set = byCitation.get(c) ?? new Set<string>();
    // KWB citations carry their edition year; others get the period.
    if (p.year !== null && !/\b(19|20)\d\d\b/.test(c)) set.add(yearLabel(p.def, p.year));
    byCitation.set(c, set);
  }
  return `Bron: ${[...byCitation].map(([c, ys]) => (ys.size ? `${c} ${[...ys].join(', ')}` : c)).join('; ')}`;
}
