import { describe, expect, it } from 'vitest';
import { catalogue, comparableYear, type IndicatorDef } from '../../src/data/catalogue.js';
import { SeriesStore, type Observation } from '../../src/data/series.js';
import type { AreaRef, ReportData, ValueAt } from '../../src/data/select.js';
import { compareValues } from '../../src/interpret/compare.js';
import { formatDifference, plural } from '../../src/interpret/dutch.js';
import { joinAnd } from '../../src/util/dutch-list.js';
import { indicatorFinding, type IndicatorFinding } from '../../src/interpret/sentences.js';
import { contradicts, selectKernpunten, type Kernpunt } from '../../src/interpret/kernpunten.js';
import { headline } from '../../src/interpret/headline.js';
import { wijkDifferences } from '../../src/interpret/wijk.js';
import { defaultSubject } from '../../src/data/extra-data.js';
import { factorCoverage, allFactors } from '../../src/interpret/factors.js';

const def = (id: string) => catalogue.get(id)!;

/**
 * A small fixture report (made-up numbers, not report figures): 30 fixture gemeenten
 * give the spread, and the region, the similar gemeenten and Nederland have the
 * values the test sets per indicator and year.
 */
function fixtureReport(values: Record<string, Record<string, Record<number, Observation>>>, regionName = 'Fixtuurstad'): ReportData {
  const series = new SeriesStore();
  const gemeenten = new Map<string, unknown>();
  for (let i = 0; i < 30; i++) {
    const code = `GM9${String(i).padStart(3, '0')}`;
    gemeenten.set(code, { code });
    // Spread: values 20..49 (sd ≈ 8.7) for every indicator and year used.
    for (const [id, byArea] of Object.entries(values)) for (const y of Object.keys(byArea.region ?? {})) series.set(id, Number(y), code, { value: 20 + i });
  }
  const area = (id: string, role: AreaRef['role'], name: string): AreaRef => ({ id, role, name, level: 'gemeente', codes: [id], description: '' });
  const region = area('region', 'region', regionName);
  const comparisons = [area('peers', 'similar', 'Vergelijkbare gemeenten'), area('nl', 'nederland', 'Nederland')];
  const years = (id: string, a: AreaRef) => Object.keys(values[id]?.[a.id] ?? {}).map(Number).sort();
  const value = (id: string, a: AreaRef, year?: number): ValueAt => {
    const ys = years(id, a);
    if (ys.length === 0) return { value: null, year: null, note: 'geen gegevens in de bron' };
    const y = year ?? [...ys].reverse().find((yy) => values[id][a.id][yy].value !== null) ?? ys[ys.length - 1];
    return { ...values[id][a.id][y], year: y };
  };
  const gemeenteValues = (id: string, y: number) => series.byCode(id, y);
  return { region, comparisons, years, value, gemeenteValues, dataset: { gemeenten, series } as never, catalogue } as unknown as ReportData;
}

describe('the comparison rule', () => {
  it('calls a difference of a quarter standard deviation or more higher or lower', () => {
    expect(compareValues(def('pct_hh_laagste_40'), 45, 40, 8)).toBe('hoger');
    expect(compareValues(def('pct_hh_laagste_40'), 35, 40, 8)).toBe('lager');
    expect(compareValues(def('pct_hh_laagste_40'), 41, 40, 8)).toBe('vergelijkbaar');
  });
  it('never says higher when the printed values are equal', () => {
    // 10.04 and 9.96 both print as 10,0%.
    expect(compareValues(def('pct_jeugdzorg'), 10.04, 9.96, 0.1)).toBe('vergelijkbaar');
  });
});

