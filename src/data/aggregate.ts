/**
 * Combining areas: counts are summed, percentages recomputed from their counts or
 * weighted by their base, never averaged plainly.
 */
import type { IndicatorDef } from './catalogue.js';
import { catalogue } from './catalogue.js';
import { applySuppression, type Observation, type SeriesStore } from './series.js';

export interface AggregateOptions {
  /**
   * For comparison groups (Nederland, a province, similar gemeenten): use the members
   * that have a value and say how many. For the report's own area a missing member
   * makes the whole value missing, since a partial sum would mislead.
   */
  allowPartial?: boolean;
}

/** A comparison group is computed only when at least this share of its gemeenten has data. */
export const minCoverage = 2 / 3;

/** CBS stedelijkheid class from omgevingsadressendichtheid (addresses per km²). */
export function stedelijkheidClass(oad: number): number {
  if (oad >= 2500) return 1;
  if (oad >= 1500) return 2;
  if (oad >= 1000) return 3;
  if (oad >= 500) return 4;
  return 5;
}

function missing(note: string): Observation {
  return { value: null, note };
}

export function aggregateObservation(
  store: SeriesStore,
  def: IndicatorDef,
  year: number,
  codes: readonly string[],
  options: AggregateOptions = {},
): Observation {
  if (codes.length === 1) return store.get(def.id, year, codes[0]) ?? missing(def.missingReason ?? 'geen gegevens in de bron');
  if (def.aggregate.kind === 'class-from') {
    // A class is not averaged: it is recomputed from the aggregated measure it is defined on.
    const base = catalogue.get(def.aggregate.indicator)!;
    const obs = aggregateObservation(store, base, year, codes, options);
    return obs.value === null ? obs : { value: stedelijkheidClass(obs.value), note: 'berekend uit de gemiddelde omgevingsadressendichtheid' };
  }
  // A member whose own figure is suppressed still adds its counts to a ratio.
  const counted = (c: string) => {
    const o = store.get(def.id, year, c);
    return !!o && (o.value !== null || (def.aggregate.kind === 'ratio' && o.suppressed === true && o.numerator !== undefined && o.denominator !== undefined));
  };
  const present = codes.filter(counted);
  if (present.length === 0) return missing(def.missingReason ?? 'geen gegevens in de bron');
  // Sparse indicators (exam results): a gemeente without schools adds nothing.
  const absent = def.sparse ? 0 : codes.length - present.length;
  if (absent > 0 && !options.allowPartial) {
    return missing(`geen gegevens voor ${absent} van de ${codes.length} gebieden`);
  }
  if (!def.sparse && present.length < codes.length * minCoverage) {
    return missing(`te weinig gemeenten met gegevens (${present.length} van de ${codes.length})`);
  }
  const coverage = absent > 0 ? `berekend over ${present.length} van de ${codes.length} gemeenten` : undefined;
  const withNote = (obs: Observation): Observation => (coverage && obs.value !== null ? { ...obs, note: coverage } : obs);

  switch (def.aggregate.kind) {
    case 'sum': {
      let sum = 0;
      for (const c of present) sum += store.value(def.id, year, c)!;
      return withNote({ value: sum });
    }
    case 'ratio': {
      let num = 0;
      let den = 0;
      for (const c of present) {
        const o = store.get(def.id, year, c)!;
        if (o.numerator === undefined || o.denominator === undefined) {
          return missing('teller en noemer onbekend; niet op te tellen');
        }
        num += o.numerator;
        den += o.denominator;
      }
      if (den === 0) return missing('geen gegevens in de bron');
      return withNote(applySuppression({ value: (num / den) * def.aggregate.scale, numerator: num, denominator: den }));
    }
    case 'weighted': {
      const weightDef = catalogue.get(def.aggregate.weight);
      if (!weightDef) throw new Error(`catalogue: weight ${def.aggregate.weight} of ${def.id} is not an indicator`);
      const weightYear = nearestYearWithAll(store, weightDef.id, year, present);
      if (weightYear === undefined) return missing(`geen gewicht (${weightDef.label}) bekend`);
      let sum = 0;
      let weights = 0;
      for (const c of present) {
        const w = store.value(weightDef.id, weightYear, c)!;
        sum += store.value(def.id, year, c)! * w;
        weights += w;
      }
      if (weights === 0) return missing('geen gegevens in de bron');
      return withNote({ value: sum / weights });
    }
    case 'none':
      return { value: null, notApplicable: true, note: 'niet op te tellen over meerdere gemeenten' };
  }
}

/** The year closest to `year` (preferring the same, then earlier) in which every code has a value. */
function nearestYearWithAll(store: SeriesStore, indicator: string, year: number, codes: readonly string[]): number | undefined {
  const years = store.years(indicator).sort((a, b) => Math.abs(a - year) - Math.abs(b - year) || a - b);
  return years.find((y) => codes.every((c) => store.value(indicator, y, c) !== null));
}
