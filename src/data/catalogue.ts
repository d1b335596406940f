/**
 * The indicator catalogue: every figure the report can show, with its Dutch
 * label, definition, unit, source, years, direction and how it aggregates over
 * several areas. Values are filled by load-dataset.ts from the `fields` named here.
 */
import { domains } from '../domains.js';
import { sourceModules } from './sources/index.js';
import { BIJSTAND_NATIONAL_FROM, withKwbEditions } from './sources/kwb-editions.js';
import { byHuishoudens, byInwoners, type IndicatorDef, type Level } from './indicator-def.js';
import type { Domain } from '../domains.js';

export { domains, domainTitles, type Domain } from '../domains.js';

export type { Level, Aggregation, Period, IndicatorDef } from './indicator-def.js';


/** The income figures of 2020 come from another CBS table than those of 2021 and 2022. */
const INKOMEN_2020_CAVEAT =
  'Het jaar 2020 komt uit de CBS-maatwerktabel "Inkomen per gemeente en wijk, 2020" (inkomensjaar 2020, wijkindeling 2023); de latere jaren uit de Kerncijfers wijken en buurten.';

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











/**
 * Indicators that draw on several sources (KWB editions by year, income 2020 beside KWB 2021):
 * they stay here. An indicator only one source yields lives in that source's module.
 */
