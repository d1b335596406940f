/**
 * The public sources the catalogue draws on, with the citation printed under
 * each figure and in the colophon. Paths are relative to the data directory.
 */
export interface SourceDef {
  id: string;
  publisher: 'CBS' | 'DUO' | 'PDOK' | 'CBS/PDOK' | 'DUO (afgeleid)' | 'CBS/DUO' | 'Gelijke Kansen Alliantie';
  /** Short citation under a figure: "CBS, Kerncijfers wijken en buurten 2022". */
  citation: string;
  /** CBS table id or dataset name, for the colophon. */
  table: string;
  /** The file (or first file) read, relative to the data directory. */
  file: string;
  /** Other files of the same source. */
  files?: string[];
  /** Gemeentelijke indeling (1 January of this year) of the source's gemeente codes or names. */
  indeling?: number;
  license: string;
  caveat?: string;
  /**
   * 'school': the source counts pupils where their school stands (DUO, the CBS achterstandsscores):
   * its figures are about the schools in an area, not its own children, and every sentence that
   * stresses them says so ("op scholen in Arnhem").
   */
  countsBy?: 'school';
}

export const sources = {
  'kwb-2022': {
    id: 'kwb-2022',
    publisher: 'CBS',
    citation: 'CBS, Kerncijfers wijken en buurten 2022',
    table: 'Kerncijfers wijken en buurten 2022 (tabel 85318NED), gemeenten; als PDOK-dienst cbs/wijkenbuurten/2022 of uit CBS StatLine',
    file: 'cbs/kwb_2022_gemeenten_pdok_indicatoren.csv',
    license: 'CC BY 4.0',
    caveat:
      'Gemeentelijke indeling 1 januari 2022: Voorne aan Zee is opgeteld uit Brielle, Hellevoetsluis en Westvoorne, Amsterdam uit Amsterdam en Weesp. Inkomenscijfers in deze editie gaan over een eerder verslagjaar (zie de CBS-toelichting).',
  },
  'kwb-2023': {
    id: 'kwb-2023',
    publisher: 'CBS/PDOK',
    citation: 'CBS, Kerncijfers wijken en buurten 2023',
    table: 'Kerncijfers wijken en buurten 2023, gemeenten (PDOK-dienst cbs/wijkenbuurten/2023)',
    file: 'geo/gemeenten_2023_pdok_kwb.geojson',
    license: 'CC BY 4.0',
  },
  'kwb-2024': {
    id: 'kwb-2024',
    publisher: 'CBS',
    citation: 'CBS, Kerncijfers wijken en buurten 2024',
    table: 'Kerncijfers wijken en buurten 2024 (tabel 85984NED, versie 27 maart 2025)',
    file: 'cbs/kwb_2024_85984NED_gm_wk_basis.json',
    license: 'CC BY 4.0',
  },
  'kwb-2024-wijken': {
    id: 'kwb-2024-wijken',
    publisher: 'CBS/PDOK',
    citation: 'CBS, Kerncijfers wijken en buurten 2024 (wijken)',
    table: 'Wijken 2024 met kerncijfers (PDOK-dienst cbs/wijkenbuurten/2024, laag wijken)',
    file: 'geo/wijken_2024_pdok.geojson',
    license: 'CC BY 4.0',
    caveat: 'CBS rondt aantallen op wijkniveau af op 5.',
  },
  'kwb-2023-utrecht': {
    id: 'kwb-2023-utrecht',
    publisher: 'CBS',
    citation: 'CBS, Kerncijfers wijken en buurten 2023 (gemeente Utrecht)',
    table: 'Kerncijfers wijken en buurten 2023, bestand voor de gemeente Utrecht',
    file: 'cbs/kwb_2023_gemeente_utrecht.csv',
    license: 'CC BY 4.0',
    caveat: 'Alleen beschikbaar voor de gemeente Utrecht en haar wijken.',
  },
  'kwb-2021': {
    id: 'kwb-2021',
    publisher: 'CBS',
    citation: 'CBS, Kerncijfers wijken en buurten 2021',
    table: 'Kerncijfers wijken en buurten 2021 (kwb-2021, definitieve editie met inkomen, opleiding en uitkeringen), gemeenten en wijken',
    file: 'cbs/kwb_2021_gm_wk_sociaal.csv',
    indeling: 2021,
    license: 'CC BY 4.0',
    caveat:
      'Gemeentelijke indeling 1 januari 2021 en wijkindeling 2021: omgerekend naar de gemeenten van 2023; een wijk van 2024 zonder gelijke wijk in 2021 heeft geen gegevens. Inkomenscijfers gaan over een eerder verslagjaar (zie de CBS-toelichting).',
  },
  'cbs-inkomen-2020': {
    id: 'cbs-inkomen-2020',
    publisher: 'CBS',
    citation: 'CBS maatwerk, Inkomen per gemeente en wijk, 2020 (wijkindeling 2023)',
    table:
      'Inkomen per gemeente en wijk, 2020 (CBS maatwerk, 2023, in opdracht van de Kamers van Koophandel; www.cbs.nl/nl-nl/maatwerk/2023/35/inkomen-per-gemeente-en-wijk-2020): gemiddeld persoonlijk inkomen per inwoner en het aandeel particuliere huishoudens in de laagste 40% en de hoogste 20% inkomens van Nederland, inkomensjaar 2020, gemeentelijke indeling en wijkindeling 2023',
    file: 'cbs/inkomen_2020_gm_wk_indeling2023_cbs_maatwerk.csv',
    indeling: 2023,
    license: 'CC BY 4.0',
    caveat:
      'Inkomensjaar 2020 op de wijkindeling van 2023: een wijk van 2024 krijgt het cijfer alleen als de wijk in 2023 dezelfde code en naam had. Het aandeel huishoudens in de laagste 40% inkomens van Nederland is niet het aandeel huishoudens met een laag inkomen (lage-inkomensgrens).',
  },
  'jeugdzorg-wijk-2021': {
    id: 'jeugdzorg-wijk-2021',
    publisher: 'CBS',
    citation: 'CBS, Jeugdzorg in natura; wijken en buurten 2021',
    table: 'Jeugdzorg in natura; wijken en buurten 2021 (tabel 85075NED), alle vormen van jeugdzorg',
    file: 'cbs/jeugdzorg_in_natura_gm_wk_2021_2022.csv',
    indeling: 2021,
    license: 'CC BY 4.0',
    caveat: 'CBS rondt de aantallen af op 5 en publiceert geen cijfers voor kleine wijken.',
  },
  'jeugdzorg-wijk-2022': {
    id: 'jeugdzorg-wijk-2022',
    publisher: 'CBS',
    citation: 'CBS, Jeugdzorg in natura; wijken en buurten 2022',
    table: 'Jeugdzorg in natura; wijken en buurten 2022 (tabel 85335NED), alle vormen van jeugdzorg',
    file: 'cbs/jeugdzorg_in_natura_gm_wk_2021_2022.csv',
    files: ['cbs/jeugdzorg_in_natura_nl_gm_2022_85335NED.csv'],
    indeling: 2022,
    license: 'CC BY 4.0',
    caveat: 'CBS rondt de aantallen af op 5 en publiceert geen cijfers voor kleine wijken.',
  },
  'jeugdzorg-indicatoren': {
    id: 'jeugdzorg-indicatoren',
    publisher: 'CBS',
    citation: 'CBS, Indicatoren jeugdzorg; gemeenten',
    table: 'Indicatoren jeugdzorg; gemeenten (tabel 85098NED), 2022 voorlopige cijfers, StatLine-export van 24 juni 2023',
    file: 'cbs/indicatoren_jeugdzorg_gemeenten_2022v_85098NED.csv',
    indeling: 2022,
    license: 'CC BY 4.0',
    caveat: 'Voorlopige cijfers over 2022; CBS kan ze nog herzien. Per gemeentenaam gekoppeld.',
  },
  'cbs-achterstand-2019': {
    id: 'cbs-achterstand-2019',
    publisher: 'CBS',
    citation: 'CBS, Achterstandsscores basisscholen 2019',
    table: 'Achterstandsscores basisscholen, peildatum 1 oktober 2019 (CBS, februari 2020), tabel 2: scores zonder drempel',
    file: 'duo/po/achterstandsscores_basisscholen_2019_tabel2.csv',
    files: ['duo/po/achterstandsscores_basisscholen_2019_tabel1.csv'],
    indeling: 2019,
    countsBy: 'school',
    license: 'CC BY 4.0',
    caveat: 'Naar de gemeente waar de school staat, niet waar de leerling woont; alleen bekostigd regulier basisonderwijs.',
  },
  'duo-leerlingen-po-2019': {
    id: 'duo-leerlingen-po-2019',
    publisher: 'DUO',
    citation: 'DUO, Leerlingen en afstand woonadres-schoolvestiging po/so 2019-2020',
    table: 'Gemiddelde afstand tussen woonadres leerling en schoolvestiging 2019-2020 (leerlingen per vestiging bo, sbo, so en vso op 1 oktober 2019)',
    file: 'duo/po/afstand_woonadres_schoolvestiging_po_so_2019-2020.csv',
    indeling: 2019,
    countsBy: 'school',
    license: 'CC BY 4.0',
    caveat: 'Naar de gemeente waar de school staat, niet waar de leerling woont; scholen voor (v)so en sbo hebben vaak leerlingen uit omliggende gemeenten.',
  },
  'duo-leerlingen-vo-2019': {
    id: 'duo-leerlingen-vo-2019',
    publisher: 'DUO',
    citation: 'DUO, Leerlingen vo per vestiging 2019',
    table: 'Leerlingen vo per vestiging naar onderwijstype, teldatum 1 oktober 2019, met de gemeente uit het vestigingenregister vo van 2020',
    file: 'duo/vo/leerlingen_vo_per_vestiging_onderwijstype_2019.csv',
    files: ['duo/register/vestigingen_vo_duo_2020.csv'],
    indeling: 2020,
    countsBy: 'school',
    license: 'CC BY 4.0',
  },
  'duo-examen-2014': {
    id: 'duo-examen-2014',
    publisher: 'DUO',
    citation: 'DUO, Examenkandidaten en geslaagden vo',
    table: 'Examenkandidaten en geslaagden vmbo, havo en vwo per vestiging en opleiding, schooljaren 2014-2015 t/m 2018-2019',
    file: 'duo/vo/examen_vo_2014-2019_per_vestiging_opleiding.csv',
    files: ['duo/register/vestigingen_vo_duo_2020.csv'],
    indeling: 2020,
    license: 'CC BY 4.0',
    caveat: 'Naar de gemeente waar de school staat (vestigingenregister vo 2020), niet waar de leerling woont.',
  },
  'duo-schooladviezen': {
    id: 'duo-schooladviezen',
    publisher: 'DUO (afgeleid)',
    citation: 'DUO, Schooladviezen bo/sbo',
    table: 'Leerlingen bo/sbo naar schooladvies per instelling, schooljaren vanaf 2019-2020, het laatste bij elke figuur vermeld (DUO "04-leerlingen-bo-sbo-schooladviezen": per schooljaar opgehaald bij DUO, of t/m 2024-2025 zoals verzameld in de openbare repository NocturnalTomato/Basisschool_vergelijken), gemeente uit het vestigingenregister bo van 2020',
    file: 'duo/derived/schooladviezen_po_2019-2025_per_instelling.csv',
    files: ['duo/register/vestigingen_bo_duo_2020.csv'],
    indeling: 2020,
    countsBy: 'school',
    license: 'CC BY 4.0 (DUO)',
    caveat:
      'Per instelling (alle vestigingen samen), naar de gemeente van de school. Vanaf 2022-2023 publiceert DUO aantallen van 1 tot 4 als "<5": die jaren zijn bij benadering (als 2 geteld).',
  },
  'duo-scholen-2024': {
    id: 'duo-scholen-2024',
    publisher: 'DUO (afgeleid)',
    citation: 'DUO, Adressen schoolvestigingen november 2024 (geocodering BAG)',
    table: 'Schoolvestigingen po, vo, sbo en (v)so met adres, 22 november 2024, gegeocodeerd met de BAG (openbare repository edugis-repo/data-nl-scholen)',
    file: 'duo/derived/scholen_2024_geocoded.geojson',
    indeling: 2023,
    license: 'CC BY 4.0 (DUO)',
  },
  'duo-examen': {
    id: 'duo-examen',
    publisher: 'DUO',
    citation: 'DUO, Examenkandidaten en geslaagden vo',
    table: 'Examenkandidaten en geslaagden vmbo, havo en vwo per vestiging en opleiding, vijf schooljaren, het laatste bij elke figuur vermeld (het nieuwste bestand dat DUO publiceert; in de gestagede kopie 2019-2020 t/m 2023-2024)',
    file: 'duo/examen_vo_2019-2024_per_vestiging_opleiding.csv',
    countsBy: 'school',
    license: 'CC BY 4.0',
    caveat:
      'Naar de gemeente waar de school staat, niet waar de leerling woont. Opleidingen met minder dan 5 kandidaten ("<5" bij DUO) tellen niet mee. In 2019-2020 zijn de centrale examens niet doorgegaan (corona).',
  },
  'duo-advies': {
    id: 'duo-advies',
    publisher: 'DUO (afgeleid)',
    citation: 'DUO schooladviezen, bewerking alleschools',
    table: 'Schooladviezen per basisschoolvestiging 2019-2020 t/m 2024-2025 (DUO), jaargewogen aandeel vwo-advies per school (afgeleide bewerking, openbare repository zhaidewei/alleschools)',
    file: 'duo/derived/po_scholen_advies_woz_xy_2019-2024.csv',
    license: 'CC BY 4.0 (DUO)',
    caveat:
      'Afgeleid cijfer, geen officiële DUO-publicatie: per school een over de jaren gewogen aandeel vwo-adviezen, uitschieters afgekapt; per gemeente gewogen met het aantal leerlingen met een advies. Alleen als globale indicatie te gebruiken.',
  },
  koppeltabel: {
    id: 'koppeltabel',
    publisher: 'CBS',
    citation: 'CBS, Gemeentelijke indeling 2023',
    table: 'Gemeenten met veiligheidsregio en provincie, indeling 2023',
    file: 'cbs/gemeente_vr_provincie_koppeling.csv',
    license: 'CC BY 4.0',
  },
  grenzen: {
    id: 'grenzen',
    publisher: 'PDOK',
    citation: 'PDOK/CBS, Wijk- en buurtkaart',
    table: 'Gemeente-, provincie- en wijkgrenzen (CBS Wijk- en buurtkaart via PDOK, vereenvoudigd)',
    file: 'geo/',
    license: 'CC BY 4.0',
  },
} satisfies Record<string, SourceDef>;

export type SourceId = keyof typeof sources;

export function sourceById(id: string): SourceDef | undefined {
  return (sources as Record<string, SourceDef>)[id];
}
