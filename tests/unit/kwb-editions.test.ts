/**
 * The KWB edition model (src/data/sources/kwb-editions.ts): which edition publishes which field,
 * on which wijkindeling, the newest with values, and the catalogue fields it gives.
 */
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../src/data/catalogue.js';
import { sources } from '../../src/data/sources.js';
import { BIJSTAND_NATIONAL_FROM, editionColumns, editionsOf, kwbEdition, kwbEditions, kwbFields, newestEdition, shortName } from '../../src/data/sources/kwb-editions.js';
import { kwbTableIds } from '../../src/fetch/cbs-tables.js';

describe('the KWB edition model', () => {
  it('knows each edition\'s table, wijkindeling and source', () => {
    for (const e of kwbEditions) {
      expect(e.tableId, String(e.year)).toBe(kwbTableIds[e.year]);
      expect(e.wijkindeling).toBe(e.year);
      expect(sources[e.sourceId]?.file, e.sourceId).toBe(e.file);
    }
    expect(kwbEdition(2021).optional).toBe(false);
    expect(kwbEditions.filter((e) => e.optional).map((e) => e.year)).toEqual([2023, 2024]);
  });

  it('p_hh_lkk and p_hh_osm stop after KWB 2023; p_ink_ar and p_ink_ba start in KWB 2024', () => {
    expect(editionsOf('p_hh_lkk', 'wijk').map((e) => e.year)).toEqual([2021, 2023]);
    expect(editionsOf('p_hh_osm', 'gemeente').map((e) => e.year)).toEqual([2021, 2023]);
    expect(editionsOf('p_ink_ar', 'wijk').map((e) => e.year)).toEqual([2024]);
    expect(editionsOf('p_ink_ba').map((e) => e.year)).toEqual([2024]);
    expect(shortName('p_hh_lkk', 2024)).toBeUndefined();
    expect(editionColumns(2024).map((c) => c.short)).not.toContain('p_hh_lkk');
    expect(editionColumns(2023).map((c) => c.short)).not.toContain('p_ink_ar');
  });

  it('names education by the edition: a_opl_lg/md/hg in 2021, a_opl_bvm/hvm/hw from 2023, each from its stem', () => {
    expect(['a_opl_lg', 'a_opl_md', 'a_opl_hg'].map((k) => shortName(k, 2021))).toEqual(['a_opl_lg', 'a_opl_md', 'a_opl_hg']);
    expect(['a_opl_lg', 'a_opl_md', 'a_opl_hg'].map((k) => shortName(k, 2023))).toEqual(['a_opl_bvm', 'a_opl_hvm', 'a_opl_hw']);
    expect(editionColumns(2024).find((c) => c.short === 'a_opl_bvm')?.stem).toBe('OpleidingsniveauLaag|BasisonderwijsVmboMbo1');
  });

  it('takes the newest edition that has values, and an older one where the newer has none', () => {
    expect(newestEdition('p_hh_lkk', 'wijk')?.year).toBe(2023);
    expect(newestEdition('p_hh_lkk', 'wijk', (e) => e.year !== 2023)?.year).toBe(2021);
    expect(newestEdition('g_ink_pi', 'gemeente')?.year).toBe(2024);
    expect(newestEdition('g_ink_pi', 'wijk', (e) => !e.optional)?.wijkindeling).toBe(2021);
    expect(newestEdition('p_ink_ar', 'wijk', () => false)).toBeUndefined();
    expect(newestEdition('unknown', 'wijk')).toBeUndefined();
  });

  it('gives the catalogue its fields per edition, each under the edition\'s source', () => {
    expect(kwbFields('p_hh_lkk')).toEqual({ 2021: 'kwb-2021:p_hh_lkk', 2023: 'kwb-2023-sociaal:p_hh_lkk' });
    expect(catalogue.get('pct_hh_laag_inkomen')!.fields.wijk).toEqual({ 2021: 'kwb-2021:p_hh_lkk', 2023: 'kwb-2023-sociaal:p_hh_lkk' });
    expect(catalogue.get('pct_personen_armoede')!.fields).toEqual({ gemeente: { 2024: 'kwb-2024-sociaal:p_ink_ar' }, wijk: { 2024: 'kwb-2024-sociaal:p_ink_ar' } });
    expect(catalogue.get('pct_opl_laag')!.fields.wijk).toEqual({ 2021: 'kwb-2021:derived', 2023: 'kwb-2023-sociaal:derived', 2024: 'kwb-2024-sociaal:derived' });
    // Bijstand of 2023 stays Utrecht's own file; the nationwide editions from 2024.
    expect(catalogue.get('bijstand_per_1000')!.fields.gemeente).toEqual({ 2021: 'kwb-2021:derived', 2023: 'kwb-2023-utrecht:derived', [BIJSTAND_NATIONAL_FROM]: 'kwb-2024-sociaal:derived' });
    // The years of other sources are kept (KWB 2022 gemeenten, income 2020).
    expect(catalogue.get('pct_hh_laagste_40')!.fields.gemeente).toMatchObject({ 2020: 'cbs-inkomen-2020:p_hh_li', 2022: 'kwb-2022:pct_hh_laag_inkomen', 2024: 'kwb-2024-sociaal:p_hh_li' });
  });

  it('the poverty measure is its own indicator with the CBS-Nibud-SCP definition, not a continuation of the low-income share', () => {
    const def = catalogue.get('pct_personen_armoede')!;
    expect(def.definition).toContain('armoedegrens van CBS, Nibud en SCP');
    expect(def.definition).toContain('p_ink_ar');
    expect(def.domain).toBe('armoede');
    expect(def.unit).toBe('percent');
    expect(catalogue.get('pct_hh_laag_inkomen')!.fields.gemeente).not.toHaveProperty('2024');
  });
});
