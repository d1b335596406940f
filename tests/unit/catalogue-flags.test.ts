import { describe, expect, it } from 'vitest';
import type { SourceModule } from '../../src/data/sources/types.js';
import { catalogue, domainKeyIndicators, indicatorList, keyIndicatorOrder, opportunityIndicators, withKeyFigures, type IndicatorDef } from '../../src/data/catalogue.js';
import { figureList, figures, standardSectionOrder, standardSections, withStandardFlags } from '../../src/data/figures.js';

/** A new CBS table with two indicators, as a contributor would add it: one module, flags on its indicators. */
function indicator(id: string, flags: Partial<IndicatorDef>): IndicatorDef {
  return {
    id,
    label: id,
    title: id,
    definition: `${id}.`,
    domain: 'onderwijs',
    unit: 'percent',
    decimals: 0,
    higherIsBetter: null,
    source: 'cbs-fixture',
    fields: { gemeente: { 2023: 'cbs-fixture:derived' } },
    aggregate: { kind: 'ratio', scale: 100 },
    ...flags,
  };
}
const fixture: SourceModule = {
  id: 'cbs-fixture',
  sources: [{ id: 'cbs-fixture', publisher: 'CBS', citation: 'CBS, fixture', table: '00000NED', file: 'cbs/fixture.csv', license: 'CC BY 4.0' }],
  indicators: [
    indicator('pct_fixture_a', { opportunity: true, kernpuntGroup: 'fixture', keyFigure: true, standardTable: true }),
    indicator('pct_fixture_b', { domain: 'signalering', opportunity: true, kernpuntGroup: 'fixture', standardTable: true }),
  ],
  figures: [
    { id: 'fixture-a', kind: 'comparison', domain: 'onderwijs', title: 'Fixture A', indicators: ['pct_fixture_a'], standard: true },
    { id: 'fixture-b', kind: 'trend', domain: 'onderwijs', title: 'Fixture B', indicators: ['pct_fixture_a'] },
  ],
};
const withFixture = [...indicatorList, ...fixture.indicators!];
const figuresWithFixture = [...figureList, ...fixture.figures!];

