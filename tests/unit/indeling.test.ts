import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { catalogue, indicatorList } from '../../src/data/catalogue.js';
import { codeIn2023, convertIndelingen, describeConversions, mergersSince } from '../../src/data/indeling.js';
import { SeriesStore } from '../../src/data/series.js';
import { DataReader } from '../../src/data/sources/data-files.js';
import { readKwb2021 } from '../../src/data/sources/kwb-2021.js';
import { matchWijken } from '../../src/data/wijk-matching.js';

const fixtureDir = resolve(import.meta.dirname, '../fixtures/sources/kwb-2021');
const kwb21Targets = indicatorList.flatMap((d) =>
  (['gemeente', 'wijk'] as const).flatMap((level) =>
    Object.entries(d.fields[level] ?? {})
      .filter(([, f]) => f.startsWith('kwb-2021:') && f !== 'kwb-2021:derived')
      .map(([y, f]) => ({ indicator: d.id, year: Number(y), field: f.split(':')[1], level })),
  ),
);

describe('KWB 2021 reader (fixture rows copied from the real file)', () => {
  it('reads gemeenten, wijken and Nederland with the restored decimals', async () => {
    const r = await readKwb2021(new DataReader(fixtureDir), kwb21Targets);
    const get = (code: string, id: string) => r.observations.find((o) => o.code === code && o.indicator === id)!;
    expect(get('NL00', 'pct_hh_laagste_40').value).toBe(40);
    expect(get('NL00', 'pct_hh_laag_inkomen').value).toBe(6.8);
    expect(get('GM0344', 'pct_hh_laag_inkomen').value).toBe(8.2);
    expect(get('WK034401', 'pct_hh_laagste_40').value).toBe(44.4);
    expect(get('GM0344', 'afstand_basisschool').value).toBe(0.5);
    expect(get('GM0344', 'pct_hh_laag_inkomen').indeling).toBe(2021);
    // Bijstand per 1.000 inwoners from its counts.
    const b = get('GM0344', 'bijstand_per_1000');
    expect(b.numerator).toBe(10220);
    expect(b.denominator).toBe(359370);
    expect(b.value).toBeCloseTo((10220 / 359370) * 1000, 10);
    // Education level as shares of the persons with a known level.
    const opl = get('WK034401', 'pct_opl_laag');
    expect(opl.denominator).toBe(3120 + 5580 + 14570);
    expect(opl.value).toBeCloseTo((3120 / (3120 + 5580 + 14570)) * 100, 10);
    expect(r.wijken!.get('WK034402')).toEqual({ name: 'Wijk 02 Noordwest', gemeenteCode: 'GM0344', inwoners: 44930 });
  });

  it('converts the 2021 indeling to 2023: Land van Cuijk summed from its five gemeenten, shares from counts', async () => {
    const r = await readKwb2021(new DataReader(fixtureDir), kwb21Targets);
    const series = new SeriesStore();
    const indelingOf = new Map<string, number>();
    for (const o of r.observations) {
      series.set(o.indicator, o.year, o.code, { value: o.value, numerator: o.numerator, denominator: o.denominator });
      if (o.code.startsWith('GM')) indelingOf.set(`${o.indicator}|${o.year}`, o.indeling);
    }
    const done = convertIndelingen(series, indelingOf, catalogue);
    const parts = ['GM0756', 'GM1684', 'GM0786', 'GM0815', 'GM1702'];
    // Counts from the fixture rows (the real file): inwoners and bijstand summed.
    expect(series.value('inwoners', 2021, 'GM1982')).toBe(29609 + 25404 + 12486 + 11004 + 11691);
    const b = series.get('bijstand_per_1000', 2021, 'GM1982')!;
    expect(b.numerator).toBe(300 + 400 + 140 + 100 + 60);
    expect(b.value).toBeCloseTo((1000 / 90194) * 1000, 10);
    // A percentage without counts is weighted by households.
    const hh = [12712, 11244, 5307, 4644, 4702];
    const lkk = [3.8, 4.9, 4.1, 3.5, 2.8];
    expect(series.value('pct_hh_laag_inkomen', 2021, 'GM1982')).toBeCloseTo(hh.reduce((a, h, i) => a + h * lkk[i], 0) / hh.reduce((a, h) => a + h, 0), 10);
    expect(series.get('pct_hh_laag_inkomen', 2021, 'GM1982')!.note).toMatch(/opgeteld uit Boxmeer, Cuijk, Grave, Mill en Sint Hubert en Sint Anthonis \(indeling 2021\)/);
    // The former gemeenten are gone; Maashorst has only Uden and Landerd.
    for (const c of parts) expect(series.get('inwoners', 2021, c)).toBeUndefined();
    expect(series.value('inwoners', 2021, 'GM1991')).not.toBeNull();
    expect(describeConversions(done)[0]).toMatch(/^Cijfers in de gemeentelijke indeling van 2021 omgerekend naar die van 2023: .*Land van Cuijk uit Boxmeer/);
  });

  it('knows which mergers apply to each indeling', () => {
    expect(codeIn2023('GM0003', 2019)).toBe('GM1979'); // Appingedam → Eemsdelta (2021)
    expect(codeIn2023('GM0003', 2021)).toBe('GM0003');
    expect(codeIn2023('GM0856', 2021)).toBe('GM1991'); // Uden → Maashorst (2022)
    expect(codeIn2023('GM0530', 2022)).toBe('GM1992'); // Hellevoetsluis → Voorne aan Zee (2023)
    expect(codeIn2023('GM0457', 2022)).toBe('GM0363'); // Weesp → Amsterdam (24 March 2022)
    expect(mergersSince(2023)).toEqual([]);
    expect(mergersSince(2019).map((m) => m.into)).toContain('GM1979');
  });

  it('converts an older indeling with a merger that keeps its code (Purmerend with Beemster) and Eemsdelta', () => {
    const series = new SeriesStore();
    // Made-up counts (fixture).
    series.set('inwoners', 2019, 'GM0439', { value: 80000 });
    series.set('inwoners', 2019, 'GM0370', { value: 10000 });
    series.set('inwoners', 2019, 'GM0003', { value: 100 });
    series.set('inwoners', 2019, 'GM0010', { value: 200 });
    series.set('inwoners', 2019, 'GM0024', { value: 300 });
    convertIndelingen(series, new Map([['inwoners|2019', 2019]]), catalogue);
    expect(series.value('inwoners', 2019, 'GM0439')).toBe(90000);
    expect(series.value('inwoners', 2019, 'GM1979')).toBe(600);
    expect(series.get('inwoners', 2019, 'GM0370')).toBeUndefined();
  });
});