describe('Dutch details', () => {
  it('uses procentpunt for differences between percentages, and the unit otherwise', () => {
    expect(formatDifference(def('pct_hh_laagste_40'), -3)).toBe('3 procentpunt');
    expect(formatDifference(def('pct_jeugdzorg'), 1.25)).toBe('1,3 procentpunt');
    expect(formatDifference(def('afstand_kdv'), 0.24)).toBe('0,2 km');
    expect(formatDifference(def('wmo_per_1000'), 5)).toBe('5 per 1.000');
  });
  it('knows singular and plural, and joins lists with "en"', () => {
    expect(plural(1, 'gemeente', 'gemeenten')).toBe('1 gemeente');
    expect(plural(2, 'gemeente', 'gemeenten')).toBe('2 gemeenten');
    expect(plural(1000, 'wijk', 'wijken')).toBe('1.000 wijken');
    expect(joinAnd(['a'])).toBe('a');
    expect(joinAnd(['a', 'b', 'c'])).toBe('a, b en c');
  });
});

describe('sentences per indicator', () => {
  it('higher than similar gemeenten, lower than Nederland, with the judgement of a directional indicator', () => {
    const r = fixtureReport({ pct_hh_laagste_40: { region: { 2022: { value: 45 } }, peers: { 2022: { value: 40 } }, nl: { 2022: { value: 48 } } } });
    const f = indicatorFinding(r, def('pct_hh_laagste_40'));
    expect(f.text).toBe(
      'In Fixtuurstad is het aandeel huishoudens in de laagste 40% inkomens van Nederland 45% (2022). Dat is 5 procentpunt hoger dan in de vergelijkbare gemeenten (40%) en 3 procentpunt lager dan in Nederland (48%); dat is ongunstig ten opzichte van vergelijkbare gemeenten.',
    );
    expect(f.versusPeers).toBe('hoger');
    expect(f.z).toBeCloseTo(5 / 8.655, 2);
  });
  it('similar to both, said once, and no judgement for a neutral indicator', () => {
    const r = fixtureReport({ pct_jeugdzorg: { region: { 2022: { value: 30 } }, peers: { 2022: { value: 30.5 } }, nl: { 2022: { value: 29.6 } } } });
    const f = indicatorFinding(r, def('pct_jeugdzorg'));
    expect(f.text).toBe('In Fixtuurstad is het aandeel jongeren met jeugdzorg in natura 30,0% (2022). Dat is ongeveer even hoog als in de vergelijkbare gemeenten (30,5%) en in Nederland (29,6%).');
    expect(f.text).not.toMatch(/gunstig/);
  });
  it('says "groter" and "kleiner" for distances', () => {
    const r = fixtureReport({ afstand_kdv: { region: { 2022: { value: 40 } }, peers: { 2022: { value: 30 } }, nl: { 2022: { value: 40 } } } });
    expect(indicatorFinding(r, def('afstand_kdv')).text).toContain('10,0 km groter dan in de vergelijkbare gemeenten (30,0 km) en ongeveer even groot als in Nederland (40,0 km); dat is ongunstig');
  });
  it('places the region among the 10% highest gemeenten', () => {
    const r = fixtureReport({ pct_hh_laagste_40: { region: { 2022: { value: 49 } }, peers: { 2022: { value: 40 } }, nl: { 2022: { value: 40 } } } });
    expect(indicatorFinding(r, def('pct_hh_laagste_40')).text).toContain('Fixtuurstad hoort bij de 10% gemeenten met het hoogste aandeel huishoudens in de laagste 40% inkomens van Nederland.');
  });
  it('describes the direction over several years, and nothing with one year only', () => {
    // 2019-2020 (no central exams) is never the start of a trend: the first comparable year is.
    const up = fixtureReport({ slaagpct_vo: { region: { 2019: { value: 99.0 }, 2021: { value: 95.2 }, 2023: { value: 90.1 } }, peers: { 2023: { value: 90 } }, nl: { 2023: { value: 90 } } } });
    const text = indicatorFinding(up, def('slaagpct_vo')).text;
    expect(text).toContain('Tussen 2021-2022 en 2023-2024 daalde het slagingspercentage in het voortgezet onderwijs van 95,2% naar 90,1% (−5,1 procentpunt).');
    expect(text).not.toContain('2019-2020');
    // Only a corona year and one other: no trend sentence at all.
    const corona = fixtureReport({ slaagpct_vo: { region: { 2020: { value: 97 }, 2023: { value: 90.1 } }, nl: { 2023: { value: 90 } } } });
    expect(indicatorFinding(corona, def('slaagpct_vo')).text).not.toContain('Tussen');
    // A provisional year is not the end of a trend either.
    expect(comparableYear(def('pct_jeugdhulp'), 2022)).toBe(false);
    const stable = fixtureReport({ pct_hh_met_kinderen: { region: { 2022: { value: 30.2 }, 2023: { value: 29.8 } }, peers: { 2023: { value: 30 } }, nl: { 2023: { value: 30 } } } });
    expect(indicatorFinding(stable, def('pct_hh_met_kinderen')).text).toContain('Tussen 2022 en 2023 bleef het aandeel huishoudens met kinderen vrijwel gelijk (30% en 30%).');
    const one = fixtureReport({ pct_jeugdzorg: { region: { 2022: { value: 30 } }, peers: { 2022: { value: 30 } }, nl: { 2022: { value: 30 } } } });
    expect(indicatorFinding(one, def('pct_jeugdzorg')).text).not.toContain('Tussen');
  });
  it('says why data is missing, and when it is suppressed', () => {
    const missing = fixtureReport({ slaagpct_vo: { region: { 2023: { value: null, note: 'geen vo-school met examenkandidaten in het gebied' } }, nl: { 2023: { value: 90 } } } });
    expect(indicatorFinding(missing, def('slaagpct_vo')).text).toBe(
      'Voor Fixtuurstad zijn geen gegevens over het slagingspercentage in het voortgezet onderwijs (geen vo-school met examenkandidaten in het gebied).',
    );
    const suppressed = fixtureReport({ slaagpct_vo: { region: { 2023: { value: null, suppressed: true } }, nl: { 2023: { value: 90 } } } });
    expect(indicatorFinding(suppressed, def('slaagpct_vo')).text).toBe(
      'Voor Fixtuurstad is het slagingspercentage in het voortgezet onderwijs afgeschermd: het cijfer berust op te weinig personen.',
    );
  });
  it('does not compare counts of areas of different size', () => {
    const r = fixtureReport({ inwoners: { region: { 2022: { value: 1000 }, 2024: { value: 1100 } }, peers: { 2024: { value: 50000 } }, nl: { 2024: { value: 17000000 } } } });
    const f = indicatorFinding(r, def('inwoners'));
    expect(f.text).not.toContain('dan in');
    expect(f.text).toContain('steeg het aantal inwoners van 1.000 naar 1.100 (+10,0%)');
  });
});

