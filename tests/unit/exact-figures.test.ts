/** Issue 11: counts of suppressed members still count, ties in rank sentences. On the real data (a suppressed latest year, zero is a figure, Kerncijfers rows): tests/data/exact-figures.test.ts. */
import { describe, expect, it } from 'vitest';
import { aggregateObservation } from '../../src/data/aggregate.js';
import { catalogue } from '../../src/data/catalogue.js';
import { SeriesStore, applySuppression } from '../../src/data/series.js';
import { extremeOf } from '../../src/interpret/compare.js';

const def = (id: string) => catalogue.get(id)!;

describe('a group with a suppressed member', () => {
  it('sums the counts of every member; only the small figure itself is not printed', () => {
    // Fixture counts (made up): 6 of 6 candidates is suppressed on its own, but counts in the group.
    const s = new SeriesStore();
    s.set('slaagpct_vwo', 2023, 'GMA', applySuppression({ value: 100, numerator: 6, denominator: 6 }));
    s.set('slaagpct_vwo', 2023, 'GMB', applySuppression({ value: (327 / 347) * 100, numerator: 327, denominator: 347 }));
    expect(s.get('slaagpct_vwo', 2023, 'GMA')).toMatchObject({ value: null, suppressed: true });
    const group = aggregateObservation(s, def('slaagpct_vwo'), 2023, ['GMA', 'GMB'], { allowPartial: true });
    expect(group.numerator).toBe(333);
    expect(group.denominator).toBe(353);
    expect(group.value).toBeCloseTo((333 / 353) * 100, 10);
    expect(group.note).toBeUndefined(); // no member left out
  });
});

describe('rank sentences with ties', () => {
  const spread = (values: number[]) => ({ values: [...values].sort((a, b) => a - b), mean: 0, sd: 1 });
  it('says "10% hoogste" only when the tied group itself is within 10%', () => {
    const many = spread([...Array.from({ length: 70 }, (_, i) => i), ...Array(30).fill(100)]); // 30 of 100 share the top value
    expect(extremeOf(100, many)).toBeUndefined();
    const few = spread([...Array.from({ length: 90 }, (_, i) => i), ...Array(10).fill(100)]); // exactly 10 of 100
    expect(extremeOf(100, few)).toBe('hoogste');
    const eleven = spread([...Array.from({ length: 89 }, (_, i) => i), ...Array(11).fill(100)]);
    expect(extremeOf(100, eleven)).toBeUndefined();
    const low = spread([...Array(40).fill(3), ...Array.from({ length: 60 }, (_, i) => 10 + i)]);
    expect(extremeOf(3, low)).toBeUndefined();
  });
});
