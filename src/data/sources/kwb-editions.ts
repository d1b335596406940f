/**
 * Which KWB edition publishes which social field, at which level and on which wijkindeling: the
 * one model the catalogue's fields, the fetch (src/fetch/cbs-tables.ts fetchKwbEdition), the
 * readers (kwb-2021.ts, kwb-sociaal.ts) and the README's table follow.
 *
 * Every edition publishes its fields for Nederland, the gemeenten and the wijken of its own year
 * (wijkindeling = edition year; gemeentelijke indeling 2021 for KWB 2021, that of 2023 = 2024 for
 * the later ones). The catalogue files a figure under the edition year. Per area the report shows
 * the newest edition that has a value (select.ts `value`, `wijkMapYear`: the latest year with a
 * value, never silently an older one): a field an edition does not publish (yet) has no year there.
 *
 * Evidence for the stems (public code querying the tables, not the live API; issue 22):
 * - 85618NED (2023): HuishoudensMetEenLaagInkomen_87, HuishOnderOfRondSociaalMinimum_88,
 *   PersonenPerSoortUitkeringBijstand_92, education BasisonderwijsVmboMbo1_70 / HavoVwoMbo24_71 /
 *   HboWo_72 (see cbs-tables.ts).
 * - 85984NED (2024): PersonenInArmoede_81 ("personen in armoede", KWB short name p_ink_ar) and
 *   PersonenTot25BovenArmoedegrens_82 (p_ink_ba) beside GemiddeldInkomenPerInwoner_78,
 *   k_40HuishoudensMetLaagsteInkomen_84, k_20HuishoudensMetHoogsteInkomen_85,
 *   GemGestandaardiseerdInkomen_83 (renamed from GemGestandaardiseerdInkomenVanHuish),
 *   MediaanVermogenVanParticuliereHuish_86, PersonenPerSoortUitkeringBijstand_87, education _67-_69;
 *   no HuishoudensMetEenLaagInkomen / HuishOnderOfRondSociaalMinimum (several clients list the
 *   table's keys: an LLM map planner's cheat sheet, a StatLine-to-CSV mapping, a KWB row mapper).
 * - The KWB short names of 2023/2024 (a_opl_bvm/hvm/hw; p_ink_ar, p_ink_ba) are those of notes in
 *   other repositories (SOURCES.md, turn 3), not of a CBS text seen here.
 * A stem a table lacks is left empty in the fetched file, not an error (the reader skips it).
 */
import type { Level } from '../indicator-def.js';

export interface KwbEdition {
  year: number;
  /** The SourceDef id whose citation a figure of this edition carries. */
  sourceId: string;
  /** CBS table id. */
  tableId: string;
  /** The wijkindeling of its wijk codes (matched to the 2024 wijken by wijk-matching.ts). */
  wijkindeling: number;
  /** Gemeentelijke indeling of its gemeente codes. */
  indeling: number;
  /** The file in the data directory (kwb short names, one row per region). */
  file: string;
  /** Optional: a data directory without it lacks this edition's figures, silently (staged data has none). */
  optional: boolean;
}

export const kwbEditions: readonly KwbEdition[] = [
  { year: 2021, sourceId: 'kwb-2021', tableId: '85039NED', wijkindeling: 2021, indeling: 2021, file: 'cbs/kwb_2021_gm_wk_sociaal.csv', optional: false },
  { year: 2023, sourceId: 'kwb-2023-sociaal', tableId: '85618NED', wijkindeling: 2023, indeling: 2023, file: 'cbs/kwb_2023_gm_wk_sociaal.csv', optional: true },
  { year: 2024, sourceId: 'kwb-2024-sociaal', tableId: '85984NED', wijkindeling: 2024, indeling: 2023, file: 'cbs/kwb_2024_gm_wk_sociaal.csv', optional: true },
];

/** A newer edition's file, which a data directory may lack (`data check` lists it as not present, not as a problem). */
export const isNewerKwbEditionFile = (file: string) => kwbEditions.some((e) => e.optional && e.file === file);

export const kwbEdition = (year: number): KwbEdition => {
  const e = kwbEditions.find((x) => x.year === year);
  if (!e) throw new Error(`no KWB edition ${year} in the model`);
  return e;
};

/** One social field: its KWB short name in each edition that publishes it, and its OData stem ("A|B": renamed). */
export interface KwbSocialField {
  /** The field's name in the model (KWB 2021's short name, or the edition's own for a new field). */
  key: string;
  stem: string;
  /** Edition year → the short name the edition uses; an edition not listed does not publish the field. */
  names: Readonly<Record<number, string>>;
}

const all = (name: string) => ({ 2021: name, 2023: name, 2024: name });

