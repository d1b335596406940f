import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DataReader } from '../../src/data/sources/data-files.js';
import { readSesWoa2019, sesWoa2019Source } from '../../src/data/sources/cbs-ses-woa-2019.js';
import { unavailableTables } from '../../src/fetch/catalogue.js';
import { dataDir, realDataset } from '../helpers/data.js';

/** The raw export parsed apart from the reader: BOM, ';', quoted and space-padded cells. */
async function rawRows(): Promise<Map<string, string[]>> {
  const text = (await readFile(join(dataDir, 'cbs/ses_woa_2019_amsterdam_85163NED.csv'), 'utf8')).replace(/^\uFEFF/, '');
  const rows = new Map<string, string[]>();
  for (const line of text.split(/\r?\n/).slice(1)) {
    if (!line) continue;
    const cells = line.split(';').map((c) => c.replace(/^"|"$/g, '').trim());
    rows.set(cells[2], cells);
  }
  return rows;
}

describe('CBS SES-WOA 2019 (85163NED, Amsterdam)', () => {
  it('reads the gemeente and wijk scores as published (not the buurten)', async () => {
    const raw = await rawRows();
    expect(raw.size).toBe(1 + 99 + 479);
    const reading = await readSesWoa2019(new DataReader(dataDir));
    const score = (code: string) => reading.observations.find((o) => o.code === code && o.indicator === 'ses_woa_score')!;
    // Columns: Perioden; Wijken en buurten; Regiocode; Particuliere huishoudens; Laag; Middelbaar; Hoog; SES-WOA totaalscore; spreiding.
    expect(raw.get('GM0363')![7]).toBe('-0.100');
    expect(score('GM0363')).toMatchObject({ year: 2019, value: Number(raw.get('GM0363')![7]), indeling: 2021 });
    expect(raw.get('WK036300')![1]).toBe('Burgwallen-Oude Zijde');
    expect(score('WK036300').value).toBe(Number(raw.get('WK036300')![7]));
    expect(score('WK036300').value).toBe(-0.022);
    expect(reading.observations).toHaveLength(100);
    expect(reading.observations.some((o) => o.code.startsWith('BU'))).toBe(false);
    expect(reading.wijken!.get('WK036300')).toEqual({ name: 'Burgwallen-Oude Zijde', gemeenteCode: 'GM0363', inwoners: null });
  });

  it('puts wijk scores on the 2024 wijken KWB 2021 matched, and nothing outside Amsterdam', async () => {
    const ds = await realDataset();
    // Burgwallen-Oude Zijde: WK036300 in 2021, WK0363AE in 2024.
    expect(ds.wijken.get('WK0363AE')?.name).toBe('Burgwallen-Oude Zijde');
    expect(ds.series.get('ses_woa_score', 2019, 'WK0363AE')).toEqual({ value: -0.022 });
    const codes = [...ds.series.byCode('ses_woa_score', 2019).keys()];
    expect(codes.length).toBeGreaterThan(50);
    expect(codes.every((c) => c === 'GM0363' || c.startsWith('WK0363'))).toBe(true);
    // Amsterdam of 2023 includes Weesp, which the 2019 table (indeling 2021) gives apart: no score.
    expect(ds.series.value('ses_woa_score', 2019, 'GM0363')).toBeNull();
  });

  it('is optional, and listed unavailable for `data fetch` with the reason', () => {
    const entry = unavailableTables.find((t) => t.file === sesWoa2019Source.file);
    expect(entry?.sourceId).toBe('cbs-ses-woa-2019');
    expect(entry?.reason).toMatch(/85163NED/);
  });
});
