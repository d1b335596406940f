/** School points from `data fetch`: DUO registers geocoded with the PDOK Locatieserver (a local fake of both), and how a report cites them. */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsvRecords } from '../../src/util/csv.js';
import { DataReader } from '../../src/data/sources/data-files.js';
import { readSchoolPoints } from '../../src/data/sources/duo-scholen-2024.js';
import { fetchTables } from '../../src/fetch/catalogue.js';
import { fetchSchoolPoints, registerRow } from '../../src/fetch/duo-scholen.js';
import { bestMatch, parseDutchAddress } from '../../src/fetch/pdok-locatieserver.js';
import { checkText } from '../../src/fetch/validate.js';
import { fakeFetchContext, startFakePublishers, stagedSchoolPoints, type FakePublishers } from '../helpers/fake-publishers.js';
import { dataDir } from '../helpers/data.js';
import { readFileSync } from 'node:fs';

describe('addresses for the Locatieserver', () => {
  it('reads DUO house numbers with letters and additions', () => {
    expect(parseDutchAddress('1234 ab', '12')).toEqual({ postcode: '1234AB', huisnummer: 12, suffix: '' });
    expect(parseDutchAddress('1234AB', '12 a')).toEqual({ postcode: '1234AB', huisnummer: 12, suffix: 'A' });
    expect(parseDutchAddress('1234AB', '12-14')).toEqual({ postcode: '1234AB', huisnummer: 12, suffix: '14' });
    expect(parseDutchAddress('1234AB', 'z/n')).toBeNull();
    expect(parseDutchAddress('BE-2000', '1')).toBeNull();
  });

  it('takes the BAG address with the same letter, else the plain number', () => {
    const docs = [
      { postcode: '1234AB', huisnummer: 12, huisletter: 'B', centroide_ll: 'POINT(5 52)' },
      { postcode: '1234AB', huisnummer: 12, centroide_ll: 'POINT(6 52)' },
      { postcode: '1234AB', huisnummer: 120, centroide_ll: 'POINT(7 52)' },
    ];
    expect(bestMatch(docs, { postcode: '1234AB', huisnummer: 12, suffix: 'B' })?.centroide_ll).toBe('POINT(5 52)');
    expect(bestMatch(docs, { postcode: '1234AB', huisnummer: 12, suffix: 'C' })?.centroide_ll).toBe('POINT(6 52)');
    expect(bestMatch(docs, { postcode: '1234AB', huisnummer: 13, suffix: '' })).toBeUndefined();
  });

  it('reads both register editions: INSTELLINGSCODE/VESTIGINGSCODE (current) and BRIN NUMMER/VESTIGINGSNUMMER (2020)', () => {
    const current = registerRow('vo', { INSTELLINGSCODE: '01XF', VESTIGINGSCODE: '01XF00', VESTIGINGSNAAM: 'X', 'HUISNUMMER-TOEVOEGING': '3', POSTCODE: '1234 AB', ONDERWIJSSTRUCTUUR: 'HAVO/VWO', GEMEENTENAAM: 'Alkmaar' });
    expect(current).toMatchObject({ brin: '01XF', vestigingscode: '01XF00', type: 'HAVO/VWO', postcode: '1234AB', gemeente: 'ALKMAAR' });
    const old = registerRow('bo', { 'BRIN NUMMER': '16AH', VESTIGINGSNUMMER: '16AH00', VESTIGINGSNAAM: 'Y', 'HUISNUMMER-TOEVOEGING': '1', POSTCODE: '7822 HG' });
    expect(old).toMatchObject({ brin: '16AH', vestigingscode: '16AH00', type: 'basisschool' });
    const shortNumber = registerRow('so', { INSTELLINGSCODE: '00AB', VESTIGINGSCODE: '1', 'SOORT PRIMAIR ONDERWIJS': 'SBAO' });
    expect(shortNumber).toMatchObject({ vestigingscode: '00AB01', type: 'SBAO' });
    expect(registerRow('bo', { VESTIGINGSNAAM: 'no code' })).toBeNull();
  });
});