describe('flags an indicator or figure carries where it is defined', () => {
  it('leave the standard report as designed while nothing sets keyFigure, standard or standardTable', () => {
    expect(indicatorList.some((d) => d.keyFigure || d.standardTable)).toBe(false);
    expect(figureList.some((f) => f.standard)).toBe(false);
    expect(domainKeyIndicators).toEqual(keyIndicatorOrder);
    expect(standardSections).toEqual(standardSectionOrder);
  });

  it("append a module's keyFigure indicator after its domain's listed key indicators", () => {
    const keys = withKeyFigures(keyIndicatorOrder, withFixture);
    expect(keys.onderwijs).toEqual([...keyIndicatorOrder.onderwijs, 'pct_fixture_a']);
    expect(keys.signalering).toEqual(keyIndicatorOrder.signalering);
    // A flag on an indicator the order lists already changes nothing.
    const listed = indicatorList.map((d) => (d.id === 'pct_0_15' ? { ...d, keyFigure: true as const } : d));
    expect(withKeyFigures(keyIndicatorOrder, listed)).toEqual(keyIndicatorOrder);
  });

  it("append a module's standard figure and standardTable indicators to their domain's section", () => {
    const sections = withStandardFlags(standardSectionOrder, figuresWithFixture, withFixture);
    expect(sections.map((s) => s.domain)).toEqual(standardSectionOrder.map((s) => s.domain));
    const section = (domain: string) => sections.find((s) => s.domain === domain)!;
    const designed = (domain: string) => standardSectionOrder.find((s) => s.domain === domain)!;
    expect(section('onderwijs').figures).toEqual([...designed('onderwijs').figures, 'fixture-a']);
    expect(section('onderwijs').indicators).toEqual([...designed('onderwijs').indicators, 'pct_fixture_a']);
    expect(section('signalering').figures).toEqual(designed('signalering').figures);
    expect(section('signalering').indicators).toEqual([...designed('signalering').indicators, 'pct_fixture_b']);
    for (const domain of ['demografie', 'wijk', 'armoede', 'jeugdhulp', 'verbanden']) expect(section(domain)).toEqual(designed(domain));
    // The designed order itself is not touched.
    expect(standardSectionOrder.find((s) => s.domain === 'onderwijs')!.figures).not.toContain('fixture-a');
  });

  it('give a flagged figure of a domain without a section a section of its own', () => {
    const order = standardSectionOrder.filter((s) => s.domain !== 'onderwijs');
    const sections = withStandardFlags(order, figuresWithFixture, withFixture);
    expect(sections.at(-1)).toEqual({ domain: 'onderwijs', figures: ['fixture-a'], indicators: ['pct_fixture_a'] });
  });

  it('name only indicators and figures that exist in the key indicators and the standard sections', () => {
    for (const ids of Object.values(domainKeyIndicators)) for (const id of ids) expect(catalogue.has(id), id).toBe(true);
    for (const s of standardSections) {
      for (const id of s.figures) expect(figures.get(id)?.domain, id).toBe(s.domain);
      // A table may show an indicator of another domain (the 0-4 year olds in youth care under signalering).
      for (const id of s.indicators) expect(catalogue.has(id), id).toBe(true);
    }
  });

  it('make the opportunity set of the flags', () => {
    expect([...opportunityIndicators].sort()).toEqual(indicatorList.filter((d) => d.opportunity).map((d) => d.id).sort());
    for (const id of ['pct_hh_laag_inkomen', 'pct_jeugdhulp', 'achterstandsscore', 'pct_opl_laag', 'pct_vso', 'pct_advies_vwo', 'slaagpct_havo']) expect(opportunityIndicators.has(id), id).toBe(true);
    for (const id of ['pct_opl_midden', 'pct_0_15', 'afstand_kdv', 'jeugdzorg_verwijzer_jeugdarts']) expect(opportunityIndicators.has(id), id).toBe(false);
  });

  it('group kernpunten as designed, every member an indicator of the catalogue', () => {
    const groups: Record<string, string[]> = {};
    for (const d of indicatorList) if (d.kernpuntGroup) (groups[d.kernpuntGroup] ??= []).push(d.id);
    const expected: Record<string, string[]> = {
      'laag-inkomen': ['pct_hh_laag_inkomen', 'pct_hh_sociaal_minimum', 'pct_hh_laagste_40', 'pct_personen_armoede'],
      'jeugdzorg-vormen': ['pct_jeugdhulp', 'pct_jeugdhulp_verblijf', 'pct_jeugdbescherming', 'pct_jeugdbescherming_verblijf', 'pct_jeugdreclassering'],
      'speciaal-onderwijs': ['pct_sbo', 'pct_so', 'pct_speciaal_po', 'pct_vso'],
      schooladvies: ['pct_advies_havo_vwo', 'pct_advies_vwo', 'pct_advies_vmbo_bk', 'pct_advies_pro_vso'],
      slagen: ['slaagpct_vo', 'slaagpct_vmbo', 'slaagpct_havo', 'slaagpct_vwo'],
    };
    for (const ids of Object.values(expected)) for (const id of ids) expect(catalogue.has(id), id).toBe(true);
    expect(Object.fromEntries(Object.entries(groups).map(([g, ids]) => [g, [...ids].sort()]))).toEqual(
      Object.fromEntries(Object.entries(expected).map(([g, ids]) => [g, [...ids].sort()])),
    );
    // A group of one is a misspelt group word.
    for (const [group, ids] of Object.entries(groups)) expect(ids.length, group).toBeGreaterThan(1);
  });

  it('count by school location where the reader yields figures per school', () => {
    const levels = Object.fromEntries(indicatorList.filter((d) => d.schoolLevel).map((d) => [d.id, d.schoolLevel]));
    expect(Object.keys(levels)).toHaveLength(19);
    for (const id of ['pct_advies_havo_vwo', 'pct_advies_vwo', 'pct_advies_vmbo_bk', 'pct_advies_pro_vso', 'leerlingen_advies']) expect(levels[id], id).toBe('instelling');
    for (const id of ['achterstandsscore', 'pct_sbo', 'pct_vso', 'basisscholen', 'leerlingen_vo']) expect(levels[id], id).toBe('vestiging');
  });
});
