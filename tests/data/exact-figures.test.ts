/** Issue 11 on the real data: a suppressed latest year, zero is a figure, Kerncijfers rows. The counts of a group and rank ties on their own are in tests/unit/exact-figures.test.ts. */
import { describe, expect, it } from 'vitest';
import { realDataset } from '../helpers/data.js';
import { reportFor } from '../helpers/report.js';

describe('a group with a suppressed member', () => {
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