describe('fetching school points from the fake DUO and Locatieserver', () => {
  let fake: FakePublishers;
  let tmp: string;
  beforeAll(async () => {
    fake = await startFakePublishers();
    tmp = await mkdtemp(join(tmpdir(), 'ck-schools-'));
  });
  afterAll(async () => {
    await fake.close();
    await rm(tmp, { recursive: true, force: true });
  });
  const ctx = () => fakeFetchContext(fake);
  const table = fetchTables.find((t) => t.name === 'duo-pdok-schoolpunten')!;

  it('places each vestiging at its BAG address, passes the check, and says when the addresses were fetched', async () => {
    const { text, urls } = await table.fetch(ctx());
    expect(checkText(table.check, text)).toEqual([]);
    const fc = JSON.parse(text) as { metadata: Record<string, unknown>; features: { properties: Record<string, string>; geometry: { coordinates: number[] } }[] };
    expect(fc.metadata).toMatchObject({ generator: 'contextkaart data fetch', geocoder: 'PDOK Locatieserver (BAG)', notFetched: [] });
    expect(urls.some((u) => u.includes('/locatieserver/free'))).toBe(true);

    // Independently: the fake's BAG is the staged points; a vestiging placed at its address must sit exactly there.
    const staged = new Map(stagedSchoolPoints().map((f) => [`${f.properties.postcode}|${f.properties.huisnummer}`, f.geometry.coordinates]));
    const byAddress = fc.features.filter((f) => f.properties.geocodering === 'adres');
    expect(byAddress.length).toBeGreaterThan(5000);
    for (const f of byAddress.slice(0, 500)) {
      const at = staged.get(`${f.properties.postcode}|${f.properties.huisnummer}`);
      expect(at, f.properties.vestigingscode).toBeDefined();
    }
    // The bo register served is DUO's of 2020: its vestigingen that still have their 2024 address are all placed.
    const bo2020 = parseCsvRecords(readFileSync(join(dataDir, 'duo/register/vestigingen_bo_duo_2020.csv'), 'utf8'), ';').records;
    const stagedCodes = new Map(stagedSchoolPoints().map((f) => [f.properties.vestigingscode, f.properties.postcode]));
    const sameAddress = bo2020.filter((r) => stagedCodes.get(r.values.VESTIGINGSNUMMER) === r.values.POSTCODE.replace(/\s/g, ''));
    const placed = new Set(fc.features.map((f) => f.properties.vestigingscode));
    expect(sameAddress.length).toBeGreaterThan(4000);
    expect(sameAddress.filter((r) => !placed.has(r.values.VESTIGINGSNUMMER)).map((r) => r.values.VESTIGINGSNUMMER)).toEqual([]);
    // sbo, so and vso come from their own register, with kinds the map tells apart.
    const types = new Set(fc.features.map((f) => f.properties.type));
    for (const t of ['basisschool', 'SBAO', 'HAVO/VWO']) expect(types.has(t), t).toBe(true);
    expect(fc.metadata.placed).toBe(fc.features.length);
    expect(Number(fc.metadata.notFound) + fc.features.length).toBe(fc.metadata.vestigingen);
  });

  it('a later fetch keeps the places of an earlier one and asks the Locatieserver only for the rest', async () => {
    const first = await table.fetch(ctx());
    const before = JSON.parse(first.text) as { metadata: { postcodeOnly: number; notFound: number }; features: unknown[] };
    const asked = () => fake.requests.filter((r) => r.startsWith('/locatieserver/free')).length;
    const n0 = asked();
    const second = await table.fetch({ ...ctx(), previous: async () => first.text });
    const after = JSON.parse(second.text) as { metadata: { reusedFromEarlierFetch: number; placed: number }; features: unknown[] };
    expect(after.features).toEqual(before.features);
    expect(after.metadata.reusedFromEarlierFetch).toBe(before.features.length - before.metadata.postcodeOnly);
    // Only the addresses not placed at a BAG address before are asked again (each: the address, then its postcode;
    // several vestigingen may share one address, asked once).
    const placedAt = new Set((before.features as { properties: { geocodering: string; postcode: string; huisnummer: number } }[]).filter((f) => f.properties.geocodering === 'adres').map((f) => `${f.properties.postcode}|${f.properties.huisnummer}`));
    const again = fake.requests.slice(-(asked() - n0)).map((r) => new URL(r, 'http://x').searchParams.get('q') ?? '');
    expect(again.length).toBeGreaterThan(0);
    expect(again.length).toBeLessThanOrEqual(2 * (before.metadata.postcodeOnly + before.metadata.notFound));
    expect(again.filter((q) => /huisnummer/.test(q) && placedAt.has(q.replace(/^postcode:(\w+) and huisnummer:(\d+)$/, '$1|$2')))).toEqual([]);
    // A file of more than 400 days ago, or not written by data fetch, is not trusted.
    const old = first.text.replace(/"addressesFetched":"[^"]+"/, '"addressesFetched":"2020-01-01"');
    const n1 = asked();
    await table.fetch({ ...ctx(), previous: async () => old });
    expect(asked() - n1).toBeGreaterThan(5000);
  });

  it('writes bo and vo, and says so, when DUO has no sbo/so register under the catalogue name', async () => {
    const { text } = await fetchSchoolPoints(ctx(), [
      { kind: 'bo', dataset: 'adressen_bo', resource: /vestigingen/i },
      { kind: 'so', dataset: 'no-such-dataset', resource: /vestigingen/i, optional: true },
    ], new Date('2026-11-28T10:00:00Z'));
    const fc = JSON.parse(text) as { metadata: { notFetched: string[]; addressesFetched: string }; features: { properties: { type: string } }[] };
    expect(fc.metadata.notFetched).toHaveLength(1);
    expect(fc.metadata.notFetched[0]).toMatch(/^so: DUO has no dataset "no-such-dataset"/);
    expect(new Set(fc.features.map((f) => f.properties.type))).toEqual(new Set(['basisschool']));

    // The report then dates the addresses, cites the Locatieserver and says what is missing.
    await mkdir(join(tmp, 'duo/derived'), { recursive: true });
    await writeFile(join(tmp, 'duo/derived/scholen_2024_geocoded.geojson'), text);
    const points = await readSchoolPoints(new DataReader(tmp));
    expect(points.asOf).toBe('november 2026');
    expect(points.citation).toBe('DUO, Adressen schoolvestigingen november 2026 (geocodering PDOK Locatieserver, BAG)');
    expect(points.table).toContain('opgehaald op 28 november 2026');
    expect(points.notes).toEqual(["speciaal (basis)onderwijs staat niet op de kaart: DUO's adressenbestand daarvan was bij het ophalen niet beschikbaar."]);
    expect(points.points.length).toBe(fc.features.length);
  });

  it('stops with the URL when the Locatieserver fails', async () => {
    fake.options.fail = (path) => (path === '/locatieserver/free' ? 503 : undefined);
    try {
      const e = (await table.fetch(ctx()).catch((x: unknown) => x)) as Error & { url: string; problem: string; kind: string };
      expect(e.kind).toBe('failed');
      expect(e.url).toContain('/locatieserver/free?q=postcode');
      expect(e.problem).toMatch(/^PDOK Locatieserver: HTTP 503/);
    } finally {
      fake.options.fail = undefined;
    }
  });
});

describe('the staged school points', () => {
  it('are cited as the November 2024 third-party file', async () => {
    const points = await readSchoolPoints(new DataReader(dataDir));
    expect(points.asOf).toBe('november 2024');
    expect(points.citation).toBe('DUO, Adressen schoolvestigingen november 2024 (geocodering BAG)');
    expect(points.notes).toEqual([]);
  });
});
