/**
 * The values of one indicator over all gemeenten in a year: the spread behind
 * "hoger/lager", the place among gemeenten and the distribution charts. Computed
 * once per run for catalogue indicators (and per report for a client's own).
 */
import type { IndicatorDef } from './catalogue.js';
import type { ReportData } from './select.js';

export interface Spread {
  /** Values of all gemeenten, ascending. */
  values: number[];
  mean: number;
  sd: number;
}

/**
 * A cache of values computed over all gemeenten for one indicator and year: shared by
 * the whole run for catalogue indicators, per report for a client's own indicators.
 */
export function perRunCache<T>() {
  const caches = new WeakMap<object, Map<string, T>>();
  return (report: ReportData, def: IndicatorDef, year: number | null, compute: () => T): T => {
    const owner: object = def.citation ? report : report.dataset;
    const m = caches.get(owner) ?? new Map<string, T>();
    caches.set(owner, m);
    const key = `${def.id}|${year}`;
    let v = m.get(key);
    if (v === undefined) m.set(key, (v = compute()));
    return v;
  };
}

const spreads = perRunCache<Spread>();

/** The indicator's values over all gemeenten in a year (cached per run for catalogue indicators). */
export function spreadOf(report: ReportData, def: IndicatorDef, year: number): Spread {
  return spreads(report, def, year, () => {
    const values: number[] = [];
    for (const obs of report.gemeenteValues(def.id, year).values()) {
      if (obs.value !== null) values.push(obs.value);
    }
    values.sort((a, b) => a - b);
    const mean = values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
    const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, values.length));
    return { values, mean, sd };
  });
}

