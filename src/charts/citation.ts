import { fieldFor, yearLabel, type IndicatorDef, type Level } from '../data/catalogue.js';
import { sourceById } from '../data/sources.js';

/** "CBS, Kerncijfers wijken en buurten 2022" for one indicator and year. */
export function citationFor(def: IndicatorDef, level: Level, year: number | null): string {
  if (def.citation) return def.citation;
  const field = year !== null ? fieldFor(def, level, year) : undefined;
  const sourceId = field && field.includes(':') ? field.split(':')[0] : def.source;
  return sourceById(sourceId)?.citation ?? sourceId;
}

/** Source line under a figure: sources joined, each with its years (three or more in a row as a range). */
export function sourceLine(parts: { def: IndicatorDef; level: Level; year: number | null }[]): string {
  const byCitation = new Map<string, { def: IndicatorDef; years: Set<number> }>();
  for (const p of parts) {
    const c = citationFor(p.def, p.level, p.year);
    const entry = byCitation.get(c) ?? { def: p.def, years: new Set<number>() };
    // KWB citations carry their edition year; others get the period.
    if (p.year !== null && !/\b(19|20)\d\d\b/.test(c)) entry.years.add(p.year);
    byCitation.set(c, entry);
  }
  return `Bron: ${[...byCitation].map(([c, { def, years }]) => (years.size ? `${c} ${yearRuns(def, [...years])}` : c)).join('; ')}`;
}

/** "2014-2015 t/m 2023-2024" for a run of three or more years, else the years listed ("2021, 2022 en 2024" with `and`). */
export function yearRuns(def: IndicatorDef, years: number[], label: (year: number) => string = (y) => yearLabel(def, y), and = false): string {
  const sorted = [...years].sort((a, b) => a - b);
  const runs: number[][] = [];
  for (const y of sorted) {
    const last = runs[runs.length - 1];
    if (last && y === last[last.length - 1] + 1) last.push(y);
    else runs.push([y]);
  }
  const parts = runs.flatMap((r) => (r.length >= 3 ? [`${label(r[0])} t/m ${label(r[r.length - 1])}`] : r.map(label)));
  return and && parts.length > 1 ? `${parts.slice(0, -1).join(', ')} en ${parts[parts.length - 1]}` : parts.join(', ');
}
