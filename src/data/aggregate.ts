/**
 * Combining areas: counts are summed, percentages recomputed from their counts or
 * weighted by their base, never averaged plainly.
 */
import type { IndicatorDef } from './catalogue.js';
import { catalogue } from './catalogue.js';
import { applySuppression, type Observation, type SeriesStore } from './series.js';
import { joinAnd } from '../util/dutch-list.js';

export interface AggregateOptions {
  /**
   * For comparison groups (Nederland, a province, similar gemeenten): use the members
   * that have a value and say how many. For the report's own area a missing member
   * makes the whole value missing, since a partial sum would mislead.
   */
  allowPartial?: boolean;
  /** A member's name for the reader ("Rozendaal"); default: the names registered for the store, else none. */
  nameOf?: (code: string) => string | undefined;
}

/**
 * The value of an area of several members that is not computed because a member's own
 * figure is withheld ("afgeschermd"): flagged suppressed, so that it is printed as
 * withheld in its year rather than replaced by an older one; `withheld` names the members.
 */
export interface GroupObservation extends Observation {
  /** Codes of the members whose withheld figure keeps the area's value from being computed. */
  withheld?: string[];
  /** Codes of the members whose withheld figure was counted through its exact numerator and denominator. */
  countedWithheld?: string[];
}

/** The codes of the members whose withheld figure keeps an area's value from being computed (none for other values). */
export function withheldMembers(obs: Observation): string[] {
  return obs.value === null ? ((obs as GroupObservation).withheld ?? []) : [];
}

/** Why the area's value is not computed, naming its members (null when their names are unknown). */
export function notComputedNote(withheld: string[], absent: string[]): string | null {
  const parts: string[] = [];
  if (withheld.length) parts.push(withheld.length === 1 ? `de waarde van ${withheld[0]} is afgeschermd` : `de waarden van ${joinAnd(withheld)} zijn afgeschermd`);
  if (absent.length) parts.push(`geen gegevens voor ${joinAnd(absent)}`);
  return parts.length ? `niet berekend: ${parts.join('; ')}` : null;
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
  // A member whose own figure is suppressed still adds its exact counts to a ratio.
  const countsOf = (o: Observation | undefined) => !!o && o.suppressed === true && o.numerator !== undefined && o.denominator !== undefined;
  const counted = (c: string) => {
    const o = store.get(def.id, year, c);
    return !!o && (o.value !== null || (def.aggregate.kind === 'ratio' && countsOf(o)));
  };
  const present = codes.filter(counted);
  if (!options.allowPartial) {
    // The report's own area: a sum or ratio without a member would mislead, so it is not computed,
    // and the reader is told which member is withheld or missing.
    const withheld = codes.filter((c) => !present.includes(c) && store.get(def.id, year, c)?.suppressed === true);
    if (withheld.length > 0 && def.aggregate.kind !== 'none') {
      const nameOf = options.nameOf ?? (() => undefined);
      const names = (cs: string[]) => cs.map((c) => nameOf(c) ?? c);
      // Sparse indicators: a member without any figure has no schools and adds nothing.
      const absent = def.sparse ? [] : codes.filter((c) => !present.includes(c) && !withheld.includes(c));
      const obs: GroupObservation = { value: null, suppressed: true, withheld, note: notComputedNote(names(withheld), names(absent))! };
      return obs;
    }
  }
  if (present.length === 0) return missing(def.missingReason ?? 'geen gegevens in de bron');
  // Sparse indicators (exam results): a gemeente without schools adds nothing.
  const absent = def.sparse ? 0 : codes.length - present.length;
  if (absent > 0 && !options.allowPartial) {
    const nameOf = options.nameOf;
    const named = nameOf && codes.filter((c) => !present.includes(c)).map((c) => nameOf(c));
    const note = named && named.every((n) => n !== undefined) ? notComputedNote([], named as string[]) : null;
    return missing(note ?? `geen gegevens voor ${absent} van de ${codes.length} gebieden`);
  }
  if (!def.sparse && present.length < codes.length * minCoverage) {
    return missing(`te weinig gemeenten met gegevens (${present.length} van de ${codes.length})`);
  }
  const coverage = absent > 0 ? `berekend over ${present.length} van de ${codes.length} gemeenten` : undefined;
  // A withheld member counted through its exact numerator and denominator: the area's ratio is exact, and says so.
  const countedWithheld = options.allowPartial ? [] : present.filter((c) => store.get(def.id, year, c)!.value === null);
  // A member that rests on cells the publisher masked (DUO's "<5" counted as 2: "bij benadering") makes the
  // sum of them approximate too. A member approximated by an indeling conversion (a part of a merged
  // gemeente without a figure) keeps its own mark; the group, of which it is a small part, does not.
  const approximateNote = present.map((c) => store.get(def.id, year, c)!).find((o) => o.approximate && o.note?.startsWith('bij benadering'))?.note;
  const approximate = approximateNote !== undefined;
  const withNote = (obs: Observation): Observation => {
    if (obs.value === null) return obs;
    if (approximate) obs = { ...obs, approximate: true, note: [approximateNote, coverage].filter(Boolean).join('; ') };
    if (coverage) return approximate ? obs : { ...obs, note: coverage };
    if (countedWithheld.length === 0) return obs;
    const nameOf = options.nameOf ?? (() => undefined);
    const names = joinAnd(countedWithheld.map((c) => nameOf(c) ?? c));
    const members = codes.every((c) => c.startsWith('WK')) ? 'wijken' : 'gemeenten';
    const note = `berekend uit de aantallen van alle ${codes.length} ${members}; ${countedWithheld.length === 1 ? `het eigen cijfer van ${names} is` : `de eigen cijfers van ${names} zijn`} afgeschermd`;
    const out: GroupObservation = { ...obs, note, countedWithheld };
    return out;
  };

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