const sharedIndicators: IndicatorDef[] = [
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
      gemeente: { 2021: 'kwb-2021:a_inw', 2022: 'kwb-2022:aantal_inwoners', 2023: 'kwb-2023:aantalInwoners', 2024: 'kwb-2024:AantalInwoners_5' },
      wijk: { 2021: 'kwb-2021:a_inw', 2024: 'kwb-2024:AantalInwoners_5' },
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
    fields: { gemeente: { 2021: 'kwb-2021:a_hh', 2022: 'kwb-2022:huishoudens', 2023: 'kwb-2023:aantalHuishoudens' }, wijk: { 2021: 'kwb-2021:a_hh', 2024: 'kwb-2024-wijken:huishoudens' } },
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
    fields: { gemeente: { 2021: 'kwb-2021:a_woning', 2022: 'kwb-2022:woningvoorraad', 2024: 'kwb-2024:Woningvoorraad_35' }, wijk: { 2021: 'kwb-2021:a_woning', 2024: 'kwb-2024:Woningvoorraad_35' } },
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
    fields: withKwbEditions({ gemeente: { 2021: 'kwb-2021:p_wcorpw', 2022: 'kwb-2022:pct_huurcorporatie' }, wijk: { 2021: 'kwb-2021:p_wcorpw' } }, 'p_wcorpw', { from: 2023 }),
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
    fields: withKwbEditions({ gemeente: { 2021: 'kwb-2021:g_wozbag', 2022: 'kwb-2022:gem_woz_waarde' }, wijk: { 2021: 'kwb-2021:g_wozbag' } }, 'g_wozbag', { from: 2023 }),
    aggregate: { kind: 'weighted', weight: 'woningvoorraad', weightNote: 'gewogen naar het aantal woningen' },
    factors: ['sociale klasse'],
  },
  // ── Inkomen en armoede ───────────────────────────────────────────────────
  {
    id: 'pct_hh_laagste_40',
    subject: 'het aandeel huishoudens in de laagste 40% inkomens van Nederland',
    label: 'Huishoudens in de laagste 40% inkomens van Nederland',
    title: 'Aandeel huishoudens in de laagste 40% inkomens van Nederland',
    definition:
      'Particuliere huishoudens die behoren tot de 40% huishoudens met de laagste inkomens van Nederland, als percentage van alle particuliere huishoudens met een waargenomen inkomen (CBS, p_hh_li). Voor Nederland is dit per definitie 40%; een hoger percentage betekent meer huishoudens in de onderste inkomensgroepen, niet een "laag inkomen".',
    domain: 'armoede',
    unit: 'percent',
    decimals: 0,
    higherIsBetter: false,
    source: 'kwb-2022',
    fields: withKwbEditions({
      gemeente: { 2020: 'cbs-inkomen-2020:p_hh_li', 2021: 'kwb-2021:p_hh_li', 2022: 'kwb-2022:pct_hh_laag_inkomen' },
      wijk: { 2020: 'cbs-inkomen-2020:p_hh_li', 2021: 'kwb-2021:p_hh_li' },
    }, 'p_hh_li', { from: 2023 }),
    aggregate: byHuishoudens,
    caveat: INKOMEN_2020_CAVEAT,
    factors: ['financiële middelen', 'inkomen', 'sociale ongelijkheid'],
    opportunity: true,
    kernpuntGroup: 'laag-inkomen',
  },
  {
    id: 'pct_hh_sociaal_minimum',
    subject: 'het aandeel huishoudens onder of rond het sociaal minimum',
    label: 'Huishoudens onder of rond het sociaal minimum',
    title: 'Aandeel huishoudens onder of rond het sociaal minimum',
    definition:
      'Particuliere huishoudens met een inkomen onder of rond het sociaal minimum (CBS-afbakening, strenger dan "tot 110% van het sociaal minimum"), als percentage van alle particuliere huishoudens met een waargenomen inkomen (CBS, p_hh_osm).',
    domain: 'armoede',
    unit: 'percent',
    decimals: 0,
    higherIsBetter: false,
    source: 'kwb-2022',
    fields: withKwbEditions({ gemeente: { 2021: 'kwb-2021:p_hh_osm', 2022: 'kwb-2022:pct_rond_sociaal_min' }, wijk: { 2021: 'kwb-2021:p_hh_osm' } }, 'p_hh_osm', { from: 2023 }),
    aggregate: byHuishoudens,
    factors: ['financiële middelen', 'inkomen'],
    opportunity: true,
    kernpuntGroup: 'laag-inkomen',
  },
  {
    id: 'pct_hh_hoog_inkomen',
    subject: 'het aandeel huishoudens in de hoogste 20% inkomens van Nederland',
    label: 'Huishoudens in de hoogste 20% inkomens van Nederland',
    title: 'Aandeel huishoudens in de hoogste 20% inkomens van Nederland',
    definition: 'Particuliere huishoudens die behoren tot de 20% huishoudens met de hoogste inkomens van Nederland, als percentage van alle particuliere huishoudens met een waargenomen inkomen (CBS, p_hh_hi). Voor Nederland per definitie 20%.',
    domain: 'armoede',
    unit: 'percent',
    decimals: 0,
    higherIsBetter: null,
    source: 'kwb-2022',
    fields: withKwbEditions({
      gemeente: { 2020: 'cbs-inkomen-2020:p_hh_hi', 2021: 'kwb-2021:p_hh_hi', 2022: 'kwb-2022:pct_hh_hoog_inkomen' },
      wijk: { 2020: 'cbs-inkomen-2020:p_hh_hi', 2021: 'kwb-2021:p_hh_hi' },
    }, 'p_hh_hi', { from: 2023 }),
    aggregate: byHuishoudens,
    caveat: INKOMEN_2020_CAVEAT,
    factors: ['sociale ongelijkheid'],
  },
  {
    id: 'gem_inkomen_inwoner',
    subject: 'het gemiddeld persoonlijk inkomen per inwoner',
    label: 'Gemiddeld inkomen per inwoner',
    title: 'Gemiddeld persoonlijk inkomen per inwoner',
    definition: 'Gemiddeld persoonlijk inkomen per inwoner (× € 1.000; CBS, g_ink_pi).',
    domain: 'armoede',
    unit: 'euro-k',
    decimals: 1,
    higherIsBetter: true,
    source: 'kwb-2022',
    fields: withKwbEditions({
      gemeente: { 2020: 'cbs-inkomen-2020:g_ink_pi', 2021: 'kwb-2021:g_ink_pi', 2022: 'kwb-2022:gem_inkomen_inwoner' },
      wijk: { 2020: 'cbs-inkomen-2020:g_ink_pi', 2021: 'kwb-2021:g_ink_pi' },
    }, 'g_ink_pi', { from: 2023 }),
    aggregate: byInwoners,
    caveat: INKOMEN_2020_CAVEAT,
    factors: ['financiële middelen', 'inkomen'],
  },
  {
    id: 'gem_gestand_inkomen',
    subject: 'het gemiddeld gestandaardiseerd inkomen van huishoudens',
    label: 'Gemiddeld gestandaardiseerd inkomen',
    title: 'Gemiddeld gestandaardiseerd inkomen van huishoudens',
    definition: 'Besteedbaar inkomen van particuliere huishoudens, gecorrigeerd voor grootte en samenstelling (× € 1.000; CBS, g_hh_sti).',
    domain: 'armoede',
    unit: 'euro-k',
    decimals: 1,
    higherIsBetter: true,
    source: 'kwb-2022',
    fields: withKwbEditions({ gemeente: { 2021: 'kwb-2021:g_hh_sti', 2022: 'kwb-2022:gem_gestand_inkomen' }, wijk: { 2021: 'kwb-2021:g_hh_sti' } }, 'g_hh_sti', { from: 2023 }),
    aggregate: byHuishoudens,
    factors: ['financiële middelen'],
  },
  {
    id: 'mediaan_vermogen',
    subject: 'het mediaan vermogen van huishoudens',
    label: 'Mediaan vermogen',
    title: 'Mediaan vermogen van particuliere huishoudens',
    definition: 'Mediaan van het vermogen van particuliere huishoudens (× € 1.000; CBS, m_hh_ver). Een mediaan laat zich niet optellen over gemeenten.',
    domain: 'armoede',
    unit: 'euro-k',
    decimals: 0,
    higherIsBetter: null,
    source: 'kwb-2022',
    fields: withKwbEditions({ gemeente: { 2021: 'kwb-2021:m_hh_ver', 2022: 'kwb-2022:mediaan_vermogen' }, wijk: { 2021: 'kwb-2021:m_hh_ver' } }, 'm_hh_ver', { from: 2023 }),
    aggregate: { kind: 'none' },
    factors: ['financiële middelen'],
  },
  {
    id: 'arbeidsparticipatie',
    subject: 'de netto arbeidsparticipatie',
    label: 'Netto arbeidsparticipatie',
    title: 'Netto arbeidsparticipatie',
    definition: 'Werkzame beroepsbevolking als percentage van de bevolking van 15 tot 75 jaar (CBS, p_arb_pp).',
    domain: 'armoede',
    unit: 'percent',
    decimals: 0,
    higherIsBetter: true,
    source: 'kwb-2022',
    fields: withKwbEditions({ gemeente: { 2021: 'kwb-2021:p_arb_pp', 2022: 'kwb-2022:arbeidsparticipatie' }, wijk: { 2021: 'kwb-2021:p_arb_pp' } }, 'p_arb_pp', { from: 2023 }),
    aggregate: { kind: 'weighted', weight: 'inwoners', weightNote: 'gewogen naar het aantal inwoners (benadering)' },
    factors: ['sociale status'],
  },
  {
    id: 'bijstand_per_1000',
    subject: 'het aantal personen met een bijstandsuitkering per 1.000 inwoners',
    label: 'Personen met bijstand per 1.000 inwoners',
    title: 'Personen met een bijstandsuitkering per 1.000 inwoners',
    definition: 'Personen met een bijstandsuitkering (CBS, a_soz_wb: personen per soort uitkering, bijstand) per 1.000 inwoners.',
    domain: 'armoede',
    unit: 'per-1000',
    decimals: 0,
    higherIsBetter: false,
    source: 'kwb-2021',
    fields: withKwbEditions({ gemeente: { 2021: 'kwb-2021:derived', 2023: 'kwb-2023-utrecht:derived' }, wijk: { 2021: 'kwb-2021:derived', 2023: 'kwb-2023-utrecht:derived' } }, 'a_soz_wb', { derived: true, from: BIJSTAND_NATIONAL_FROM }),
    aggregate: { kind: 'ratio', scale: 1000 },
    caveat: 'Het jaar 2023 alleen voor de gemeente Utrecht in de gebruikte data.',
    factors: ['financiële middelen'],
    opportunity: true,
  },
  // ── Jeugdhulp ────────────────────────────────────────────────────────────
  {
    id: 'inwoners_0_25',
    label: 'Inwoners van 0 tot 25 jaar',
    title: 'Inwoners van 0 tot 25 jaar',
    definition: 'Inwoners van 0 tot 25 jaar: in 2021 geteld (CBS, a_00_14 + a_15_24), in 2022 en 2023 inwoners maal het afgeronde aandeel 0 tot 25 jaar; gebruikt als noemer en gewicht.',
    domain: 'jeugdhulp',
    unit: 'count',
    decimals: 0,
    higherIsBetter: null,
    source: 'kwb-2022',
    fields: { gemeente: { 2021: 'kwb-2021:derived', 2022: 'derived', 2023: 'derived' }, wijk: { 2021: 'kwb-2021:derived' } },
    aggregate: { kind: 'sum' },
    internal: true,
  },
  {
    id: 'pct_jeugdzorg',
    subject: 'het aandeel jongeren met jeugdzorg in natura',
    label: 'Jongeren met jeugdzorg in natura',
    title: 'Aandeel jongeren met jeugdzorg in natura',
    definition: 'Jongeren tot 23 jaar met jeugdzorg in natura (jeugdhulp, jeugdbescherming of jeugdreclassering) als percentage van alle jongeren tot 23 jaar (CBS, p_jz_tn).',
    domain: 'jeugdhulp',
    unit: 'percent',
    decimals: 1,
    higherIsBetter: null,
    source: 'kwb-2022',
    fields: { gemeente: { 2022: 'kwb-2022:pct_jeugdzorg' } },
    aggregate: { kind: 'weighted', weight: 'inwoners_0_25', weightNote: 'gewogen naar het aantal inwoners tot 25 jaar' },
    factors: ['gezondheid', 'ouderlijk support', 'stabiel huishouden'],
    opportunity: true,
  },
  {
    id: 'wmo_per_1000',
    subject: 'het aantal Wmo-cliënten per 1.000 inwoners',
    label: 'Wmo-cliënten per 1.000 inwoners',
    title: 'Wmo-cliënten per 1.000 inwoners',
    definition: 'Aantal personen met een maatwerkarrangement in het kader van de Wmo per 1.000 inwoners (CBS, p_wmo_t).',
    domain: 'jeugdhulp',
    unit: 'per-1000',
    decimals: 0,
    higherIsBetter: null,
    source: 'kwb-2022',
    fields: withKwbEditions({ gemeente: { 2021: 'kwb-2021:p_wmo_t', 2022: 'kwb-2022:wmo_per_1000' }, wijk: { 2021: 'kwb-2021:p_wmo_t' } }, 'p_wmo_t', { from: 2023 }),
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
      fields: withKwbEditions({ gemeente: { 2021: 'kwb-2021:derived', 2022: 'derived' }, wijk: { 2021: 'kwb-2021:derived' } }, 'a_opl_lg', { derived: true, from: 2023 }),
      aggregate: { kind: 'ratio', scale: 100 },
      factors: ['cultureel kapitaal', 'sociale status'],
      partOf: 'opleidingsniveau',
      ...(level === 'laag' ? { opportunity: true } : {}),
    }),
  ),
  {
    id: 'afstand_basisschool',
    subject: 'de gemiddelde afstand tot de dichtstbijzijnde basisschool',
    label: 'Afstand tot basisschool',
    title: 'Gemiddelde afstand tot de dichtstbijzijnde basisschool',
    definition: 'Gemiddelde afstand over de weg van alle inwoners tot de dichtstbijzijnde basisschool (CBS, g_afs_sc).',
    domain: 'onderwijs',
    unit: 'km',
    decimals: 1,
    higherIsBetter: false,
    source: 'kwb-2022',
    fields: withKwbEditions({ gemeente: { 2021: 'kwb-2021:g_afs_sc', 2022: 'kwb-2022:afstand_basisonderwijs' }, wijk: { 2021: 'kwb-2021:g_afs_sc' } }, 'g_afs_sc', { from: 2023 }),
    aggregate: byInwoners,
    factors: ['onderwijssysteem'],
  },
  // ── (Vroeg)signalering ───────────────────────────────────────────────────
  {
    id: 'afstand_kdv',
    subject: 'de gemiddelde afstand tot het dichtstbijzijnde kinderdagverblijf',
    label: 'Afstand tot kinderdagverblijf',
    title: 'Gemiddelde afstand tot het dichtstbijzijnde kinderdagverblijf',
    definition: 'Gemiddelde afstand over de weg van alle inwoners tot het dichtstbijzijnde kinderdagverblijf (CBS, g_afs_kv); een maat voor de bereikbaarheid van voorschoolse voorzieningen.',
    domain: 'signalering',
    unit: 'km',
    decimals: 1,
    higherIsBetter: false,
    source: 'kwb-2022',
    fields: withKwbEditions({ gemeente: { 2021: 'kwb-2021:g_afs_kv', 2022: 'kwb-2022:afstand_kdv' }, wijk: { 2021: 'kwb-2021:g_afs_kv' } }, 'g_afs_kv', { from: 2023 }),
    aggregate: byInwoners,
    factors: ['voor- en vroegschoolse educatie'],
  },
];

