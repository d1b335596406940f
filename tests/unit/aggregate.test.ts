import { describe, expect, it } from 'vitest';
import { aggregateObservation, stedelijkheidClass } from '../../src/data/aggregate.js';
import { catalogue } from '../../src/data/catalogue.js';
import { SeriesStore, applySuppression } from '../../src/data/series.js';

// Fixture: two small gemeenten with made-up counts (test data, not a report figure).
function fixtureStore(): SeriesStore {
  const s = new SeriesStore();
  s.set('inwoners', 2022, 'GMA', { value: 1000 });
  s.set('inwoners', 2022, 'GMB', { value: 9000 });
  s.set('huishoudens', 2022, 'GMA', { value: 400 });
  s.set('huishoudens', 2022, 'GMB', { value: 3600 });
  s.set('pct_hh_laag_inkomen', 2022, 'GMA', { value: 50 });
  s.set('pct_hh_laag_inkomen', 2022, 'GMB', { value: 30 });
  s.set('slaagpct_vo', 2022, 'GMA', { value: 50, numerator: 10, denominator: 20 });
  s.set('slaagpct_vo', 2022, 'GMB', { value: 90, numerator: 180, denominator: 200 });
  s.set('omgevingsadressendichtheid', 2023, 'GMA', { value: 3000 });
  s.set('omgevingsadressendichtheid', 2023, 'GMB', { value: 1200 });
  s.set('inwoners', 2023, 'GMA', { value: 1000 });
  s.set('inwoners', 2023, 'GMB', { value: 9000 });
  return s;
}
const def = (id: string) => catalogue.get(id)!;

describe('aggregating several gemeenten', () => {
  it('sums counts', () => {
    expect(aggregateObservation(fixtureStore(), def('inwoners'), 2022, ['GMA', 'GMB']).value).toBe(10_000);
  });
  it('recomputes a percentage from numerators and denominators, not the mean of percentages', () => {
    const obs = aggregateObservation(fixtureStore(), def('slaagpct_vo'), 2022, ['GMA', 'GMB']);
    expect(obs.value).toBeCloseTo((190 / 220) * 100, 10);
    expect(obs.value).not.toBeCloseTo(70, 1);
    expect(obs.numerator).toBe(190);
    expect(obs.denominator).toBe(220);
  });
  it('weights a percentage by its base (households)', () => {
    const obs = aggregateObservation(fixtureStore(), def('pct_hh_laag_inkomen'), 2022, ['GMA', 'GMB']);
    expect(obs.value).toBeCloseTo((50 * 400 + 30 * 3600) / 4000, 10);
  });
  it('recomputes the stedelijkheid class from the weighted address density', () => {
    const obs = aggregateObservation(fixtureStore(), def('stedelijkheid'), 2023, ['GMA', 'GMB']);
    // (3000*1000 + 1200*9000) / 10000 = 1380 → class 3
    expect(obs.value).toBe(3);
    expect(stedelijkheidClass(2500)).toBe(1);
    expect(stedelijkheidClass(499)).toBe(5);
  });
  it('keeps a value missing for the region when one member lacks it', () => {
    const s = fixtureStore();
    s.set('pct_hh_laag_inkomen', 2022, 'GMC', { value: null });
    s.set('huishoudens', 2022, 'GMC', { value: 10 });
    const obs = aggregateObservation(s, def('pct_hh_laag_inkomen'), 2022, ['GMA', 'GMB', 'GMC']);
    expect(obs.value).toBeNull();
    expect(obs.note).toBe('geen gegevens voor 1 van de 3 gebieden');
  });
  it('uses the members with data for a comparison group, and says so', () => {
    const s = fixtureStore();
    s.set('inwoners', 2022, 'GMC', { value: null });
    const obs = aggregateObservation(s, def('inwoners'), 2022, ['GMA', 'GMB', 'GMC'], { allowPartial: true });
    expect(obs.value).toBe(10_000);
    expect(obs.note).toBe('berekend over 2 van de 3 gemeenten');
  });
  it('does not add up a median', () => {
    const s = fixtureStore();
    s.set('mediaan_vermogen', 2022, 'GMA', { value: 100 });
    s.set('mediaan_vermogen', 2022, 'GMB', { value: 200 });
    expect(aggregateObservation(s, def('mediaan_vermogen'), 2022, ['GMA', 'GMB']).value).toBeNull();
  });
  it('suppresses percentages on fewer than 5 persons or a base below 10', () => {
    expect(applySuppression({ value: 50, numerator: 3, denominator: 6 })).toMatchObject({ value: null, suppressed: true });
    expect(applySuppression({ value: 80, numerator: 8, denominator: 10 }).value).toBe(80);
    const s = new SeriesStore();
    s.set('slaagpct_vo', 2022, 'GMA', { value: 100, numerator: 2, denominator: 2 });
    s.set('slaagpct_vo', 2022, 'GMB', { value: 50, numerator: 2, denominator: 4 });
    expect(aggregateObservation(s, def('slaagpct_vo'), 2022, ['GMA', 'GMB'])).toMatchObject({ value: null, suppressed: true });
  });
});

describe('sparse indicators and coverage', () => {
  it('adds exam results over the gemeenten that have schools', () => {
    const s = fixtureStore();
    // GMC has no secondary school, so no exam figures at all.
    const obs = aggregateObservation(s, def('slaagpct_vo'), 2022, ['GMA', 'GMB', 'GMC']);
    expect(obs.value).toBeCloseTo((190 / 220) * 100, 10);
    expect(obs.note).toBeUndefined();
  });
  it('gives no value for a comparison group when fewer than 2/3 of its gemeenten have data', () => {
    const s = fixtureStore();
    for (const c of ['GMC', 'GMD']) s.set('inwoners', 2022, c, { value: null });
    const obs = aggregateObservation(s, def('inwoners'), 2022, ['GMA', 'GMB', 'GMC', 'GMD'], { allowPartial: true });
    expect(obs).toMatchObject({ value: null, note: 'te weinig gemeenten met gegevens (2 van de 4)' });
  });
});
