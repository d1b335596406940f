/**
 * The figures a section can show: which indicators, and as what kind of chart.
 * Region configs name them by id; charts/ turns each into a Vega-Lite spec.
 */
import { domains, type Domain } from '../domains.js';
import { sourceModules } from './sources/index.js';
import type { FigureDef } from './figure-def.js';
import { indicatorList, type IndicatorDef } from './catalogue.js';

/** The fewest wijken for a scatter and a correlation worth a sentence. */
export const MIN_WIJKEN_FOR_CORRELATION = 8;

export type { FigureKind, FigureDef } from './figure-def.js';

/** Figures that combine sources; a figure of one source's indicators lives in its module. */
const sharedFigures: FigureDef[] = [
  { id: 'inwoners-trend', kind: 'trend', domain: 'demografie', title: 'Aantal inwoners', indicators: ['inwoners'] },
  {
    id: 'leeftijdsopbouw',
    kind: 'composition',
    domain: 'demografie',
    title: 'Leeftijdsopbouw van de bevolking',
    indicators: ['pct_0_15', 'pct_15_25', 'pct_25_45', 'pct_45_65', 'pct_65plus'],
  },
  {
    id: 'herkomst',
    kind: 'composition',
    domain: 'demografie',
    title: 'Inwoners naar herkomstland',
    indicators: ['pct_herkomst_nl', 'pct_herkomst_europa', 'pct_herkomst_buiten_europa'],
  },
  { id: 'huishoudens-met-kinderen', kind: 'comparison', domain: 'demografie', title: 'Aandeel huishoudens met kinderen', indicators: ['pct_hh_met_kinderen'] },
  { id: 'wijkkaart-jeugd', kind: 'wijk-map', domain: 'wijk', title: 'Aandeel inwoners van 0 tot 15 jaar per wijk', indicators: ['pct_0_15'] },
  { id: 'wijkkaart-dichtheid', kind: 'wijk-map', domain: 'wijk', title: 'Inwoners per km² per wijk', indicators: ['bevolkingsdichtheid'] },
  { id: 'corporatiewoningen', kind: 'comparison', domain: 'wijk', title: 'Aandeel corporatiewoningen', indicators: ['pct_corporatiewoningen'] },
  {
    id: 'inkomen',
    kind: 'comparison',
    domain: 'armoede',
    title: 'Huishoudens met een laag inkomen en onder of rond het sociaal minimum',
    indicators: ['pct_hh_laag_inkomen', 'pct_hh_sociaal_minimum'],
  },
  { id: 'laagste-40', kind: 'comparison', domain: 'armoede', title: 'Huishoudens in de laagste 40% inkomens van Nederland', indicators: ['pct_hh_laagste_40'] },
  { id: 'wijkkaart-laag-inkomen', kind: 'wijk-map', domain: 'armoede', title: 'Huishoudens met een laag inkomen per wijk', indicators: ['pct_hh_laag_inkomen'] },
  { id: 'wijkkaart-bijstand', kind: 'wijk-map', domain: 'armoede', title: 'Personen met bijstand per 1.000 inwoners per wijk', indicators: ['bijstand_per_1000'] },
  { id: 'bijstand', kind: 'comparison', domain: 'armoede', title: 'Personen met een bijstandsuitkering per 1.000 inwoners', indicators: ['bijstand_per_1000'] },
  { id: 'laag-inkomen-verdeling', kind: 'distribution', domain: 'armoede', title: 'Huishoudens met een laag inkomen: plaats tussen alle gemeenten', indicators: ['pct_hh_laag_inkomen'] },
  { id: 'jeugdzorg', kind: 'comparison', domain: 'jeugdhulp', title: 'Jongeren met jeugdzorg in natura', indicators: ['pct_jeugdzorg'] },
  { id: 'jeugdzorg-verdeling', kind: 'distribution', domain: 'jeugdhulp', title: 'Jongeren met jeugdzorg: plaats tussen alle gemeenten', indicators: ['pct_jeugdzorg'] },
  {
    id: 'opleidingsniveau',
    kind: 'composition',
    domain: 'onderwijs',
    title: 'Hoogst behaald onderwijsniveau (15 tot 75 jaar)',
    indicators: ['pct_opl_laag', 'pct_opl_midden', 'pct_opl_hoog'],
  },
  { id: 'wijkkaart-laag-opgeleid', kind: 'wijk-map', domain: 'onderwijs', title: 'Aandeel laag opgeleiden (15 tot 75 jaar) per wijk', indicators: ['pct_opl_laag'] },
  { id: 'speciaal-onderwijs', kind: 'comparison', domain: 'onderwijs', title: 'Leerlingen in het speciaal (basis)onderwijs', indicators: ['pct_sbo', 'pct_so', 'pct_vso'] },
  {
    id: 'afstand-voorzieningen',
    kind: 'comparison',
    domain: 'signalering',
    title: 'Afstand tot kinderdagverblijf en basisschool',
    indicators: ['afstand_kdv', 'afstand_basisschool'],
  },
  {
    id: 'profiel',
    kind: 'profile',
    domain: 'verbanden',
    title: 'Profiel: de kerncijfers naast elkaar',
    indicators: [
      'pct_hh_laag_inkomen',
      'pct_hh_sociaal_minimum',
      'bijstand_per_1000',
      'pct_opl_laag',
      'achterstandsscore',
      'pct_jeugdzorg',
      'pct_jeugdbescherming',
      'pct_speciaal_po',
      'pct_advies_havo_vwo',
      'slaagpct_vo',
    ],
  },
  { id: 'verband-inkomen-jeugdzorg', kind: 'scatter', domain: 'verbanden', title: 'Wijken: laag inkomen en jeugdzorg', indicators: ['pct_hh_laag_inkomen', 'jeugdzorg_per_100_jongeren'] },
  { id: 'verband-inkomen-opleiding', kind: 'scatter', domain: 'verbanden', title: 'Wijken: laag inkomen en laag opgeleiden', indicators: ['pct_hh_laag_inkomen', 'pct_opl_laag'] },
  {
    // Drawn from the same classes as the wijk profile (interpret/wijk-stacking.ts).
    id: 'stapeling',
    kind: 'wijk-stacking',
    domain: 'wijk',
    title: 'Waar stapelen de achterstanden zich op?',
    indicators: ['pct_hh_laag_inkomen', 'bijstand_per_1000', 'pct_opl_laag', 'jeugdzorg_per_100_jongeren'],
  },
  {
    id: 'wijkprofiel',
    kind: 'wijk-profile',
    domain: 'verbanden',
    title: 'Wijkprofiel: de cijfers over kansen per wijk',
    indicators: ['pct_hh_laag_inkomen', 'bijstand_per_1000', 'pct_opl_laag', 'jeugdzorg_per_100_jongeren', 'pct_0_15'],
  },
];

