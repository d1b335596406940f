/** Issue 11: counts of suppressed members still count, ties in rank sentences, zero is a figure, no name joins that confuse two gemeenten. */
import { describe, expect, it } from 'vitest';
import { aggregateObservation } from '../../src/data/aggregate.js';
import { catalogue } from '../../src/data/catalogue.js';
import { SeriesStore, applySuppression } from '../../src/data/series.js';
import { extremeOf } from '../../src/interpret/compare.js';
import { realDataset } from '../helpers/data.js';
import { reportFor } from '../helpers/report.js';

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

  it('prints "afgeschermd" for the latest year rather than an older year', async () => {
    const ds = await realDataset();
    // A gemeente whose latest vwo pass rate is suppressed in the data, found here from the store.
    const code = [...ds.gemeenten.keys()].find((c) => ds.series.get('slaagpct_vwo', 2023, c)?.suppressed && ds.series.value('slaagpct_vwo', 2022, c) !== null);
    expect(code).toBeDefined();
    const report = await reportFor(`id: x\narea:\n  gemeente: ${code}\n`);
    const v = report.value('slaagpct_vwo', report.region);
    expect(v).toMatchObject({ value: null, suppressed: true, year: 2023 });
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

describe('zero is a figure', () => {
  it('a gemeente without a vo-school has 0 vo-vestigingen and 0 candidates, not "geen gegevens"', async () => {
    const ds = await realDataset();
    // Bergen (L.) has no vo-school; Bergen (NH.) has one: the two are never joined by name.
    expect(ds.series.value('vo_vestigingen', 2023, 'GM0893')).toBe(0);
    expect(ds.series.value('examenkandidaten', 2023, 'GM0893')).toBe(0);
    expect(ds.series.value('vo_vestigingen', 2023, 'GM0373')).toBeGreaterThan(0);
    expect(ds.series.value('slaagpct_vo', 2023, 'GM0893')).toBeNull();
  });
});

describe('Kerncijfers rows on real data: no figure is dropped where a comparison can be computed', async () => {
  const { reportFor } = await import('../helpers/report.js');
  const { indicatorTableRow } = await import('../../src/render/view-model.js');
  const { catalogue } = await import('../../src/data/catalogue.js');

  it('computes Nederland from the gemeenten when the national cell of the source is empty (Wmo in KWB 2021)', async () => {
    // Stichtse Vecht has no Wmo figure in KWB 2022, so its row is of 2021, where CBS left the national cell empty.
    const row = indicatorTableRow(await reportFor('id: x\narea:\n  gemeente: GM1904\n'), catalogue.get('wmo_per_1000')!);
    expect(row.year).toBe('2021');
    expect(row.cells[3]).toMatch(/^\d+ per 1\.000$/);
  });

  it("shows a comparison area's latest figure, with its year, when it has none in the region's year (Utrecht's own 2023 bijstand file)", async () => {
    const row = indicatorTableRow(await reportFor('id: x\narea:\n  gemeente: GM0344\n'), catalogue.get('bijstand_per_1000')!);
    expect(row.year).toBe('2023');
    expect(row.cells[0]).toMatch(/^\d+ per 1\.000$/);
    for (const cell of row.cells.slice(1)) expect(cell).toMatch(/^\d+ per 1\.000 \(2021\)$/);
  });
});