/**
 * Every indicator: the shared ones and those of the source modules, grouped by domain in the
 * order of the report (the shared ones first within a domain, then the modules' in registry order).
 */
export const indicatorList: IndicatorDef[] = [...sharedIndicators, ...sourceModules.flatMap((m) => m.indicators ?? [])]
  .map((d, i) => ({ d, i }))
  .sort((a, b) => domains.indexOf(a.d.domain) - domains.indexOf(b.d.domain) || a.i - b.i)
  .map(({ d }) => d);

/**
 * The indicators about opportunity (IndicatorDef.opportunity, set where each is defined). Context
 * (demography, density, housing, distances, the referrers of youth care) explains them but is not
 * itself a finding for the kernpunten.
 */
export const opportunityIndicators: ReadonlySet<string> = new Set(indicatorList.filter((d) => d.opportunity).map((d) => d.id));

/**
 * The figure of each domain on the summary page, when no kernpunt of that domain names another:
 * the report's own order, first preferred. A module adds to it with `keyFigure` on an indicator.
 */
export const keyIndicatorOrder: Readonly<Record<Domain, readonly string[]>> = {
  demografie: ['pct_0_15'],
  wijk: ['pct_corporatiewoningen'],
  armoede: ['pct_hh_laag_inkomen', 'pct_hh_sociaal_minimum'],
  jeugdhulp: ['pct_jeugdzorg', 'jeugdzorg_per_100_jongeren'],
  onderwijs: ['achterstandsscore', 'pct_opl_laag', 'slaagpct_vo'],
  signalering: ['afstand_kdv', 'jeugdzorg_verwijzer_jeugdarts'],
  verbanden: [],
};

