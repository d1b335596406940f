/**
 * The indicator catalogue: every figure the report can show, with its Dutch
 * label, definition, unit, source, years, direction and how it aggregates over
 * several areas. Values are filled by load-dataset.ts from the `fields` named here.
 */
import type { Unit } from '../format.js';
import type { SourceId } from './sources.js';

export const domains = ['demografie', 'wijk', 'armoede', 'jeugdhulp', 'onderwijs', 'signalering'] as const;
export type Domain = (typeof domains)[number];

export const domainTitles: Record<Domain, string> = {
  demografie: 'Demografie',
  wijk: 'Wijk en stedelijkheid',
  armoede: 'Inkomen en armoede',
  jeugdhulp: 'Jeugdhulp',
  onderwijs: 'Onderwijs',
  signalering: '(Vroeg)signalering',
};

export type Level = 'gemeente' | 'wijk';

/**
 * How values of several areas combine into one (a set of gemeenten, a province, Nederland).
 * - sum: counts are added;
 * - ratio: numerators and denominators are added, then divided (exact);
 * - weighted: mean weighted by another indicator of the same year (e.g. % households, by households);
 * - class-from: a CBS class recomputed from an aggregated indicator (stedelijkheid from address density);
 * - none: cannot be combined (a median), shown only for single areas.
 */
export type Aggregation =
  | { kind: 'sum' }
  | { kind: 'ratio'; scale: number }
  | { kind: 'weighted'; weight: string; weightNote: string }
  | { kind: 'class-from'; indicator: string }
  | { kind: 'none' };

/** How years are shown: KWB "2022", school years "2019-2020", or a multi-year composite. */
export type Period = 'year' | 'schooljaar' | 'composite';

export interface IndicatorDef {
  id: string;
  /** Short label for tables and axes. */
  label: string;
  /**
   * The measure as the subject of a Dutch sentence, with its article:
   * "het aandeel huishoudens met een laag inkomen". Used by the computed interpretation.
   */
  subject?: string;
  /** Figure title; the year is appended. */
  title: string;
  definition: string;
  domain: Domain;
  unit: Unit;
  decimals: number;
  /** true: higher is better; false: lower is better; null: neutral (no judgement in wording). */
  higherIsBetter: boolean | null;
  source: SourceId;
  /** Per level, per year: "sourceId:field" the value is read from, or "derived". */
  fields: Partial<Record<Level, Record<number, string>>>;
  aggregate: Aggregation;
  period?: Period;
  caveat?: string;
  /**
   * Values exist only where there is something to count (exam results where there are
   * schools): a gemeente without a value adds nothing to a sum, rather than being missing.
   */
  sparse?: boolean;
  /** Why an area can lack a value, in Dutch, e.g. "geen vo-school met examenkandidaten in het gebied". */
  missingReason?: string;
  /** Not shown in reports; used as a weight for other indicators. */
  internal?: boolean;
  /** Which of the 30 factors (Verwey-Jonker) this indicator speaks to. */
  factors?: string[];
  /** Categorical indicators (stedelijkheid): value → label. */
  classes?: Record<number, string>;
  /** For a client's own indicators: the citation given in the region config. */
  citation?: string;
  extra?: { chart: boolean };
}

const byInwoners = { kind: 'weighted', weight: 'inwoners', weightNote: 'gewogen naar het aantal inwoners' } as const;
const byHuishoudens = { kind: 'weighted', weight: 'huishoudens', weightNote: 'gewogen naar het aantal huishoudens' } as const;

function ageGroup(id: string, range: string, f22: string, f23: string, fWijk: string): IndicatorDef {
  return {
    id,
    subject: `het aandeel inwoners van ${range.endsWith('ouder') ? range : `${range} jaar`}`,
    label: range.endsWith('ouder') ? range : `${range} jaar`,
    title: `Aandeel inwoners van ${range.endsWith('ouder') ? range : `${range} jaar`}`,
    definition: `Inwoners van ${range.endsWith('ouder') ? range : `${range} jaar`} als percentage van alle inwoners op 1 januari.`,
    domain: 'demografie',
    unit: 'percent',
    decimals: 0,
    higherIsBetter: null,
    source: 'kwb-2023',
    fields: { gemeente: { 2022: `kwb-2022:${f22}`, 2023: `kwb-2023:${f23}` }, wijk: { 2024: `kwb-2024-wijken:${fWijk}` } },
    aggregate: byInwoners,
  };
}

