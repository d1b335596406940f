import { describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataReader } from '../../src/data/sources/data-files.js';
import { poKey, readPoScholen, readPoVestigingen } from '../../src/data/sources/duo-po-scholen.js';
import { readAchterstand } from '../../src/data/sources/cbs-achterstand.js';
import type { SourceObservation } from '../../src/data/sources/types.js';
import { sources } from '../../src/data/sources.js';
import { ReportError } from '../../src/util/errors.js';
import { messages } from '../../src/util/messages.js';
import { dataDir } from '../helpers/data.js';

const fixtureDir = 'tests/fixtures/sources/duo-po';

const find = (obs: SourceObservation[], code: string, indicator: string, indeling = 2019) => {
  const hits = obs.filter((o) => o.code === code && o.indicator === indicator && o.indeling === indeling);
  expect(hits, `${code} ${indicator} ${indeling}`).toHaveLength(1);
  return hits[0];
};
const value = (obs: SourceObservation[], code: string, indicator: string, indeling = 2019) => find(obs, code, indicator, indeling).value;
const sum = (obs: SourceObservation[], indicator: string, key: 'value' | 'numerator' | 'denominator' = 'value') =>
  obs.filter((o) => o.indicator === indicator).reduce((a, o) => a + (o[key] ?? 0), 0);

describe('DUO po vestigingen (fixture)', () => {
  it('reads every row, keyed by vestiging and kind; Haaren schools placed by village', async () => {
    const { vestigingen, notes } = await readPoVestigingen(new DataReader(fixtureDir));
    expect(vestigingen.size).toBe(9);
    expect(vestigingen.get(poKey('ZZ0100', 'bo'))).toEqual({ vestiging: 'ZZ0100', gemeente: 'GM0285', indeling: 2019, soort: 'bo', leerlingen: 100, plaats: 'VOORST GEM VOORST' });
    // One vestiging with an so and a vso row keeps both.
    expect(vestigingen.get(poKey('ZZ0300', 'so'))?.leerlingen).toBe(20);
    expect(vestigingen.get(poKey('ZZ0300', 'vso'))?.leerlingen).toBe(40);
    expect(vestigingen.get(poKey('ZZ0600', 'bo'))).toMatchObject({ gemeente: 'GM0865', indeling: 2023, plaats: 'HELVOIRT' });
    expect(vestigingen.has(poKey('ZZ0700', 'bo'))).toBe(false);
    expect(notes.some((n) => n.includes('ZZ0700') && n.includes('FIXTUREDORP') && n.includes('weggelaten'))).toBe(true);
    expect(notes.some((n) => n.includes('1 school van de voormalige gemeente Haaren') && n.includes('GM0865'))).toBe(true);
  });
});

describe('readPoScholen (fixture)', () => {
  it('counts pupils and vestigingen per gemeente, zero where a kind is absent', async () => {
    const { observations: o } = await readPoScholen(new DataReader(fixtureDir));
    expect(o.every((x) => x.year === 2019)).toBe(true);
    // Voorst: bo 100 + 50, sbo 30, so 20, vso 40 (so and vso in one vestiging).
    expect(value(o, 'GM0285', 'leerlingen_bo')).toBe(150);
    expect(value(o, 'GM0285', 'leerlingen_sbo')).toBe(30);
    expect(value(o, 'GM0285', 'leerlingen_so')).toBe(20);
    expect(value(o, 'GM0285', 'leerlingen_vso')).toBe(40);
    expect(value(o, 'GM0285', 'basisscholen')).toBe(2);
    expect(value(o, 'GM0285', 'sbo_scholen')).toBe(1);
    expect(value(o, 'GM0285', 'so_scholen')).toBe(1);
    expect(find(o, 'GM0285', 'pct_sbo')).toMatchObject({ value: (30 / 180) * 100, numerator: 30, denominator: 180 });
    expect(find(o, 'GM0285', 'pct_so')).toMatchObject({ value: 10, numerator: 20, denominator: 200 });
    expect(find(o, 'GM0285', 'pct_speciaal_po')).toMatchObject({ value: 25, numerator: 50, denominator: 200 });
    // Zoetermeer: bo only; the other kinds are 0, not missing.
    expect(value(o, 'GM0637', 'leerlingen_sbo')).toBe(0);
    expect(value(o, 'GM0637', 'sbo_scholen')).toBe(0);
    expect(value(o, 'GM0637', 'so_scholen')).toBe(0);
    expect(find(o, 'GM0637', 'pct_sbo')).toMatchObject({ value: 0, numerator: 0, denominator: 200 });
    // Apeldoorn: vso only; shares of primary-age pupils have no base.
    expect(value(o, 'GM0200', 'leerlingen_vso')).toBe(35);
    expect(value(o, 'GM0200', 'basisscholen')).toBe(0);
    expect(value(o, 'GM0200', 'so_scholen')).toBe(1);
    const none = find(o, 'GM0200', 'pct_sbo');
    expect(none).toMatchObject({ value: null, numerator: 0, denominator: 0 });
    expect(none.note).toMatch(/Geen scholen/);
    // Helvoirt (Haaren) is added to Vught, which then is Vught of the 2023 indeling: one code, one figure.
    expect(value(o, 'GM0865', 'leerlingen_bo', 2023)).toBe(80 + 60);
    expect(value(o, 'GM0865', 'basisscholen', 2023)).toBe(2);
    expect(o.some((x) => x.code === 'GM0865' && x.indeling === 2019)).toBe(false);
    expect(o.some((x) => x.code === 'GM0788')).toBe(false);
    // Every gemeente gets all ten indicators.
    expect(o).toHaveLength(4 * 10);
  });

  it('fails with the column name when a column is missing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'duo-po-'));
    const file = sources['duo-leerlingen-po-2019'].file;
    await mkdir(join(dir, 'duo/po'), { recursive: true });
    await writeFile(join(dir, file), 'PEILDATUM;BRIN_NUMMER;VESTIGINGSNUMMER\n20191001;ZZ01;00\n');
    const err = await readPoScholen(new DataReader(dir)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReportError);
    expect((err as ReportError).code).toBe('data');
    expect((err as ReportError).message).toBe(messages.dataColumnMissing(join(dir, file), 'INSTELLINGSNAAM_VESTIGING'));
  });
});