/** Every figure: the shared ones and those of the source modules, grouped by domain in report order. */
export const figureList: FigureDef[] = [...sharedFigures, ...sourceModules.flatMap((m) => m.figures ?? [])]
  .map((f, i) => ({ f, i }))
  .sort((a, b) => domains.indexOf(a.f.domain) - domains.indexOf(b.f.domain) || a.i - b.i)
  .map(({ f }) => f);

export const figures: ReadonlyMap<string, FigureDef> = new Map(figureList.map((f) => [f.id, f]));

/** A section of the standard report: its figures and the indicators of its table, in order. */
export interface StandardSection {
  domain: Domain;
  figures: string[];
  indicators: string[];
}

/**
 * The standard contextkaart as designed: sections in order with their figures and table
 * indicators. A module adds to it with `standard` on a figure and `standardTable` on an indicator.
 */
export const standardSectionOrder: readonly Readonly<StandardSection>[] = [
  {
    domain: 'demografie',
    figures: ['inwoners-trend', 'leeftijdsopbouw', 'herkomst', 'huishoudens-met-kinderen'],
    indicators: ['inwoners', 'pct_0_15', 'pct_15_25', 'huishoudens', 'pct_hh_met_kinderen', 'gem_huishoudgrootte', 'pct_herkomst_buiten_europa', 'geboorte_per_1000'],
  },
  {
    domain: 'wijk',
    figures: ['wijkkaart-jeugd', 'wijkkaart-dichtheid', 'corporatiewoningen'],
    indicators: ['stedelijkheid', 'omgevingsadressendichtheid', 'bevolkingsdichtheid', 'pct_corporatiewoningen', 'gem_woz'],
  },
  {
    domain: 'armoede',
    figures: ['inkomen', 'laagste-40', 'wijkkaart-laag-inkomen', 'wijkkaart-bijstand', 'bijstand', 'laag-inkomen-verdeling'],
    indicators: [
      'pct_hh_laag_inkomen',
      'pct_hh_sociaal_minimum',
      'pct_hh_laagste_40',
      'pct_hh_hoog_inkomen',
      'bijstand_per_1000',
      'gem_inkomen_inwoner',
      'gem_gestand_inkomen',
      'mediaan_vermogen',
      'arbeidsparticipatie',
    ],
  },
  {
    domain: 'jeugdhulp',
    figures: ['jeugdzorg', 'jeugdzorg-vormen', 'jeugdzorg-verblijf', 'jeugdzorg-leeftijd', 'jeugdzorg-trend', 'wijkkaart-jeugdzorg', 'jeugdzorg-verdeling'],
    indicators: [
      'pct_jeugdzorg',
      'jongeren_jeugdzorg',
      'jeugdzorg_per_100_jongeren',
      'pct_jeugdhulp',
      'pct_jeugdhulp_verblijf',
      'pct_jeugdbescherming',
      'pct_jeugdbescherming_verblijf',
      'pct_jeugdreclassering',
      'wmo_per_1000',
    ],
  },
  {
    domain: 'onderwijs',
    figures: [
      'achterstandsscore',
      'achterstandsscore-verdeling',
      'opleidingsniveau',
      'wijkkaart-laag-opgeleid',
      'speciaal-onderwijs',
      'schooladvies',
      'advies-trend',
      'slagen-trend',
      'slagen-per-type',
    ],
    indicators: [
      'achterstandsscore',
      'pct_opl_laag',
      'pct_opl_midden',
      'pct_opl_hoog',
      'pct_sbo',
      'pct_so',
      'pct_vso',
      'pct_advies_havo_vwo',
      'pct_advies_vwo',
      'pct_advies_vmbo_bk',
      'pct_advies_pro_vso',
      'basisscholen',
      'sbo_scholen',
      'so_scholen',
      'vo_vestigingen',
      'slaagpct_vo',
      'slaagpct_vmbo',
      'slaagpct_havo',
      'slaagpct_vwo',
      'examenkandidaten',
      'afstand_basisschool',
    ],
  },
  {
    domain: 'signalering',
    figures: ['jeugdzorg-verwijzers', 'afstand-voorzieningen'],
    indicators: ['jeugdzorg_verwijzer_jeugdarts', 'jeugdzorg_verwijzer_huisarts', 'jeugdzorg_verwijzer_gemeente', 'jeugdzorg_leeftijd_0_4', 'afstand_kdv'],
  },
  {
    domain: 'verbanden',
    figures: ['profiel', 'verband-inkomen-jeugdzorg', 'verband-inkomen-opleiding', 'wijkprofiel'],
    indicators: [],
  },
];

