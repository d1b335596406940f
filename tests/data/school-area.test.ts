/**
 * The per-school observations the readers keep, checked against the raw DUO file. Which schools
 * count in an area of wijken (FIXTURE wijken and points) is in tests/unit/school-area.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { instellingCode, schoolCode } from '../../src/data/school-area.js';
import { dataDir, realDataset } from '../helpers/data.js';

describe('per-school observations in the dataset', () => {
  it('keep each vestiging’s pupils by kind (DUO 1 October 2019) and its shares with their counts', async () => {
    const ds = await realDataset();
    const [header, ...lines] = readFileSync(join(dataDir, 'duo/po/afstand_woonadres_schoolvestiging_po_so_2019-2020.csv'), 'utf8').trim().split(/\r?\n/);
    const cols = header.split(';');
    const rows = lines.map((l) => Object.fromEntries(l.split(';').map((c, i) => [cols[i], c])));
    // A vestiging with so and vso rows, and a regular basisschool.
    const both = rows.find((r) => r.SOORT_PO === 'So' && rows.some((q) => q.SOORT_PO === 'Vso' && q.BRIN_NUMMER === r.BRIN_NUMMER && q.VESTIGINGSNUMMER === r.VESTIGINGSNUMMER))!;
    const code = both.BRIN_NUMMER + both.VESTIGINGSNUMMER;
    const vso = rows.find((q) => q.SOORT_PO === 'Vso' && q.BRIN_NUMMER + q.VESTIGINGSNUMMER === code)!;
    expect(ds.series.value('leerlingen_so', 2019, schoolCode(code))).toBe(Number(both.LEERLINGEN));
    expect(ds.series.value('leerlingen_vso', 2019, schoolCode(code))).toBe(Number(vso.LEERLINGEN));
    expect(ds.series.value('so_scholen', 2019, schoolCode(code))).toBe(1);
    expect(ds.series.get('pct_so', 2019, schoolCode(code))).toMatchObject({ numerator: Number(both.LEERLINGEN), denominator: Number(both.LEERLINGEN) });
    const bo = rows.find((r) => r.SOORT_PO === 'Bo' && Number(r.LEERLINGEN) > 100)!;
    expect(ds.series.get('pct_sbo', 2019, schoolCode(bo.BRIN_NUMMER + bo.VESTIGINGSNUMMER))).toMatchObject({ value: 0, numerator: 0, denominator: Number(bo.LEERLINGEN) });
    expect(ds.series.value('basisscholen', 2019, schoolCode(bo.BRIN_NUMMER + bo.VESTIGINGSNUMMER))).toBe(1);
    // School advice per instelling, and no school code among the gemeenten of any figure.
    expect([...ds.series.byCode('leerlingen_advies', 2023).keys()].some((c) => c.startsWith('instelling:'))).toBe(true);
    expect(ds.series.value('leerlingen_advies', 2023, instellingCode('ZZZZ'))).toBeNull();
    expect([...ds.gemeenten.keys()].some((c) => c.includes(':'))).toBe(false);
  });
});