const kp = (indicator: string, domain: Kernpunt['domain'], z: number, extra: Partial<Kernpunt> = {}): Kernpunt => ({
  finding: { indicator, text: indicator, z, versusPeers: z > 0 ? 'hoger' : 'lager' },
  domain,
  anchor: domain,
  sectionTitle: domain,
  opportunity: true,
  tone: 'neutraal',
  ...extra,
});

describe('kernpunten', () => {
  it('takes the largest deviations, at most two per domain, four to six', () => {
    const chosen = selectKernpunten([
      kp('a1', 'armoede', 2.0),
      kp('a2', 'armoede', 1.9),
      kp('a3', 'armoede', 1.8),
      kp('o1', 'onderwijs', 1.5),
      kp('j1', 'jeugdhulp', 1.2),
      kp('d1', 'demografie', 1.1),
      kp('w1', 'wijk', 1.0),
      kp('s1', 'signalering', -0.2),
    ]).map((k) => k.finding.indicator);
    expect(chosen).toHaveLength(6);
    expect(chosen.filter((c) => c.startsWith('a'))).toEqual(['a1', 'a2']);
    expect(chosen).not.toContain('s1'); // below the threshold, and six already stand out
  });
  it('puts an indicator about opportunity before a context indicator of the same deviation', () => {
    const chosen = selectKernpunten([
      kp('dichtheid', 'wijk', 1.5, { opportunity: false }),
      kp('woz', 'wijk', 1.4, { opportunity: false }),
      kp('laag_inkomen', 'armoede', 1.5),
      kp('jeugdzorg', 'jeugdhulp', 0.9),
      kp('slagen', 'onderwijs', -0.8),
      kp('advies', 'onderwijs', 0.7),
    ]).map((k) => k.finding.indicator);
    expect(chosen.slice(0, 4)).toEqual(['laag_inkomen', 'jeugdzorg', 'slagen', 'advies']);
    expect(chosen).not.toContain('dichtheid'); // four about opportunity: context does not fill up
  });
  it('lets context fill up only to four', () => {
    const chosen = selectKernpunten([kp('laag_inkomen', 'armoede', 1.2), kp('jeugdzorg', 'jeugdhulp', 0.9), kp('dichtheid', 'wijk', 2.5, { opportunity: false }), kp('woz', 'demografie', 2.0, { opportunity: false }), kp('leeftijd', 'demografie', 1.9, { opportunity: false })]).map((k) => k.finding.indicator);
    expect(chosen).toEqual(['laag_inkomen', 'jeugdzorg', 'dichtheid', 'woz']);
  });
  it('never takes a finding its own sentence contradicts', () => {
    const contradictory = kp('jong', 'demografie', -1.9);
    contradictory.finding.extreme = 'hoogste'; // lower than the similar gemeenten, yet among the 10% highest
    expect(contradicts(contradictory.finding)).toBe(true);
    expect(selectKernpunten([contradictory, kp('a', 'armoede', 0.6), kp('b', 'onderwijs', 0.55)]).map((k) => k.finding.indicator)).not.toContain('jong');
  });
  it('shows what goes well too', () => {
    const chosen = selectKernpunten([
      kp('a1', 'armoede', 2.0, { tone: 'ongunstig' }),
      kp('j1', 'jeugdhulp', 1.9, { tone: 'ongunstig' }),
      kp('o1', 'onderwijs', 1.8, { tone: 'ongunstig' }),
      kp('a2', 'armoede', 1.7, { tone: 'ongunstig' }),
      kp('j2', 'jeugdhulp', 1.6, { tone: 'ongunstig' }),
      kp('o2', 'onderwijs', 1.5, { tone: 'ongunstig' }),
      kp('o3', 'signalering', -0.6, { tone: 'gunstig' }),
    ]).map((k) => k.finding.indicator);
    expect(chosen).toHaveLength(6);
    expect(chosen).toContain('o3');
  });
  it('takes one part of a whole (low, middle, high education)', () => {
    const parts = [kp('opl_midden', 'onderwijs', -2), kp('opl_hoog', 'onderwijs', 1.9), kp('x', 'armoede', 1)].map((k, i) => (i < 2 ? { ...k, group: 'opleidingsniveau' } : k));
    expect(selectKernpunten(parts).map((k) => k.finding.indicator)).toEqual(['opl_midden', 'x']);
  });
  it('fills up to four when little stands out', () => {
    expect(selectKernpunten([kp('a', 'armoede', 0.3), kp('b', 'onderwijs', -0.2), kp('c', 'wijk', 0.1), kp('d', 'jeugdhulp', 0.05), kp('e', 'demografie', 0.04)])).toHaveLength(4);
  });
});

