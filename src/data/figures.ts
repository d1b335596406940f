/**
 * The figures a section can show: which indicators, and as what kind of chart.
 * Region configs name them by id; charts/ turns each into a Vega-Lite spec.
 */
import type { Domain } from './catalogue.js';

export type FigureKind = 'comparison' | 'trend' | 'composition' | 'distribution' | 'wijk-map';

export interface FigureDef {
  id: string;
  kind: FigureKind;
  domain: Domain;
  title: string;
  indicators: string[];
  /** Legend labels for a composition's parts. */
  note?: string;
}

export const figureList: FigureDef[] = [
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
    title: 'Huishoudens met een laag inkomen en rond het sociaal minimum',
    indicators: ['pct_hh_laag_inkomen', 'pct_hh_sociaal_minimum'],
  },
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
  { id: 'slagen-trend', kind: 'trend', domain: 'onderwijs', title: 'Slagingspercentage eindexamen vo', indicators: ['slaagpct_vo'] },
  { id: 'slagen-per-type', kind: 'comparison', domain: 'onderwijs', title: 'Slagingspercentage naar schoolsoort', indicators: ['slaagpct_vmbo', 'slaagpct_havo', 'slaagpct_vwo'] },
  { id: 'vwo-advies', kind: 'comparison', domain: 'onderwijs', title: 'Leerlingen met een vwo-advies (indicatie)', indicators: ['pct_vwo_advies'] },
  {
    id: 'afstand-voorzieningen',
    kind: 'comparison',
    domain: 'signalering',
    title: 'Afstand tot kinderdagverblijf en basisschool',
    indicators: ['afstand_kdv', 'afstand_basisschool'],
  },
];

export const figures: ReadonlyMap<string, FigureDef> = new Map(figureList.map((f) => [f.id, f]));

/** The standard contextkaart: sections in order with their figures and table indicators. */
export const standardSections: { domain: Domain; figures: string[]; indicators: string[] }[] = [
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
    figures: ['inkomen', 'laag-inkomen-verdeling'],
    indicators: ['pct_hh_laag_inkomen', 'pct_hh_sociaal_minimum', 'pct_hh_hoog_inkomen', 'gem_inkomen_inwoner', 'gem_gestand_inkomen', 'mediaan_vermogen', 'arbeidsparticipatie'],
  },
  {
    domain: 'jeugdhulp',
    figures: ['jeugdzorg', 'jeugdzorg-verdeling'],
    indicators: ['pct_jeugdzorg', 'wmo_per_1000'],
  },
  {
    domain: 'onderwijs',
    figures: ['opleidingsniveau', 'slagen-trend', 'slagen-per-type', 'vwo-advies'],
    indicators: [
      'pct_opl_laag',
      'pct_opl_midden',
      'pct_opl_hoog',
      'basisscholen',
      'sbo_scholen',
      'vo_vestigingen',
      'slaagpct_vo',
      'slaagpct_vmbo',
      'slaagpct_havo',
      'slaagpct_vwo',
      'examenkandidaten',
      'pct_vwo_advies',
      'afstand_basisschool',
    ],
  },
  {
    domain: 'signalering',
    figures: ['afstand-voorzieningen'],
    indicators: ['afstand_kdv'],
  },
];
