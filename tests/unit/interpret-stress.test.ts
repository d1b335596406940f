// The words of the stress rule: what a small count behind a figure is called, for any value.
import { describe, expect, it } from 'vitest';
import { catalogue, type IndicatorDef } from '../../src/data/catalogue.js';
import type { AreaRef, ReportData } from '../../src/data/select.js';
import { stressCheck } from '../../src/interpret/stress.js';

// A share with its own counts (numerator and denominator), so no report is needed for the base.
const share: IndicatorDef = { ...catalogue.get('pct_hh_laagste_40')!, decimals: 0 };
const noReport = {} as ReportData;
const check = (numerator: number, denominator: number, def = share) =>
  stressCheck(noReport, def, { value: (100 * numerator) / denominator, year: 2024, numerator, denominator });

describe('why a figure is not stressed', () => {
  it('names the few cases on the small side of a share above one half, without calling 78% close to 100%', () => {
    const r = check(156, 200);
    expect(r.ok).toBe(false);
    expect(r.fewCases).toBe(true);
    expect(r.reason).toBe('rust op weinig gevallen: maar 44 van de 200 hebben het kenmerk niet');
  });
  it('says "dicht bij 100%" only from a printed 95%, and "dicht bij 0%" only up to 5%', () => {
    expect(check(970, 1000).reason).toBe('ligt dicht bij 100% en rust op weinig gevallen: maar 30 van de 1.000 hebben het kenmerk niet');
    expect(check(30, 1000).reason).toBe('ligt dicht bij 0% en rust op weinig gevallen: maar 30 van de 1.000 hebben het kenmerk');
    expect(check(40, 200).reason).toBe('rust op weinig gevallen: maar 40 van de 200 hebben het kenmerk');
    for (const [n, d] of [[156, 200], [51, 100], [60, 100], [90, 96]]) expect(check(n, d).reason).not.toMatch(/dicht bij/);
  });
  it('calls 0% and 100% by their value, and a rounded one "afgerond"', () => {
    expect(check(0, 80).reason).toBe('is 0%: geen van de 80 heeft het kenmerk');
    expect(check(80, 80).reason).toBe('is 100%: alle 80 hebben het kenmerk');
    expect(check(1, 400).reason).toBe('is afgerond 0%: 1 van de 400 heeft het kenmerk');
    // An extreme on a large count is not a small count: not stressed, but no "toeval".
    const large = check(400, 100000);
    expect(large).toEqual({ ok: false, reason: 'is afgerond 0%, een uiterste' });
  });
  it('stresses a share with enough cases on both sides', () => {
    expect(check(160, 200).ok).toBe(false);
    expect(check(120, 200).ok).toBe(true);
  });

  it('names what an estimated count counts, and treats land area as no count (a density is not "on 25 personen")', () => {
    // A small gemeente: 1.500 inhabitants on 25 km² land (made-up numbers).
    const base: Record<string, number> = { inwoners: 1500, opp_land: 25 };
    const report = { catalogue, region: { id: 'r' } as AreaRef, years: () => [2022], value: (id: string) => ({ value: base[id] ?? null, year: 2022 }) } as unknown as ReportData;
    const per1000 = stressCheck(report, catalogue.get('bijstand_per_1000')!, { value: 20, year: 2022 });
    expect(per1000).toEqual({ ok: false, reason: 'rust op weinig gevallen: ongeveer 30 op 1.500 inwoners', fewCases: true });
    expect(stressCheck(report, catalogue.get('bevolkingsdichtheid')!, { value: 60, year: 2022 })).toEqual({ ok: true });
  });
});