describe('headlines: the finding and its number first, in correct Dutch', () => {
  const finding = (id: string, v: number, peers: number, nl: number, year = 2021): IndicatorFinding => ({
    indicator: id,
    text: '',
    z: 1,
    versusPeers: v > peers ? 'hoger' : 'lager',
    value: { value: v, year },
    references: [
      { role: 'similar', name: 'Vergelijkbare gemeenten', value: { value: peers, year }, comparison: v > peers ? 'hoger' : 'lager' },
      { role: 'nederland', name: 'Nederland', value: { value: nl, year }, comparison: v > nl ? 'hoger' : 'lager' },
    ],
  });
  it('says "meer" or "minder" of a share, with the numbers and the year', () => {
    expect(headline(def('pct_hh_laag_inkomen'), finding('pct_hh_laag_inkomen', 11.5, 8.5, 6.8))).toBe(
      'Meer huishoudens met een laag inkomen dan in vergelijkbare gemeenten: 11,5% tegen 8,5% (2021; Nederland 6,8%).',
    );
    expect(headline(def('pct_advies_havo_vwo'), finding('pct_advies_havo_vwo', 38, 45, 46, 2024))).toMatch(/^Minder leerlingen met een havo- of vwo-advies .* dan in vergelijkbare gemeenten: 38% tegen 45% \(2024-2025; Nederland 46%\)\.$/);
  });
  it('inflects the adjective for de-words and het-words, and says groter for distances', () => {
    expect(headline(def('achterstandsscore'), finding('achterstandsscore', 1.12, 0.95, 0.87, 2019))).toBe(
      'Hogere gemiddelde achterstandsscore per leerling dan in vergelijkbare gemeenten: 1,12 tegen 0,95 (2019; Nederland 0,87).',
    );
    expect(headline(def('slaagpct_vwo'), finding('slaagpct_vwo', 85, 90, 91, 2023))).toMatch(/^Lager slagingspercentage op het vwo dan/);
    expect(headline(def('afstand_kdv'), finding('afstand_kdv', 1.2, 0.8, 0.7))).toMatch(/^Grotere gemiddelde afstand tot het dichtstbijzijnde kinderdagverblijf dan/);
  });
  it('says nothing where the region is about the same', () => {
    const f = finding('pct_hh_laag_inkomen', 8.5, 8.4, 6.8);
    f.references![0].comparison = 'vergelijkbaar';
    expect(headline(def('pct_hh_laag_inkomen'), f)).toBeUndefined();
  });
});