/** Number of primary-school locations of one kind, from the DUO school list with advice figures. */
function schoolCount(id: string, noun: string, label: string, kind: string, school: string, factor: string): IndicatorDef {
  return {
    id,
    subject: `het aantal ${noun}`,
    label,
    title: `Aantal ${noun}`,
    definition: `Vestigingen van ${kind} met schooladviezen in de schooljaren 2019-2020 t/m 2024-2025.`,
    domain: 'onderwijs',
    unit: 'count',
    decimals: 0,
    higherIsBetter: null,
    source: 'duo-advies',
    sparse: true,
    missingReason: `geen ${school} met schooladviezen in het gebied`,
    fields: { gemeente: { 2019: 'derived' } },
    aggregate: { kind: 'sum' },
    period: 'composite',
    factors: [factor],
  };
}

export const indicatorList: IndicatorDef[] = [
  // ── Demografie ──────────────────────────────────────────────────────────
  {
    id: 'inwoners',
    subject: 'het aantal inwoners',
    label: 'Inwoners',
    title: 'Aantal inwoners',
    definition: 'Aantal inwoners op 1 januari volgens de Basisregistratie Personen.',
    domain: 'demografie',
    unit: 'count',
    decimals: 0,
    higherIsBetter: null,
    source: 'kwb-2024',
    fields: {
      gemeente: { 2022: 'kwb-2022:aantal_inwoners', 2023: 'kwb-2023:aantalInwoners', 2024: 'kwb-2024:AantalInwoners_5' },
      wijk: { 2024: 'kwb-2024:AantalInwoners_5' },
    },
    aggregate: { kind: 'sum' },
  },
  ageGroup('pct_0_15', '0 tot 15', '0_15', 'percentagePersonen0Tot15Jaar', '0_15'),
  ageGroup('pct_15_25', '15 tot 25', '15_25', 'percentagePersonen15Tot25Jaar', '15_25'),
  ageGroup('pct_25_45', '25 tot 45', '25_45', 'percentagePersonen25Tot45Jaar', '25_45'),
  ageGroup('pct_45_65', '45 tot 65', '45_65', 'percentagePersonen45Tot65Jaar', '45_65'),
  ageGroup('pct_65plus', '65 jaar of ouder', '65plus', 'percentagePersonen65JaarEnOuder', '65plus'),
  {
    id: 'huishoudens',
    subject: 'het aantal huishoudens',
    label: 'Huishoudens',
    title: 'Aantal huishoudens',
    definition: 'Aantal particuliere huishoudens op 1 januari.',
    domain: 'demografie',
    unit: 'count',
    decimals: 0,
    higherIsBetter: null,
    source: 'kwb-2023',
    fields: { gemeente: { 2022: 'kwb-2022:huishoudens', 2023: 'kwb-2023:aantalHuishoudens' }, wijk: { 2024: 'kwb-2024-wijken:huishoudens' } },
    aggregate: { kind: 'sum' },
  },
  {
    id: 'pct_hh_met_kinderen',
    subject: 'het aandeel huishoudens met kinderen',
    label: 'Huishoudens met kinderen',
    title: 'Aandeel huishoudens met kinderen',
    definition: 'Huishoudens met thuiswonende kinderen als percentage van alle particuliere huishoudens.',
    domain: 'demografie',
    unit: 'percent',
    decimals: 0,
    higherIsBetter: null,
    source: 'kwb-2023',
    fields: { gemeente: { 2022: 'kwb-2022:pct_hhd_met_kind', 2023: 'kwb-2023:percentageHuishoudensMetKinderen' } },
    aggregate: byHuishoudens,
    factors: ['stabiel huishouden'],
  },
  {
    id: 'gem_huishoudgrootte',
    subject: 'de gemiddelde huishoudensgrootte',
    label: 'Gemiddelde huishoudensgrootte',
    title: 'Gemiddelde huishoudensgrootte',
    definition: 'Aantal personen in particuliere huishoudens gedeeld door het aantal particuliere huishoudens.',
    domain: 'demografie',
    unit: 'persons-per-household',
    decimals: 1,
    higherIsBetter: null,
    source: 'kwb-2023',
    fields: {
      gemeente: { 2022: 'kwb-2022:gem_huishouden_grootte', 2023: 'kwb-2023:gemiddeldeHuishoudsgrootte' },
      wijk: { 2024: 'kwb-2024-wijken:gem_huishouden_grootte' },
    },
    aggregate: byHuishoudens,
  },
  {
    id: 'pct_herkomst_nl',
    subject: 'het aandeel inwoners met Nederland als herkomstland',
    label: 'Herkomstland Nederland',
    title: 'Aandeel inwoners met herkomstland Nederland',
    definition: 'Inwoners met Nederland als herkomstland (CBS-indeling naar herkomstland, vanaf 2022), als percentage van alle inwoners.',
    domain: 'demografie',
    unit: 'percent',
    decimals: 0,
    higherIsBetter: null,
    source: 'kwb-2023',
    fields: { gemeente: { 2023: 'kwb-2023:percentageMetHerkomstlandNederland' } },
    aggregate: byInwoners,
  },
  {
    id: 'pct_herkomst_europa',
    subject: 'het aandeel inwoners met een Europees herkomstland (buiten Nederland)',
    label: 'Herkomstland in Europa (excl. Nederland)',
    title: 'Aandeel inwoners met een Europees herkomstland',
    definition: 'Inwoners met een herkomstland in Europa buiten Nederland, als percentage van alle inwoners.',
    domain: 'demografie',
    unit: 'percent',
    decimals: 0,
    higherIsBetter: null,
    source: 'kwb-2023',
    fields: { gemeente: { 2023: 'kwb-2023:percentageMetHerkomstlandUitEuropaExclNl' } },
    aggregate: byInwoners,
  },
  {
    id: 'pct_herkomst_buiten_europa',
    subject: 'het aandeel inwoners met een herkomstland buiten Europa',
    label: 'Herkomstland buiten Europa',
    title: 'Aandeel inwoners met een herkomstland buiten Europa',
    definition: 'Inwoners met een herkomstland buiten Europa, als percentage van alle inwoners.',
    domain: 'demografie',
    unit: 'percent',
    decimals: 0,
    higherIsBetter: null,
    source: 'kwb-2023',
    fields: { gemeente: { 2023: 'kwb-2023:percentageMetHerkomstlandBuitenEuropa' } },
    aggregate: byInwoners,
    factors: ['segregatie', 'identiteitsontwikkeling'],
  },
  {
    id: 'geboorte_per_1000',
    subject: 'het aantal geboorten per 1.000 inwoners',
    label: 'Geboorten per 1.000 inwoners',
    title: 'Levend geborenen per 1.000 inwoners',
    definition: 'Aantal levend geborenen in het jaar per 1.000 inwoners.',
    domain: 'demografie',
    unit: 'per-1000',
    decimals: 0,
    higherIsBetter: null,
    source: 'kwb-2022',
    fields: { gemeente: { 2022: 'kwb-2022:geboorte_relatief' } },
    aggregate: byInwoners,
  },
  // ── Wijk en stedelijkheid ────────────────────────────────────────────────
  {
    id: 'opp_land',
    label: 'Oppervlakte land (ha)',
    title: 'Oppervlakte land',
    definition: 'Oppervlakte land in hectare.',
    domain: 'wijk',
    unit: 'count',
    decimals: 0,
    higherIsBetter: null,
    source: 'kwb-2024',
    fields: {
      gemeente: { 2022: 'kwb-2022:opp_land', 2023: 'kwb-2023:oppervlakteLandInHa', 2024: 'kwb-2024:OppervlakteLand_123' },
      wijk: { 2024: 'kwb-2024:OppervlakteLand_123' },
    },
    aggregate: { kind: 'sum' },
    internal: true,
  },
  {
    id: 'bevolkingsdichtheid',
    subject: 'het aantal inwoners per km²',
    label: 'Bevolkingsdichtheid',
    title: 'Inwoners per km² land',
    definition: 'Aantal inwoners per km² landoppervlakte.',
    domain: 'wijk',
    unit: 'per-km2',
    decimals: 0,
    higherIsBetter: null,
    source: 'kwb-2024',
    fields: {
      gemeente: { 2022: 'kwb-2022:bevolkingsdichtheid', 2023: 'kwb-2023:bevolkingsdichtheidInwonersPerKm2', 2024: 'kwb-2024:Bevolkingsdichtheid_34' },
      wijk: { 2024: 'kwb-2024:Bevolkingsdichtheid_34' },
    },
    aggregate: { kind: 'weighted', weight: 'opp_land', weightNote: 'gewogen naar de landoppervlakte' },
  },
  {
    id: 'omgevingsadressendichtheid',
    subject: 'de omgevingsadressendichtheid',
    label: 'Omgevingsadressendichtheid',
    title: 'Omgevingsadressendichtheid (adressen per km²)',
    definition: 'Gemiddeld aantal adressen per km² binnen een cirkel van 1 km rond elk adres; de maat waarop CBS de stedelijkheid baseert.',
    domain: 'wijk',
    unit: 'per-km2',
    decimals: 0,
    higherIsBetter: null,
    source: 'kwb-2023',
    fields: { gemeente: { 2022: 'kwb-2022:omgevingsadressendichtheid', 2023: 'kwb-2023:omgevingsadressendichtheid' } },
    aggregate: { kind: 'weighted', weight: 'inwoners', weightNote: 'gewogen naar het aantal inwoners (benadering)' },
  },
  {
    id: 'stedelijkheid',
    label: 'Stedelijkheid',
    title: 'Stedelijkheidsklasse',
    definition:
      'CBS-klasse naar omgevingsadressendichtheid: 1 zeer sterk stedelijk (2.500 of meer adressen per km²), 2 sterk (1.500–2.500), 3 matig (1.000–1.500), 4 weinig (500–1.000), 5 niet stedelijk (< 500).',
    domain: 'wijk',
    unit: 'class',
    decimals: 0,
    higherIsBetter: null,
    source: 'kwb-2023',
    fields: { gemeente: { 2022: 'kwb-2022:stedelijkheid', 2023: 'kwb-2023:stedelijkheidAdressenPerKm2' } },
    aggregate: { kind: 'class-from', indicator: 'omgevingsadressendichtheid' },
    classes: { 1: 'zeer sterk stedelijk', 2: 'sterk stedelijk', 3: 'matig stedelijk', 4: 'weinig stedelijk', 5: 'niet stedelijk' },
  },
  {
    id: 'woningvoorraad',
    label: 'Woningvoorraad',
    title: 'Aantal woningen',
    definition: 'Aantal woningen op 1 januari.',
    domain: 'wijk',
    unit: 'count',
    decimals: 0,
    higherIsBetter: null,
    source: 'kwb-2024',
    fields: { gemeente: { 2022: 'kwb-2022:woningvoorraad', 2024: 'kwb-2024:Woningvoorraad_35' }, wijk: { 2024: 'kwb-2024:Woningvoorraad_35' } },
    aggregate: { kind: 'sum' },
    internal: true,
  },
  {
    id: 'pct_corporatiewoningen',
    subject: 'het aandeel corporatiewoningen',
    label: 'Corporatiewoningen',
    title: 'Aandeel huurwoningen van een woningcorporatie',
    definition: 'Huurwoningen in bezit van een woningcorporatie als percentage van alle woningen.',
    domain: 'wijk',
    unit: 'percent',
    decimals: 0,
    higherIsBetter: null,
    source: 'kwb-2022',
    fields: { gemeente: { 2022: 'kwb-2022:pct_huurcorporatie' } },
    aggregate: { kind: 'weighted', weight: 'woningvoorraad', weightNote: 'gewogen naar het aantal woningen' },
    factors: ['sociale klasse', 'segregatie'],
  },
  {
    id: 'gem_woz',
    subject: 'de gemiddelde WOZ-waarde van woningen',
    label: 'Gemiddelde WOZ-waarde',
    title: 'Gemiddelde WOZ-waarde van woningen',
    definition: 'Gemiddelde WOZ-waarde van woningen (× € 1.000).',
    domain: 'wijk',
    unit: 'euro-k',
    decimals: 0,
    higherIsBetter: null,
    source: 'kwb-2022',
    fields: { gemeente: { 2022: 'kwb-2022:gem_woz_waarde' } },
    aggregate: { kind: 'weighted', weight: 'woningvoorraad', weightNote: 'gewogen naar het aantal woningen' },
    factors: ['sociale klasse'],
  },
  // ── Inkomen en armoede ───────────────────────────────────────────────────
  {
    id: 'pct_hh_laag_inkomen',
    subject: 'het aandeel huishoudens met een laag inkomen',
    label: 'Huishoudens met laag inkomen',
    title: 'Aandeel huishoudens met een laag inkomen',
    definition:
      'Particuliere huishoudens die behoren tot de 40% huishoudens met de laagste inkomens van Nederland, als percentage van alle huishoudens met inkomen.',
    domain: 'armoede',
    unit: 'percent',
    decimals: 0,
    higherIsBetter: false,
    source: 'kwb-2022',
    fields: { gemeente: { 2022: 'kwb-2022:pct_hh_laag_inkomen' } },
    aggregate: byHuishoudens,
    factors: ['financiële middelen', 'inkomen', 'sociale ongelijkheid'],
  },
  {
    id: 'pct_hh_sociaal_minimum',
    subject: 'het aandeel huishoudens onder of rond het sociaal minimum',
    label: 'Huishoudens rond sociaal minimum',
    title: 'Aandeel huishoudens onder of rond het sociaal minimum',
    definition: 'Particuliere huishoudens met een inkomen tot 110% van het sociaal minimum, als percentage van alle huishoudens met inkomen.',
    domain: 'armoede',
    unit: 'percent',
    decimals: 0,
    higherIsBetter: false,
    source: 'kwb-2022',
    fields: { gemeente: { 2022: 'kwb-2022:pct_rond_sociaal_min' } },
    aggregate: byHuishoudens,
    factors: ['financiële middelen', 'inkomen'],
  },
  {
    id: 'pct_hh_hoog_inkomen',
    subject: 'het aandeel huishoudens met een hoog inkomen',
    label: 'Huishoudens met hoog inkomen',
    title: 'Aandeel huishoudens met een hoog inkomen',
    definition: 'Particuliere huishoudens die behoren tot de 20% huishoudens met de hoogste inkomens van Nederland.',
    domain: 'armoede',
    unit: 'percent',
    decimals: 0,
    higherIsBetter: null,
    source: 'kwb-2022',
    fields: { gemeente: { 2022: 'kwb-2022:pct_hh_hoog_inkomen' } },
    aggregate: byHuishoudens,
    factors: ['sociale ongelijkheid'],
  },
  {
    id: 'gem_inkomen_inwoner',
    subject: 'het gemiddeld persoonlijk inkomen per inwoner',
    label: 'Gemiddeld inkomen per inwoner',
    title: 'Gemiddeld persoonlijk inkomen per inwoner',
    definition: 'Gemiddeld persoonlijk inkomen per inwoner (× € 1.000).',
    domain: 'armoede',
    unit: 'euro-k',
    decimals: 0,
    higherIsBetter: true,
    source: 'kwb-2022',
    fields: { gemeente: { 2022: 'kwb-2022:gem_inkomen_inwoner' } },
    aggregate: byInwoners,
    factors: ['financiële middelen', 'inkomen'],
  },
  {
    id: 'gem_gestand_inkomen',
    subject: 'het gemiddeld gestandaardiseerd inkomen van huishoudens',
    label: 'Gemiddeld gestandaardiseerd inkomen',
    title: 'Gemiddeld gestandaardiseerd inkomen van huishoudens',
    definition: 'Besteedbaar inkomen van huishoudens, gecorrigeerd voor grootte en samenstelling (× € 1.000).',
    domain: 'armoede',
    unit: 'euro-k',
    decimals: 0,
    higherIsBetter: true,
    source: 'kwb-2022',
    fields: { gemeente: { 2022: 'kwb-2022:gem_gestand_inkomen' } },
    aggregate: byHuishoudens,
    factors: ['financiële middelen'],
  },
  {
    id: 'mediaan_vermogen',
    subject: 'het mediaan vermogen van huishoudens',
    label: 'Mediaan vermogen',
    title: 'Mediaan vermogen van particuliere huishoudens',
    definition: 'Mediaan van het vermogen van particuliere huishoudens (× € 1.000). Een mediaan laat zich niet optellen over gemeenten.',
    domain: 'armoede',
    unit: 'euro-k',
    decimals: 0,
    higherIsBetter: null,
    source: 'kwb-2022',
    fields: { gemeente: { 2022: 'kwb-2022:mediaan_vermogen' } },
    aggregate: { kind: 'none' },
    factors: ['financiële middelen'],
  },
  {
    id: 'arbeidsparticipatie',
    subject: 'de netto arbeidsparticipatie',
    label: 'Netto arbeidsparticipatie',
    title: 'Netto arbeidsparticipatie',
    definition: 'Werkzame beroepsbevolking als percentage van de bevolking van 15 tot 75 jaar.',
    domain: 'armoede',
    unit: 'percent',
    decimals: 0,
    higherIsBetter: true,
    source: 'kwb-2022',
    fields: { gemeente: { 2022: 'kwb-2022:arbeidsparticipatie' } },
    aggregate: { kind: 'weighted', weight: 'inwoners', weightNote: 'gewogen naar het aantal inwoners (benadering)' },
    factors: ['sociale status'],
  },
  {
    id: 'bijstand_per_1000',
    subject: 'het aantal personen met bijstand per 1.000 inwoners',
    label: 'Bijstandsuitkeringen per 1.000 inwoners',
    title: 'Personen met een bijstandsuitkering per 1.000 inwoners',
    definition: 'Aantal personen met een bijstandsuitkering (a_soz_wb) per 1.000 inwoners.',
    domain: 'armoede',
    unit: 'per-1000',
    decimals: 0,
    higherIsBetter: false,
    source: 'kwb-2023-utrecht',
    fields: { gemeente: { 2023: 'derived' }, wijk: { 2023: 'derived' } },
    aggregate: { kind: 'ratio', scale: 1000 },
    caveat: 'Alleen voor de gemeente Utrecht in de gebruikte data.',
    factors: ['financiële middelen'],
  },
  // ── Jeugdhulp ────────────────────────────────────────────────────────────
  {
    id: 'inwoners_0_25',
    label: 'Jongeren tot 25 jaar (benadering)',
    title: 'Jongeren tot 25 jaar',
    definition: 'Inwoners maal het aandeel 0 tot 25 jaar; alleen gebruikt als gewicht.',
    domain: 'jeugdhulp',
    unit: 'count',
    decimals: 0,
    higherIsBetter: null,
    source: 'kwb-2022',
    fields: { gemeente: { 2022: 'derived', 2023: 'derived' } },
    aggregate: { kind: 'sum' },
    internal: true,
  },
  {
    id: 'pct_jeugdzorg',
    subject: 'het aandeel jongeren met jeugdzorg in natura',
    label: 'Jongeren met jeugdzorg',
    title: 'Aandeel jongeren met jeugdzorg in natura',
    definition: 'Jongeren met jeugdzorg in natura (jeugdhulp, jeugdbescherming of jeugdreclassering) als percentage van alle jongeren (CBS, p_jz_tn).',
    domain: 'jeugdhulp',
    unit: 'percent',
    decimals: 1,
    higherIsBetter: null,
    source: 'kwb-2022',
    fields: { gemeente: { 2022: 'kwb-2022:pct_jeugdzorg' } },
    aggregate: { kind: 'weighted', weight: 'inwoners_0_25', weightNote: 'gewogen naar het geschatte aantal jongeren tot 25 jaar' },
    factors: ['gezondheid', 'ouderlijk support', 'stabiel huishouden'],
  },
  {
    id: 'wmo_per_1000',
    subject: 'het aantal Wmo-cliënten per 1.000 inwoners',
    label: 'Wmo-cliënten per 1.000 inwoners',
    title: 'Wmo-cliënten per 1.000 inwoners',
    definition: 'Aantal personen met een maatwerkarrangement in het kader van de Wmo per 1.000 inwoners.',
    domain: 'jeugdhulp',
    unit: 'per-1000',
    decimals: 0,
    higherIsBetter: null,
    source: 'kwb-2022',
    fields: { gemeente: { 2022: 'kwb-2022:wmo_per_1000' } },
    aggregate: byInwoners,
    factors: ['gezondheid'],
  },
  // ── Onderwijs ────────────────────────────────────────────────────────────
  ...(['laag', 'midden', 'hoog'] as const).map(
    (level): IndicatorDef => ({
      id: `pct_opl_${level}`,
      subject: `het aandeel ${level === 'midden' ? 'middelbaar' : level} opgeleiden (15 tot 75 jaar)`,
      label: { laag: 'Laag opgeleid', midden: 'Middelbaar opgeleid', hoog: 'Hoog opgeleid' }[level],
      title: `Aandeel ${level === 'midden' ? 'middelbaar' : level} opgeleiden (15 tot 75 jaar)`,
      definition: {
        laag: 'Inwoners van 15 tot 75 jaar met als hoogst behaald onderwijsniveau basisonderwijs, vmbo, mbo-1 of de onderbouw van havo/vwo, als percentage van alle inwoners van 15 tot 75 jaar met bekend onderwijsniveau.',
        midden: 'Inwoners van 15 tot 75 jaar met als hoogst behaald onderwijsniveau havo, vwo of mbo-2 t/m 4, als percentage van alle inwoners van 15 tot 75 jaar met bekend onderwijsniveau.',
        hoog: 'Inwoners van 15 tot 75 jaar met als hoogst behaald onderwijsniveau hbo of wo, als percentage van alle inwoners van 15 tot 75 jaar met bekend onderwijsniveau.',
      }[level],
      domain: 'onderwijs',
      unit: 'percent',
      decimals: 0,
      higherIsBetter: null,
      source: 'kwb-2022',
      fields: { gemeente: { 2022: 'derived' } },
      aggregate: { kind: 'ratio', scale: 100 },
      factors: ['cultureel kapitaal', 'sociale status'],
    }),
  ),
  {
    id: 'slaagpct_vo',
    subject: 'het slagingspercentage in het voortgezet onderwijs',
    label: 'Slagingspercentage vo',
    title: 'Slagingspercentage eindexamen vo (vmbo, havo, vwo)',
    definition: 'Geslaagden als percentage van de examenkandidaten van de vo-scholen in het gebied.',
    domain: 'onderwijs',
    unit: 'percent',
    decimals: 1,
    higherIsBetter: true,
    source: 'duo-examen',
    sparse: true,
    missingReason: 'geen vo-school met examenkandidaten in het gebied',
    fields: { gemeente: { 2019: 'derived', 2020: 'derived', 2021: 'derived', 2022: 'derived', 2023: 'derived' } },
    aggregate: { kind: 'ratio', scale: 100 },
    period: 'schooljaar',
    factors: ['kwalitatieve beoordeling', 'onderwijssysteem'],
  },
  ...(['vmbo', 'havo', 'vwo'] as const).map(
    (type): IndicatorDef => ({
      id: `slaagpct_${type}`,
      subject: `het slagingspercentage ${type === 'havo' ? 'op de havo' : `op het ${type}`}`,
      label: `Slagingspercentage ${type}`,
      title: `Slagingspercentage eindexamen ${type}`,
      definition: `Geslaagden als percentage van de ${type}-examenkandidaten van de scholen in het gebied.`,
      domain: 'onderwijs',
      unit: 'percent',
      decimals: 1,
      higherIsBetter: true,
      source: 'duo-examen',
      sparse: true,
      missingReason: `geen ${type}-school met examenkandidaten in het gebied`,
      fields: { gemeente: { 2019: 'derived', 2020: 'derived', 2021: 'derived', 2022: 'derived', 2023: 'derived' } },
      aggregate: { kind: 'ratio', scale: 100 },
      period: 'schooljaar',
      factors: ['kwalitatieve beoordeling'],
    }),
  ),
  {
    id: 'examenkandidaten',
    subject: 'het aantal examenkandidaten in het voortgezet onderwijs',
    label: 'Examenkandidaten vo',
    title: 'Aantal examenkandidaten vo',
    definition: 'Aantal examenkandidaten vmbo, havo en vwo op de scholen in het gebied (opleidingen met minder dan 5 kandidaten niet meegeteld).',
    domain: 'onderwijs',
    unit: 'count',
    decimals: 0,
    higherIsBetter: null,
    source: 'duo-examen',
    sparse: true,
    missingReason: 'geen vo-school met examenkandidaten in het gebied',
    fields: { gemeente: { 2019: 'derived', 2020: 'derived', 2021: 'derived', 2022: 'derived', 2023: 'derived' } },
    aggregate: { kind: 'sum' },
    period: 'schooljaar',
  },
  {
    id: 'pct_vwo_advies',
    subject: 'het aandeel leerlingen met een vwo-advies',
    label: 'Vwo-advies (indicatie)',
    title: 'Aandeel leerlingen met een vwo-advies (indicatie)',
    definition:
      'Aandeel leerlingen in groep 8 met een vwo-advies (of gelijkwaardig), per school over de schooljaren gewogen en per gemeente gewogen naar het aantal leerlingen met een advies.',
    domain: 'onderwijs',
    unit: 'percent',
    decimals: 0,
    higherIsBetter: null,
    source: 'duo-advies',
    sparse: true,
    missingReason: 'geen basisschool met schooladviezen in het gebied',
    fields: { gemeente: { 2019: 'derived' } },
    aggregate: { kind: 'ratio', scale: 100 },
    period: 'composite',
    caveat: 'Afgeleid cijfer met uitschieters afgekapt; alleen als globale indicatie.',
    factors: ['ambitie', 'gedifferentieerd onderwijs'],
  },
  schoolCount('basisscholen', 'basisschoolvestigingen', 'Basisscholen (vestigingen)', 'reguliere basisscholen', 'basisschool', 'onderwijssysteem'),
  schoolCount('sbo_scholen', 'vestigingen voor speciaal basisonderwijs', 'Scholen voor speciaal basisonderwijs', 'scholen voor speciaal basisonderwijs', 'sbo-school', 'inclusief onderwijs'),
  {
    id: 'vo_vestigingen',
    subject: 'het aantal vo-vestigingen met examenkandidaten',
    label: 'Vo-scholen met examens (vestigingen)',
    title: 'Aantal vo-vestigingen met examenkandidaten',
    definition: 'Vestigingen van scholen voor voortgezet onderwijs met examenkandidaten vmbo, havo of vwo in het schooljaar.',
    domain: 'onderwijs',
    unit: 'count',
    decimals: 0,
    higherIsBetter: null,
    source: 'duo-examen',
    sparse: true,
    missingReason: 'geen vo-school met examenkandidaten in het gebied',
    fields: { gemeente: { 2019: 'derived', 2020: 'derived', 2021: 'derived', 2022: 'derived', 2023: 'derived' } },
    aggregate: { kind: 'sum' },
    period: 'schooljaar',
    factors: ['onderwijssysteem'],
  },
  {
    id: 'afstand_basisschool',
    subject: 'de gemiddelde afstand tot de dichtstbijzijnde basisschool',
    label: 'Afstand tot basisschool',
    title: 'Gemiddelde afstand tot de dichtstbijzijnde basisschool',
    definition: 'Gemiddelde afstand over de weg van alle inwoners tot de dichtstbijzijnde basisschool.',
    domain: 'onderwijs',
    unit: 'km',
    decimals: 1,
    higherIsBetter: false,
    source: 'kwb-2022',
    fields: { gemeente: { 2022: 'kwb-2022:afstand_basisonderwijs' } },
    aggregate: byInwoners,
    factors: ['onderwijssysteem'],
  },
  // ── (Vroeg)signalering ───────────────────────────────────────────────────
  {
    id: 'afstand_kdv',
    subject: 'de gemiddelde afstand tot het dichtstbijzijnde kinderdagverblijf',
    label: 'Afstand tot kinderdagverblijf',
    title: 'Gemiddelde afstand tot het dichtstbijzijnde kinderdagverblijf',
    definition: 'Gemiddelde afstand over de weg van alle inwoners tot het dichtstbijzijnde kinderdagverblijf; een maat voor de bereikbaarheid van voorschoolse voorzieningen.',
    domain: 'signalering',
    unit: 'km',
    decimals: 1,
    higherIsBetter: false,
    source: 'kwb-2022',
    fields: { gemeente: { 2022: 'kwb-2022:afstand_kdv' } },
    aggregate: byInwoners,
    factors: ['voor- en vroegschoolse educatie'],
  },
];

