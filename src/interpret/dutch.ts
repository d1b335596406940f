/** Small pieces of Dutch grammar for the computed text. */
import { formatNumber, formatValue } from '../format.js';
import type { IndicatorDef } from '../data/catalogue.js';

export function plural(n: number, singular: string, pluralForm: string): string {
  return `${formatNumber(n)} ${n === 1 ? singular : pluralForm}`;
}

export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * The size of a difference in the indicator's unit: percentages differ in
 * "procentpunt" (never "%"), other units keep theirs: "0,2 km", "€ 1.200", "5 per 1.000".
 */
export function formatDifference(def: IndicatorDef, diff: number, bare = false): string {
  const d = Math.abs(diff);
  if (def.unit === 'percent') return `${formatNumber(d, def.decimals)} procentpunt`;
  if (bare && (def.unit === 'per-1000' || def.unit === 'per-100')) return formatNumber(d, def.decimals);
  return formatValue(d, def.unit, def.decimals);
}

/** A subject that names its rate ("… per 1.000 inwoners"): its numbers need no unit. */
export function saysRate(subject: string): boolean {
  return /per 1\.000|per 100 /.test(subject);
}

/** "het aandeel ..." → "aandeel ...", for "met het hoogste aandeel ...". */
export function withoutArticle(subject: string): { article: 'de' | 'het'; noun: string } {
  const m = /^(de|het)\s+(.*)$/.exec(subject);
  return m ? { article: m[1] as 'de' | 'het', noun: m[2] } : { article: 'het', noun: subject };
}

/** The measure as the subject of a Dutch sentence, with its article. */
export function subjectOf(def: IndicatorDef): string {
  return def.subject ?? `het cijfer ‘${def.label}’`;
}