describe('wijk differences', () => {
  const d = def('pct_0_15');
  it('gives the spread, the wijken that stand out, and marks small wijken', () => {
    const wijken = [
      { name: 'Noord', value: 12, inwoners: 5000 },
      { name: 'Oost', value: 13, inwoners: 5000 },
      { name: 'Zuid', value: 12, inwoners: 4000 },
      { name: 'West', value: 14, inwoners: 6000 },
      { name: 'Centrum', value: 13, inwoners: 900 },
      { name: 'Nieuwbouw', value: 31, inwoners: 3000 },
    ];
    expect(wijkDifferences(d, wijken)).toEqual([
      'Tussen de wijken loopt dit uiteen van 12% in Noord tot 31% in Nieuwbouw.',
      'Duidelijk hoger dan in de andere wijken: Nieuwbouw (31%).',
      '1 wijk met minder dan 1.000 inwoners (* in de tabel): daar wegen toevallige verschillen zwaarder.',
    ]);
  });
  it('handles one wijk and no wijk honestly', () => {
    expect(wijkDifferences(d, [{ name: 'Dorp', value: 15, inwoners: 2000 }])).toEqual(['Eén wijk met gegevens: Dorp, 15%.']);
    expect(wijkDifferences(d, [{ name: 'Dorp', value: null, inwoners: 20 }])).toEqual(['Geen wijk met gegevens.']);
  });
});

describe('the 30 factors', () => {
  it('has 30 factors in 5 levels, each indicator mapped only to known factors', () => {
    expect(allFactors).toHaveLength(30);
    for (const d of catalogue.values()) for (const f of d.factors ?? []) expect(allFactors).toContain(f);
  });
  it('shows which factors the indicators speak to and which not', () => {
    const cov = factorCoverage([def('pct_hh_laagste_40'), def('afstand_kdv')]);
    const flat = cov.flatMap((l) => l.factors);
    expect(flat.find((f) => f.factor === 'financiële middelen')!.indicators).toEqual(['Huishoudens in de laagste 40% inkomens van Nederland']);
    expect(flat.find((f) => f.factor === 'voor- en vroegschoolse educatie')!.indicators).toEqual(['Afstand tot kinderdagverblijf']);
    expect(flat.find((f) => f.factor === 'motivatie')!.indicators).toEqual([]);
  });
});