export const catalogue: ReadonlyMap<string, IndicatorDef> = new Map(indicatorList.map((d) => [d.id, d]));

/** Topics a reader would expect per domain that the open data here cannot show, with the reason. */
export const missingTopics: Record<Domain, string[]> = {
  demografie: [],
  wijk: ['Segregatie tussen scholen: geen leerlingherkomst per school in de gebruikte open data.'],
  armoede: ['Kinderen in langdurige armoede: CBS publiceert dit niet in de gebruikte kerncijfers.'],
  jeugdhulp: ['Jeugdhulp naar vorm en jeugdbescherming apart: niet in de gebruikte kerncijfers.'],
  onderwijs: [
    'Schooladvies naast eindtoets, doorstroom, voortijdig schoolverlaten en thuiszitters: niet in de gebruikte open data.',
    'Onderwijsachterstandsindicator (schoolweging): niet in de gebruikte open data.',
  ],
  signalering: ['Bereik van voor- en vroegschoolse educatie (vve) en signalen uit de jeugdgezondheidszorg: geen open data per gemeente in de gebruikte bronnen.'],
};

export function yearLabel(def: Pick<IndicatorDef, 'period'>, year: number): string {
  switch (def.period) {
    case 'schooljaar':
      return `${year}-${year + 1}`;
    case 'composite':
      return '2019-2020 t/m 2024-2025';
    default:
      return String(year);
  }
}

export function indicatorYears(def: IndicatorDef, level: Level = 'gemeente'): number[] {
  return Object.keys(def.fields[level] ?? {})
    .map(Number)
    .sort((a, b) => a - b);
}
