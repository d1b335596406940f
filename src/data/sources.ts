/**
 * The public sources the catalogue draws on, with the citation printed under
 * each figure and in the colophon. Paths are relative to the data directory.
 */
export interface SourceDef {
  id: string;
  publisher: 'CBS' | 'DUO' | 'PDOK' | 'CBS/PDOK' | 'DUO (afgeleid)' | 'Gelijke Kansen Alliantie';
  /** Short citation under a figure: "CBS, Kerncijfers wijken en buurten 2022". */
  citation: string;
  /** CBS table id or dataset name, for the colophon. */
  table: string;
  file: string;
  license: string;
  caveat?: string;
}

export const sources = {
  'kwb-2022': {
    id: 'kwb-2022',
    publisher: 'CBS',
    citation: 'CBS, Kerncijfers wijken en buurten 2022',
    table: 'Kerncijfers wijken en buurten 2022, gemeenten (PDOK-dienst cbs/wijkenbuurten/2022)',
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
  'duo-examen': {
    id: 'duo-examen',
    publisher: 'DUO',
    citation: 'DUO, Examenkandidaten en geslaagden vo',
    table: 'Examenkandidaten en geslaagden vmbo, havo en vwo per vestiging en opleiding, schooljaren 2019-2020 t/m 2023-2024',
    file: 'duo/examen_vo_2019-2024_per_vestiging_opleiding.csv',
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