describe('sentences add up for the reader', () => {
  it('gives the difference of the printed values', () => {
    // 9.6% prints as 10%, 12.4% as 12%: the text says 2 procentpunt (not 3, from 2.8).
    const r = fixtureReport({ pct_hh_met_kinderen: { region: { 2023: { value: 9.6 } }, peers: { 2023: { value: 12.4 } }, nl: { 2023: { value: 9.7 } } } });
    const text = indicatorFinding(r, def('pct_hh_met_kinderen')).text;
    expect(text).toContain('is het aandeel huishoudens met kinderen 10% (2023). Dat is 2 procentpunt lager dan in de vergelijkbare gemeenten (12%)');
  });
});

describe("the client's own indicators read like the catalogue's", () => {
  const own = (label: string, unit: IndicatorDef['unit'], extra: Partial<IndicatorDef> = {}): IndicatorDef => ({
    id: 'eigen',
    label,
    subject: defaultSubject(label, unit),
    base: /per 1\.?000 (.+)$/i.exec(label)?.[1],
    title: label,
    definition: '',
    domain: 'onderwijs',
    unit,
    decimals: 1,
    higherIsBetter: null,
    source: 'kwb-2022',
    citation: 'Gemeente Fixtuurstad, eigen registratie',
    fields: { gemeente: { 2023: 'extra' } },
    aggregate: { kind: 'none' },
    ...extra,
  });
  const sentence = (d: IndicatorDef, v: number, peers: number, nl: number) => {
    const r = fixtureReport({ eigen: { region: { 2023: { value: v } }, peers: { 2023: { value: peers } }, nl: { 2023: { value: nl } } } });
    return indicatorFinding(r, d).text;
  };
  it('a rate per 1.000 of a named base: the subject names it, the numbers do not repeat it', () => {
    const d = own('Thuiszitters per 1.000 leerplichtigen', 'per-1000');
    const text = sentence(d, 3.1, 30, 40);
    expect(text).toMatch(/^In Fixtuurstad is het aantal thuiszitters per 1\.000 leerplichtigen 3,1 \(2023\)\. Dat is 26,9 lager dan in de vergelijkbare gemeenten \(30,0\)/);
    expect(text).not.toContain('per 1.000 (');
    expect(d.base).toBe('leerplichtigen');
  });
  it('a share, a count and a score', () => {
    expect(sentence(own('Peuters met vve', 'percent'), 80, 30, 30)).toMatch(/^In Fixtuurstad is het aandeel peuters met vve 80,0% \(2023\)\./);
    expect(sentence(own('Leerlingen met een vve-indicatie', 'count', { decimals: 0 }), 120, 30, 30)).toMatch(/^In Fixtuurstad is het aantal leerlingen met een vve-indicatie 120 \(2023\)\./);
    expect(sentence(own('Welzijnsscore', 'score'), 7.2, 30, 30)).toMatch(/^In Fixtuurstad is het cijfer ‘Welzijnsscore’ 7,2 \(2023\)\./);
  });
  it('leads a kernpunt in correct Dutch too', () => {
    const d = own('Thuiszitters per 1.000 leerplichtigen', 'per-1000');
    const r = fixtureReport({ eigen: { region: { 2023: { value: 45 } }, peers: { 2023: { value: 30 } }, nl: { 2023: { value: 40 } } } });
    expect(headline(d, indicatorFinding(r, d))).toBe('Meer thuiszitters per 1.000 leerplichtigen dan in vergelijkbare gemeenten: 45,0 tegen 30,0 (2023; Nederland 40,0).');
  });
});
