/**
 * The wijk class of a printed value. The classes on real reports, where disadvantages stack and
 * what may be stressed are in tests/data/stacking.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { classOf, quantileClasses } from '../../src/interpret/wijk-stacking.js';
import { formatValue } from '../../src/format.js';

/** "34,0% – 47,0%" → [34, 47]; "29 per 1.000 – 42 per 1.000" → [29, 42]; "12%" → [12, 12]. */
function range(label: string): [number, number] {
  const first = (p: string) => Number(/\d[\d.]*(,\d+)?/.exec(p)![0].replace(/\./g, '').replace(',', '.'));
  const nums = label.split(' – ').map(first);
  return [nums[0], nums[nums.length - 1]];
}

describe('wijk classes', () => {
  it('put a wijk in the class whose label holds its printed value (a value printed 33,1 never in "33,2 – 47,0")', () => {
    const values = [10, 20, 30, 33.06, 33.14, 40, 47];
    const b = quantileClasses(values, 1, (v) => formatValue(v, 'percent', 1));
    for (const v of values) {
      const [lo, hi] = range(b.labels[classOf(v, b, 1)]);
      const printed = Number(v.toFixed(1));
      expect(printed).toBeGreaterThanOrEqual(lo);
      expect(printed).toBeLessThanOrEqual(hi);
    }
  });
});