/**
 * The key indicators per domain: those of `order`, then the indicators flagged `keyFigure` that
 * `order` does not list, in the order given.
 */
export function withKeyFigures(order: Readonly<Record<Domain, readonly string[]>>, indicators: readonly IndicatorDef[]): Record<Domain, string[]> {
  return Object.fromEntries(
    domains.map((domain) => {
      const listed = order[domain] ?? [];
      const flagged = indicators.filter((d) => d.keyFigure && d.domain === domain && !listed.includes(d.id)).map((d) => d.id);
      return [domain, [...listed, ...flagged]];
    }),
  ) as Record<Domain, string[]>;
}

/** The figure of each domain on the summary page, when no kernpunt of that domain names another (first preferred). */
export const domainKeyIndicators: Record<Domain, string[]> = withKeyFigures(keyIndicatorOrder, indicatorList);

export const catalogue: ReadonlyMap<string, IndicatorDef> = new Map(indicatorList.map((d) => [d.id, d]));

/** Topics a reader would expect per domain that the open data here cannot show, with the reason. */
/**
 * Topics a reader would expect per domain that the open data here cannot show, with the
 * reason; `keywords` drop the line when the client's own data covers the topic.
 */
export const missingTopics: Record<Domain, { text: string; keywords: string[] }[]> = {
  demografie: [],
  wijk: [{ text: 'Segregatie tussen scholen: geen leerlingherkomst per school in de gebruikte open data.', keywords: ['segregatie'] }],
  armoede: [{ text: 'Kinderen in (langdurige) armoede: CBS publiceert dit niet in de gebruikte kerncijfers.', keywords: ['armoede', 'kinderen in'] }],
  jeugdhulp: [{ text: 'Jeugdhulp naar vorm per wijk: CBS publiceert de vormen alleen per gemeente.', keywords: [] }],
  onderwijs: [
    { text: 'Eindtoets naast schooladvies en doorstroom naar het vo: niet in de gebruikte open data.', keywords: ['eindtoets', 'doorstroomtoets', 'doorstroom'] },
    { text: 'Voortijdig schoolverlaten (vsv): niet in de gebruikte open data.', keywords: ['vsv', 'voortijdig'] },
    { text: 'Thuiszitters en verzuim: niet in de gebruikte open data.', keywords: ['thuiszitter', 'verzuim'] },
    { text: 'Schoolweging van 2020 en later: alleen de achterstandsscores van 2019 zijn beschikbaar.', keywords: ['schoolweging'] },
  ],
  signalering: [
    { text: 'Bereik van voor- en vroegschoolse educatie (vve): geen open data per gemeente in de gebruikte bronnen.', keywords: ['vve', 'voorschool'] },
    { text: 'Signalen uit de jeugdgezondheidszorg: geen open data per gemeente in de gebruikte bronnen.', keywords: ['jgz', 'jeugdgezondheid', 'consultatiebureau'] },
  ],
  verbanden: [],
};

