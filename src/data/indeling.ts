/**
 * Gemeentelijke indelingen: sources of older years use the gemeenten of their year.
 * Their figures are converted to the indeling of 2023 (the 342 gemeenten of the
 * koppeltabel): counts summed, shares recomputed from counts or weighted by their base.
 */
import { aggregateObservation } from './aggregate.js';
import type { IndicatorDef } from './catalogue.js';
import type { Observation, SeriesStore } from './series.js';
import { HAAREN, mergers, mergersSince, type Merger } from './mergers.js';

export { HAAREN, TARGET_INDELING, codeIn2023, haarenByPlace, mergers, mergersSince, type Merger } from './mergers.js';

/**
 * Converts the gemeente values of older indelingen in the store to the indeling of
 * 2023, per indicator and year: the parts of a merged gemeente are combined by the
 * indicator's own aggregation (counts summed, shares from their counts or weighted),
 * and the codes that no longer exist are removed. Returns what was merged, for the colophon.
 */
export function convertIndelingen(
  series: SeriesStore,
  indelingOf: ReadonlyMap<string, number>,
  catalogue: ReadonlyMap<string, IndicatorDef>,
): { indicator: string; year: number; indeling: number; into: string }[] {
  const pending: [string, number, string, Observation][] = [];
  const done: { indicator: string; year: number; indeling: number; into: string }[] = [];
  const retired: [string, number, string][] = [];
  for (const [key, indeling] of indelingOf) {
    const [indicator, y] = key.split('|');
    const year = Number(y);
    const def = catalogue.get(indicator);
    if (!def) continue;
    for (const m of mergersSince(indeling)) {
      // A source may already give the new gemeente itself (schools listed under its new name): it counts too.
      const own = !m.parts.some((p) => p.code === m.into) && series.get(indicator, year, m.into) ? [m.into] : [];
      const codes = [...m.parts.map((p) => p.code), ...own];
      if (!codes.some((c) => series.get(indicator, year, c))) continue;
      let exact = aggregateObservation(series, def, year, codes);
      // A median of two gemeenten together is not known: no figure, with the reason (not "n.v.t.").
      if (exact.notApplicable) exact = { value: null, note: `niet bekend voor ${m.name} als geheel: de bron geeft alleen de afzonderlijke cijfers van ${joinAnd(m.parts.map((p) => p.name))} (indeling ${indeling})` };
      const obs = exact.value === null ? (rateWithoutSmallParts(series, def, year, m, codes, catalogue) ?? exact) : { ...exact, note: `opgeteld uit ${joinAnd(m.parts.map((p) => p.name))} (indeling ${indeling})` };
      pending.push([indicator, year, m.into, obs]);
      done.push({ indicator, year, indeling, into: m.into });
      for (const c of codes) if (c !== m.into) retired.push([indicator, year, c]);
    }
    // Haaren's own figures cannot be divided over the four gemeenten it went to.
    if (indeling < 2021) retired.push([indicator, year, HAAREN]);
  }
  for (const [indicator, year, code, obs] of pending) series.set(indicator, year, code, obs);
  for (const [indicator, year, code] of retired) series.delete(indicator, year, code);
  return done;
}

/** A rate of a merged gemeente may rest on the parts with a figure when those hold at least this share of its weight. */
export const minMergedWeightShare = 0.95;

/**
 * A weighted rate (per 1.000 inwoners, a share of households) of a merged gemeente when
 * one small part has no published figure: the rate of the other parts, which hold at least
 * 95% of the weight, marked approximate ("ca.") with what was left out. Counts and ratios of
 * counts are never estimated this way: a missing part would make a sum too small.
 */
function rateWithoutSmallParts(
  series: SeriesStore,
  def: IndicatorDef,
  year: number,
  m: Merger,
  codes: string[],
  catalogue: ReadonlyMap<string, IndicatorDef>,
): Observation | undefined {
  if (def.aggregate.kind !== 'weighted') return undefined;
  const weightId = def.aggregate.weight;
  const weightOf = (c: string) => series.value(weightId, year, c);
  if (codes.some((c) => weightOf(c) === null)) return undefined;
  const present = codes.filter((c) => series.value(def.id, year, c) !== null);
  const missingParts = m.parts.filter((p) => codes.includes(p.code) && !present.includes(p.code));
  if (present.length === 0 || missingParts.length === 0) return undefined;
  const total = codes.reduce((a, c) => a + weightOf(c)!, 0);
  const covered = present.reduce((a, c) => a + weightOf(c)!, 0);
  if (total <= 0 || covered / total < minMergedWeightShare) return undefined;
  const value = present.reduce((a, c) => a + series.value(def.id, year, c)! * weightOf(c)!, 0) / covered;
  const share = Math.round((1 - covered / total) * 1000) / 10;
  return {
    value,
    approximate: true,
    note: `benadering: het cijfer van ${joinAnd(present.map((c) => m.parts.find((p) => p.code === c)?.name ?? m.name))}, zonder ${joinAnd(missingParts.map((p) => p.name))} (${String(share).replace('.', ',')}% van het aantal ${(catalogue.get(weightId)?.label ?? weightId).toLowerCase()}), waarvoor de bron geen cijfer geeft`,
  };
}

function joinAnd(names: string[]): string {
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} en ${names[names.length - 1]}`;
}

/** One line per merged gemeente and source indeling, for the colophon. */
export function describeConversions(done: { indeling: number; into: string }[]): string[] {
  const byIndeling = new Map<number, Set<string>>();
  for (const d of done) byIndeling.set(d.indeling, (byIndeling.get(d.indeling) ?? new Set()).add(d.into));
  return [...byIndeling]
    .sort(([a], [b]) => a - b)
    .map(([indeling, intos]) => {
      const parts = mergers.filter((m) => intos.has(m.into)).map((m) => `${m.name} uit ${joinAnd(m.parts.map((p) => p.name))}`);
      return `Cijfers in de gemeentelijke indeling van ${indeling} omgerekend naar die van 2023: ${parts.join('; ')}.`;
    });
}
