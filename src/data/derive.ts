/** Figures the loader derives from others in the store (src/data/load-dataset.ts and the source modules). */
import type { SeriesStore } from './series.js';

/** A share computed from two counts in the store (numerator and denominator kept). */
export function deriveRatio(
  series: SeriesStore,
  indelingOf: Map<string, number> | undefined,
  id: string,
  year: number,
  numeratorId: string,
  denominatorIds: string | string[],
  scale: number,
  codes: string[],
): void {
  const dens = Array.isArray(denominatorIds) ? denominatorIds : [denominatorIds];
  for (const code of codes) {
    const num = series.get(numeratorId, year, code);
    const den = dens.map((d) => series.value(d, year, code));
    if (!num) continue;
    if (num.value === null || den.some((d) => d === null)) {
      series.set(id, year, code, { value: null, note: num.note ?? 'niet gepubliceerd door CBS' });
      continue;
    }
    const total = den.reduce((a, b) => a! + b!, 0)!;
    if (total > 0) series.set(id, year, code, { value: (num.value / total) * scale, numerator: num.value, denominator: total });
  }
  const from = indelingOf?.get(`${numeratorId}|${year}`);
  if (indelingOf && from !== undefined) indelingOf.set(`${id}|${year}`, from);
}