describe('readAchterstand (fixture)', () => {
  it('sums scores without threshold and pupils per gemeente', async () => {
    const { observations: o, notes } = await readAchterstand(new DataReader(fixtureDir));
    // Voorst: 102.62 + 19,46 (decimal comma) over 100 + 50 pupils.
    const voorst = find(o, 'GM0285', 'achterstandsscore');
    expect(voorst.numerator).toBeCloseTo(122.08, 10);
    expect(voorst.denominator).toBe(150);
    expect(voorst.value).toBeCloseTo(122.08 / 150, 12);
    expect(value(o, 'GM0285', 'achterstandsscore_leerlingen')).toBe(150);
    expect(find(o, 'GM0637', 'achterstandsscore')).toMatchObject({ value: 0, numerator: 0, denominator: 200 });
    const vught = find(o, 'GM0865', 'achterstandsscore', 2023); // Vught 60 pupils + Helvoirt 80
    expect(vught.numerator).toBeCloseTo(40.5 + 12.3, 10);
    expect(vught.denominator).toBe(140);
    expect(vught.value).toBeCloseTo((40.5 + 12.3) / 140, 12);
    expect(value(o, 'GM0865', 'achterstandsscore_leerlingen', 2023)).toBe(140);
    // No bo school: no figure (Apeldoorn); unplaced Haaren school and unknown vestiging left out and noted.
    expect(o.some((x) => x.code === 'GM0200' || x.code === 'GM0788')).toBe(false);
    expect(o).toHaveLength(3 * 2);
    expect(notes.some((n) => n.includes('2 vestigingen niet gevonden') && n.includes('ZZ0700') && n.includes('ZZ0900'))).toBe(true);
    expect(notes.some((n) => n.startsWith('CBS-achterstandsscores 2019: 5 basisschoolvestigingen aan een gemeente gekoppeld'))).toBe(true);
  });
});

describe('DUO po and CBS achterstand on the real data', () => {
  it('reads the published pupil totals', async () => {
    const { observations: o, notes } = await readPoScholen(new DataReader(dataDir));
    expect(sum(o, 'leerlingen_bo')).toBe(1_396_457);
    expect(sum(o, 'leerlingen_sbo')).toBe(35_733);
    expect(sum(o, 'leerlingen_so')).toBe(32_069);
    expect(sum(o, 'leerlingen_vso')).toBe(37_753);
    expect(sum(o, 'basisscholen')).toBe(6_295);
    expect(sum(o, 'sbo_scholen')).toBe(276);
    // 360 so and 370 vso rows; 164 vestigingen have both.
    expect(sum(o, 'so_scholen')).toBe(566);
    expect(o.some((x) => x.code === 'GM0788')).toBe(false);
    // The 354 gemeenten of 2019 without Haaren, each once; the four that took Haaren's villages in the 2023 indeling.
    const bo = o.filter((x) => x.indicator === 'basisscholen');
    expect(bo).toHaveLength(354);
    expect(new Set(bo.map((x) => x.code)).size).toBe(354);
    expect(bo.filter((x) => x.indeling === 2023).map((x) => x.code).sort()).toEqual(['GM0757', 'GM0824', 'GM0855', 'GM0865']);
    expect(notes.some((n) => n.includes('weggelaten'))).toBe(false);
  });

  it('joins the achterstandsscores of all 6,295 bo vestigingen', async () => {
    const { observations: o, notes } = await readAchterstand(new DataReader(dataDir));
    expect(notes.some((n) => n.includes('6.295 basisschoolvestigingen aan een gemeente gekoppeld'))).toBe(true);
    expect(notes.some((n) => n.includes('weggelaten') || n.includes('ontbreken'))).toBe(false);
    expect(sum(o, 'achterstandsscore_leerlingen')).toBe(1_396_457);
    expect(sum(o, 'achterstandsscore', 'denominator')).toBe(1_396_457);
    // National mean per pupil: 15% of pupils × (C − G) = 0.15 × (535.26 − 529.46) = 0.87.
    expect(sum(o, 'achterstandsscore', 'numerator') / 1_396_457).toBeCloseTo(0.87, 3);
    const perGemeente = o.filter((x) => x.indicator === 'achterstandsscore').map((x) => x.value!);
    expect(perGemeente).toHaveLength(354);
    expect(Math.min(...perGemeente)).toBeGreaterThan(0);
    expect(value(o, 'GM0599', 'achterstandsscore')).toBe(Math.max(...perGemeente)); // Rotterdam
  });
});
