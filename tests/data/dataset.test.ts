import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findGemeente } from '../../src/data/load-dataset.js';
import { ReportError } from '../../src/util/errors.js';
import { dataDir, realDataset } from '../helpers/data.js';

// Raw source rows, read here independently of the loader.
function kwb2022Row(code: string): Record<string, string> {
  const [header, ...lines] = readFileSync(join(dataDir, 'cbs/kwb_2022_gemeenten_pdok_indicatoren.csv'), 'utf8').trim().split('\n');
  const cols = header.split(',');
  const line = lines.find((l) => l.startsWith(`${code},`))!;
  const cells = line.match(/("[^"]*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, '').replace(/^"|"$/g, ''));
  return Object.fromEntries(cols.map((c, i) => [c, cells[i]]));
}

describe('the staged data as loaded', () => {
  it('has the 342 gemeenten of 2023 in 12 provinces and the 2024 wijken', async () => {
    const ds = await realDataset();
    expect(ds.gemeenten.size).toBe(342);
    expect(ds.provinces.size).toBe(12);
    expect(ds.gemeenten.has('GM0998')).toBe(false);
    expect(ds.wijken.size).toBe(3474);
    expect([...ds.wijken.values()].filter((w) => w.populated).length).toBe(3393);
    expect(ds.gemeenten.get('GM0014')!.name).toBe('Groningen');
  });

  it('reads KWB values as published', async () => {
    const ds = await realDataset();
    const raw = kwb2022Row('GM0796');
    expect(ds.series.value('pct_jeugdzorg', 2022, 'GM0796')).toBe(Number(raw.pct_jeugdzorg));
    expect(ds.series.value('pct_hh_laagste_40', 2022, 'GM0796')).toBe(Number(raw.pct_hh_laag_inkomen));
    const kwb24 = JSON.parse(readFileSync(join(dataDir, 'cbs/kwb_2024_85984NED_gm_wk_basis.json'), 'utf8'));
    expect(ds.series.value('inwoners', 2024, 'GM0796')).toBe(kwb24.GM0796.AantalInwoners_5);
    expect(ds.series.value('inwoners', 2024, 'WK079601')).toBe(kwb24.WK079601.AantalInwoners_5);
  });

  it('recomputes opleidingsniveau shares from the counts', async () => {
    const ds = await realDataset();
    const raw = kwb2022Row('GM0796');
    const total = Number(raw.opl_laag) + Number(raw.opl_midden) + Number(raw.opl_hoog);
    expect(ds.series.get('pct_opl_laag', 2022, 'GM0796')).toMatchObject({ numerator: Number(raw.opl_laag), denominator: total });
  });

  it('maps KWB 2022 to the 2023 indeling: Voorne aan Zee is the sum of its three predecessors', async () => {
    const ds = await realDataset();
    const sum = ['GM0501', 'GM0530', 'GM0614'].reduce((s, c) => s + Number(kwb2022Row(c).aantal_inwoners), 0);
    expect(ds.series.value('inwoners', 2022, 'GM1992')).toBe(sum);
    expect(ds.series.get('inwoners', 2022, 'GM0501')).toBeUndefined();
    const amsterdam = Number(kwb2022Row('GM0363').aantal_inwoners) + Number(kwb2022Row('GM0457').aantal_inwoners);
    expect(ds.series.value('inwoners', 2022, 'GM0363')).toBe(amsterdam);
  });

  it('aggregates DUO exam results per gemeente, leaving out "<5" programmes', async () => {
    const ds = await realDataset();
    const lines = readFileSync(join(dataDir, 'duo/examen_vo_2019-2024_per_vestiging_opleiding.csv'), 'utf8').trim().split('\n');
    const header = lines[0].split(';').map((h) => h.replace(/"/g, ''));
    const ki = header.indexOf('EXAMENKANDIDATEN SCHOOLJAAR 2023-2024 - TOTAAL');
    const gi = header.indexOf('GESLAAGDEN SCHOOLJAAR 2023-2024 - TOTAAL');
    const pi = header.indexOf('SLAAGPERC SCHOOLJAAR 2023-2024 - TOTAAL');
    let k = 0;
    let g = 0;
    for (const line of lines.slice(1)) {
      const cells = line.split(';').map((c) => c.replace(/"/g, ''));
      if (cells[3] !== 'HULST' || !/^\d+$/.test(cells[ki])) continue;
      k += Number(cells[ki]);
      g += /^\d+$/.test(cells[gi]) ? Number(cells[gi]) : Math.round((Number(cells[pi]) * Number(cells[ki])) / 100);
    }
    expect(k).toBeGreaterThan(0);
    expect(ds.series.get('slaagpct_vo', 2023, 'GM0677')).toMatchObject({ numerator: g, denominator: k });
    expect(ds.series.value('slaagpct_vo', 2023, 'GM0677')).toBeCloseTo((g / k) * 100, 10);
  });

  it('finds gemeenten by code, name and common names', async () => {
    const ds = await realDataset();
    expect(findGemeente(ds, 'gm0796').code).toBe('GM0796');
    expect(findGemeente(ds, "'s-Hertogenbosch").code).toBe('GM0796');
    expect(findGemeente(ds, '’s-Hertogenbosch').code).toBe('GM0796');
    expect(findGemeente(ds, 'Den Bosch').code).toBe('GM0796');
    expect(findGemeente(ds, 'den haag').code).toBe('GM0518');
    expect(findGemeente(ds, 'Súdwest-Fryslân').code).toBe('GM1900');
    expect(() => findGemeente(ds, 'Atlantis')).toThrow(ReportError);
  });
});

describe('checks while loading', () => {
  it('finds the same gemeente names under the same codes in every source', async () => {
    const ds = await realDataset();
    expect(ds.notes.filter((n) => n.startsWith('Gemeentenamen'))).toEqual([]);
  });
  it('places schools of Haaren (split in 2021) in the gemeente of their village', async () => {
    const ds = await realDataset();
    expect(ds.series.get('basisscholen', 2019, 'GM0788')).toBeUndefined();
  });
  it('counts schools per gemeente from DUO\'s pupils per vestiging (1 October 2019), by gemeente number', async () => {
    const ds = await realDataset();
    const [header, ...lines] = readFileSync(join(dataDir, 'duo/po/afstand_woonadres_schoolvestiging_po_so_2019-2020.csv'), 'utf8').trim().split(/\r?\n/);
    const cols = header.replace(/^\uFEFF/, '').split(';');
    const rows = lines.map((l) => l.split(';'));
    const bo = rows.filter((r) => r[cols.indexOf('GEMEENTENUMMER')].trim() === '796' && r[cols.indexOf('SOORT_PO')] === 'Bo').length;
    expect(bo).toBeGreaterThan(20);
    expect(ds.series.value('basisscholen', 2019, 'GM0796')).toBe(bo);
  });
});
