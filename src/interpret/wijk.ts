/**
 * Differences between wijken, for an indicator with wijk data: the spread from the
 * lowest to the highest wijk, and the wijken that stand out (at least 1.5 standard
 * deviations from the mean of the wijken). Small wijken are marked.
 */
import { formatValue } from '../format.js';
import type { IndicatorDef } from '../data/catalogue.js';
import { plural } from './dutch.js';
import { joinAnd } from '../util/dutch-list.js';

export const STANDOUT_SD = 1.5;
/** Wijken with fewer inhabitants are marked: their figures move more by chance. */
export const SMALL_WIJK = 1000;

export interface WijkValue {
  name: string;
  value: number | null;
  inwoners: number | null;
}

export function wijkDifferences(def: IndicatorDef, wijken: WijkValue[]): string[] {
  const fmt = (v: number) => formatValue(v, def.unit, def.decimals);
  const known = wijken.filter((w): w is WijkValue & { value: number } => w.value !== null).sort((a, b) => a.value - b.value);
  if (known.length === 0) return ['Geen wijk met gegevens.'];
  if (known.length === 1) return [`Eén wijk met gegevens: ${known[0].name}, ${fmt(known[0].value)}.`];
  const out = [`Tussen de wijken loopt dit uiteen van ${fmt(known[0].value)} in ${known[0].name} tot ${fmt(known[known.length - 1].value)} in ${known[known.length - 1].name}.`];
  if (known.length >= 5) {
    const mean = known.reduce((s, w) => s + w.value, 0) / known.length;
    const sd = Math.sqrt(known.reduce((s, w) => s + (w.value - mean) ** 2, 0) / known.length);
    const high = known.filter((w) => sd > 0 && w.value - mean >= STANDOUT_SD * sd).reverse();
    const low = known.filter((w) => sd > 0 && mean - w.value >= STANDOUT_SD * sd);
    const list = (ws: typeof known) => joinAnd(ws.map((w) => `${w.name} (${fmt(w.value)})`));
    if (high.length) out.push(`Duidelijk hoger dan in de andere wijken: ${list(high)}.`);
    if (low.length) out.push(`Duidelijk lager: ${list(low)}.`);
  }
  const small = known.filter((w) => w.inwoners !== null && w.inwoners < SMALL_WIJK);
  if (small.length) out.push(`${plural(small.length, 'wijk', 'wijken')} met minder dan 1.000 inwoners (* in de tabel): daar wegen toevallige verschillen zwaarder.`);
  return out;
}