export const kwbSocialFields: readonly KwbSocialField[] = [
  { key: 'a_inw', stem: 'AantalInwoners', names: all('a_inw') },
  { key: 'a_hh', stem: 'HuishoudensTotaal', names: all('a_hh') },
  { key: 'g_wozbag', stem: 'GemiddeldeWOZWaardeVanWoningen', names: all('g_wozbag') },
  { key: 'p_wcorpw', stem: 'InBezitWoningcorporatie', names: all('p_wcorpw') },
  { key: 'a_opl_lg', stem: 'OpleidingsniveauLaag|BasisonderwijsVmboMbo1', names: { 2021: 'a_opl_lg', 2023: 'a_opl_bvm', 2024: 'a_opl_bvm' } },
  { key: 'a_opl_md', stem: 'OpleidingsniveauMiddelbaar|HavoVwoMbo24', names: { 2021: 'a_opl_md', 2023: 'a_opl_hvm', 2024: 'a_opl_hvm' } },
  { key: 'a_opl_hg', stem: 'OpleidingsniveauHoog|HboWo', names: { 2021: 'a_opl_hg', 2023: 'a_opl_hw', 2024: 'a_opl_hw' } },
  { key: 'p_arb_pp', stem: 'Nettoarbeidsparticipatie', names: all('p_arb_pp') },
  { key: 'g_ink_pi', stem: 'GemiddeldInkomenPerInwoner', names: all('g_ink_pi') },
  { key: 'g_hh_sti', stem: 'GemGestandaardiseerdInkomenVanHuish|GemGestandaardiseerdInkomen', names: all('g_hh_sti') },
  { key: 'p_hh_li', stem: 'k_40HuishoudensMetLaagsteInkomen', names: all('p_hh_li') },
  { key: 'p_hh_hi', stem: 'k_20HuishoudensMetHoogsteInkomen', names: all('p_hh_hi') },
  // The lage-inkomensgrens and the social minimum stop after KWB 2023 ...
  { key: 'p_hh_lkk', stem: 'HuishoudensMetEenLaagInkomen', names: { 2021: 'p_hh_lkk', 2023: 'p_hh_lkk' } },
  { key: 'p_hh_osm', stem: 'HuishOnderOfRondSociaalMinimum', names: { 2021: 'p_hh_osm', 2023: 'p_hh_osm' } },
  // ... KWB 2024 measures poverty by the CBS-Nibud-SCP armoedegrens instead: a new indicator, not a continuation.
  { key: 'p_ink_ar', stem: 'PersonenInArmoede', names: { 2024: 'p_ink_ar' } },
  { key: 'p_ink_ba', stem: 'PersonenTot25BovenArmoedegrens', names: { 2024: 'p_ink_ba' } },
  { key: 'm_hh_ver', stem: 'MediaanVermogenVanParticuliereHuish', names: all('m_hh_ver') },
  { key: 'a_soz_wb', stem: 'PersonenPerSoortUitkeringBijstand', names: all('a_soz_wb') },
  { key: 'p_wmo_t', stem: 'WmoClientenRelatief', names: all('p_wmo_t') },
  { key: 'g_afs_kv', stem: 'AfstandTotKinderdagverblijf', names: all('g_afs_kv') },
  { key: 'g_afs_sc', stem: 'AfstandTotSchool', names: all('g_afs_sc') },
];

const fieldByKey = new Map(kwbSocialFields.map((f) => [f.key, f]));

/**
 * Bijstand per 1,000 inhabitants from the nationwide editions from 2024 on: the figure of 2023 is
 * the gemeente Utrecht's own KWB 2023 file (kwb-2023-utrecht.ts), which one year of the catalogue
 * cites; the nationwide 2023 file's a_soz_wb is written by the fetch but not read for it.
 */
export const BIJSTAND_NATIONAL_FROM = 2024;

/** The short name of a field in an edition, or undefined when the edition does not publish it. */
export function shortName(key: string, edition: number): string | undefined {
  return fieldByKey.get(key)?.names[edition];
}

/** The editions publishing a field at a level, oldest first (every edition publishes gemeenten and wijken alike). */
export function editionsOf(key: string, _level: Level = 'wijk'): KwbEdition[] {
  const f = fieldByKey.get(key);
  return f ? kwbEditions.filter((e) => f.names[e.year] !== undefined) : [];
}

/**
 * The newest edition publishing a field at a level for which `hasValues` holds (the loader's
 * reading of the data directory): the edition a wijk map and a figure show, with its wijkindeling.
 */
export function newestEdition(key: string, level: Level, hasValues: (edition: KwbEdition) => boolean = () => true): KwbEdition | undefined {
  return [...editionsOf(key, level)].reverse().find(hasValues);
}

/**
 * The catalogue fields of a KWB field over the editions: { 2021: 'kwb-2021:p_hh_lkk', 2023:
 * 'kwb-2023-sociaal:p_hh_lkk' }. `derived` names a figure computed from the field by the readers
 * (education shares, bijstand per 1,000): "<source>:derived". `from` leaves older editions out.
 */
export function kwbFields(key: string, options: { derived?: boolean; from?: number } = {}): Record<number, string> {
  return Object.fromEntries(
    editionsOf(key)
      .filter((e) => e.year >= (options.from ?? 0))
      .map((e) => [e.year, `${e.sourceId}:${options.derived ? 'derived' : shortName(key, e.year)}`]),
  );
}

/** The same fields at both levels, for an indicator's `fields`, with the other years given per level kept. */
export function withKwbEditions(fields: Partial<Record<Level, Record<number, string>>>, key: string, options: { derived?: boolean; from?: number } = {}): Partial<Record<Level, Record<number, string>>> {
  const more = kwbFields(key, options);
  return { gemeente: { ...fields.gemeente, ...more }, wijk: { ...fields.wijk, ...more } };
}

/** The columns an edition's file has, in the model's order, with the stem each is read from. */
export function editionColumns(edition: number): { short: string; stem: string }[] {
  return kwbSocialFields.filter((f) => f.names[edition] !== undefined).map((f) => ({ short: f.names[edition], stem: f.stem }));
}

export const KWB_EDITION_HEADER = ['gwb_code', 'regio', 'gm_naam', 'recs', 'kwb_jaar'] as const;
