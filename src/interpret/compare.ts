/**
 * When is a value "hoger", "lager" or "vergelijkbaar"? Not by any difference:
 * a difference counts when it is at least a quarter of the standard deviation of
 * the indicator over all gemeenten, and still shows after rounding to the
 * decimals the report prints. The same rule is stated in the colophon.
 */
import type { IndicatorDef } from '../data/catalogue.js';
import type { Spread } from '../data/gemeente-values.js';

export { spreadOf } from '../data/gemeente-values.js';

export type Comparison = 'hoger' | 'lager' | 'vergelijkbaar';

/** Share of the standard deviation between gemeenten that a difference must reach. */
export const SIMILARITY_SD_FRACTION = 0.25;
/** Share of gemeenten at each end that counts as "the highest" or "the lowest". */
export const EXTREME_SHARE = 0.1;

export function compareValues(def: IndicatorDef, value: number, reference: number, sd: number): Comparison {
  const round = (v: number) => Number(v.toFixed(def.decimals));
  const diff = round(value) - round(reference);
  if (diff === 0 || Math.abs(value - reference) < SIMILARITY_SD_FRACTION * sd) return 'vergelijkbaar';
  return diff > 0 ? 'hoger' : 'lager';
}

/**
 * Whether a value is among the highest or lowest EXTREME_SHARE of gemeenten, ties included:
 * the gemeenten with this value or a higher one (for "hoogste") must together be within the
 * share. 142 gemeenten at 3% are not "the 10% lowest", whatever their order.
 */
export function extremeOf(value: number, spread: Spread): 'hoogste' | 'laagste' | undefined {
  const n = spread.values.length;
  if (n < 20) return undefined;
  const atLeast = spread.values.filter((v) => v >= value).length;
  const atMost = spread.values.filter((v) => v <= value).length;
  if (atLeast <= n * EXTREME_SHARE) return 'hoogste';
  if (atMost <= n * EXTREME_SHARE) return 'laagste';
  return undefined;
}
