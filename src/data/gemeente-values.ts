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

const spreads = new WeakMap<object, Map<string, Spread>>();

/** The indicator's values over all gemeenten in a year (cached per run for catalogue indicators). */
export function spreadOf(report: ReportData, def: IndicatorDef, year: number): Spread {
  const owner: object = def.citation ? report.series : report.dataset;
  const m = spreads.get(owner) ?? new Map<string, Spread>();
  spreads.set(owner, m);
  const key = `${def.id}|${year}`;
  let s = m.get(key);
  if (!s) {
    const values: number[] = [];
    for (const [code, obs] of report.series.byCode(def.id, year)) {
      if (report.dataset.gemeenten.has(code) && obs.value !== null) values.push(obs.value);
    }
    values.sort((a, b) => a - b);
    const mean = values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
    const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, values.length));
    s = { values, mean, sd };
    m.set(key, s);
  }
  return s;
}