describe('wijken of 2021 on the wijken of 2024', () => {
  it('matches on code and name, or code and about the same number of inhabitants', () => {
    const old = new Map([
      ['WK000101', { name: 'Wijk 01 Centrum', gemeenteCode: 'GM0001', inwoners: 1000 }],
      ['WK000102', { name: 'Oost', gemeenteCode: 'GM0001', inwoners: 1000 }],
      ['WK000103', { name: 'West', gemeenteCode: 'GM0001', inwoners: 1000 }],
      ['WK000104', { name: 'Noord', gemeenteCode: 'GM0001', inwoners: 1000 }],
    ]);
    const now = new Map([
      ['WK000101', { code: 'WK000101', name: 'Centrum', inwoners: 5000 }],
      ['WK000102', { code: 'WK000102', name: 'Oost en Haven', inwoners: 1100 }],
      ['WK000103', { code: 'WK000103', name: 'Nieuwbouw', inwoners: 4000 }],
    ]);
    const m = matchWijken(old, now);
    expect([...m.keys()].sort()).toEqual(['WK000101', 'WK000102']);
  });

  it('follows a wijk recoded into a merged gemeente by its name and size, and only when that is unambiguous', () => {
    const old = new Map([
      ['WK075601', { name: 'Boxmeer', gemeenteCode: 'GM0756', inwoners: 12000 }],
      ['WK168401', { name: 'Centrum', gemeenteCode: 'GM1684', inwoners: 5000 }],
      ['WK078601', { name: 'Centrum', gemeenteCode: 'GM0786', inwoners: 5000 }],
    ]);
    const now = new Map([
      ['WK198201', { code: 'WK198201', name: 'Boxmeer', gemeenteCode: 'GM1982', inwoners: 12500 }],
      ['WK198202', { code: 'WK198202', name: 'Centrum', gemeenteCode: 'GM1982', inwoners: 5100 }],
    ]);
    const m = matchWijken(old, now, (c) => codeIn2023(c, 2021));
    expect(m.get('WK075601')).toBe('WK198201');
    // Two former "Centrum" wijken for one new one: not matched.
    expect(m.has('WK168401')).toBe(false);
    expect(m.has('WK078601')).toBe(false);
  });
});