/**
 * The sections of `order` with, per domain, the figures flagged `standard` and the indicators
 * flagged `standardTable` that it does not list appended in the order given; a domain `order`
 * lacks gets a section of its own after the others (in domain order).
 */
export function withStandardFlags(
  order: readonly Readonly<StandardSection>[],
  figureDefs: readonly FigureDef[],
  indicatorDefs: readonly Pick<IndicatorDef, 'id' | 'domain' | 'standardTable'>[],
): StandardSection[] {
  const sections = order.map((s) => ({ domain: s.domain, figures: [...s.figures], indicators: [...s.indicators] }));
  const sectionOf = (domain: Domain): StandardSection => {
    let section = sections.find((s) => s.domain === domain);
    if (!section) sections.push((section = { domain, figures: [], indicators: [] }));
    return section;
  };
  for (const domain of domains) {
    const figs = figureDefs.filter((f) => f.standard && f.domain === domain);
    const inds = indicatorDefs.filter((d) => d.standardTable && d.domain === domain);
    if (!figs.length && !inds.length) continue;
    const section = sectionOf(domain);
    for (const f of figs) if (!section.figures.includes(f.id)) section.figures.push(f.id);
    for (const d of inds) if (!section.indicators.includes(d.id)) section.indicators.push(d.id);
  }
  return sections;
}

/** The standard contextkaart: sections in order with their figures and table indicators. */
export const standardSections: StandardSection[] = withStandardFlags(standardSectionOrder, figureList, indicatorList);