export function yearLabel(def: Pick<IndicatorDef, 'period' | 'provisionalYears'>, year: number): string {
  const provisional = def.provisionalYears?.includes(year) ? ' (voorlopig)' : '';
  switch (def.period) {
    case 'schooljaar':
      return `${year}-${year + 1}${provisional}`;
    case 'composite':
      return '2019-2020 t/m 2024-2025';
    default:
      return `${year}${provisional}`;
  }
}

/** A year inside parentheses: "2022, voorlopig", never "(2022 (voorlopig))". */
export function yearInParens(def: Pick<IndicatorDef, 'period' | 'provisionalYears'>, year: number): string {
  return yearLabel(def, year).replace(' (voorlopig)', ', voorlopig');
}

/** Whether a year can be the start of a trend: not a year marked as not comparable or provisional. */
export function comparableYear(def: Pick<IndicatorDef, 'yearNotes' | 'provisionalYears'>, year: number): boolean {
  return !def.yearNotes?.[year] && !def.provisionalYears?.includes(year);
}

/** The field a year is read from: the declared one, or for a later year `laterYears` (gemeente level). */
export function fieldFor(def: IndicatorDef, level: Level, year: number): string | undefined {
  const declared = def.fields[level];
  if (declared?.[year] !== undefined) return declared[year];
  if (level !== 'gemeente' || !def.laterYears || !declared) return undefined;
  return year > Math.max(...Object.keys(declared).map(Number)) ? def.laterYears : undefined;
}

export function indicatorYears(def: IndicatorDef, level: Level = 'gemeente'): number[] {
  return Object.keys(def.fields[level] ?? {})
    .map(Number)
    .sort((a, b) => a - b);
}