describe('a rate of a merged gemeente with one small part unpublished', () => {
  const setUp = (weesp: number, weespWmo: number | null) => {
    const series = new SeriesStore();
    series.set('inwoners', 2022, 'GM0363', { value: 882633 });
    series.set('inwoners', 2022, 'GM0457', { value: weesp });
    series.set('wmo_per_1000', 2022, 'GM0363', { value: 77 });
    series.set('wmo_per_1000', 2022, 'GM0457', weespWmo === null ? { value: null, note: 'niet gepubliceerd' } : { value: weespWmo });
    series.set('inwoners_0_25', 2022, 'GM0363', { value: 250000 });
    series.set('inwoners_0_25', 2022, 'GM0457', { value: 5000 });
    series.set('jongeren_jeugdzorg', 2022, 'GM0363', { value: 21520 });
    series.set('jongeren_jeugdzorg', 2022, 'GM0457', { value: null });
    const indelingOf = new Map([['inwoners|2022', 2022], ['wmo_per_1000|2022', 2022], ['inwoners_0_25|2022', 2022], ['jongeren_jeugdzorg|2022', 2022]]);
    convertIndelingen(series, indelingOf, catalogue);
    return series;
  };

  it('is the rate of the other parts, marked approximate, when they hold at least 95% of the weight (Amsterdam without Weesp)', () => {
    const wmo = setUp(20000, null).get('wmo_per_1000', 2022, 'GM0363')!;
    expect(wmo.value).toBe(77);
    expect(wmo.approximate).toBe(true);
    expect(wmo.note).toMatch(/benadering: het cijfer van Amsterdam, zonder Weesp \(2,2% van het aantal inwoners\)/);
  });

  it('stays missing when the unpublished part is larger than 5%, and is exact when every part is published', () => {
    expect(setUp(60000, null).get('wmo_per_1000', 2022, 'GM0363')!.value).toBeNull();
    const exact = setUp(20000, 50).get('wmo_per_1000', 2022, 'GM0363')!;
    expect(exact.value).toBeCloseTo((77 * 882633 + 50 * 20000) / 902633, 10);
    expect(exact.approximate).toBeUndefined();
  });

  it('never estimates a count: a sum with a missing part stays missing', () => {
    expect(setUp(20000, null).get('jongeren_jeugdzorg', 2022, 'GM0363')!.value).toBeNull();
  });
});

it('a median of a merged gemeente is not known, with the reason, rather than "n.v.t." (Amsterdam and Weesp)', () => {
  const series = new SeriesStore();
  series.set('mediaan_vermogen', 2022, 'GM0363', { value: 216 });
  series.set('mediaan_vermogen', 2022, 'GM0457', { value: 120 });
  convertIndelingen(series, new Map([['mediaan_vermogen|2022', 2022]]), catalogue);
  const obs = series.get('mediaan_vermogen', 2022, 'GM0363')!;
  expect(obs.value).toBeNull();
  expect(obs.notApplicable).toBeUndefined();
  expect(obs.note).toBe('niet bekend voor Amsterdam als geheel: de bron geeft alleen de afzonderlijke cijfers van Amsterdam en Weesp (indeling 2022)');
  expect(series.get('mediaan_vermogen', 2022, 'GM0457')).toBeUndefined();
});
