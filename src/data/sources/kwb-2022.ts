/**
 * CBS Kerncijfers wijken en buurten 2022, gemeenten (indeling 2022). Read by the core step of load-dataset.ts; its indicators draw on several KWB editions and stay in catalogue.ts.
 */
import type { SourceDef, SourceModule } from './types.js';
import { count, density, gemeenteInwoners, perThousand, share, stedelijkheid } from './plausible.js';

export const kwb2022Source = {
  id: 'kwb-2022',
  publisher: 'CBS',
  citation: 'CBS, Kerncijfers wijken en buurten 2022',
  table: 'Kerncijfers wijken en buurten 2022 (tabel 85318NED), gemeenten; als PDOK-dienst cbs/wijkenbuurten/2022 of uit CBS StatLine',
  file: 'cbs/kwb_2022_gemeenten_pdok_indicatoren.csv',
  license: 'CC BY 4.0',
  caveat:
    'Gemeentelijke indeling 1 januari 2022: Voorne aan Zee is opgeteld uit Brielle, Hellevoetsluis en Westvoorne, Amsterdam uit Amsterdam en Weesp. Inkomenscijfers in deze editie gaan over een eerder verslagjaar (zie de CBS-toelichting).',
} satisfies SourceDef;

export const kwb2022Module: SourceModule = {
  id: 'kwb-2022',
  sources: [kwb2022Source],
  core: true,
  fetchTables: (k) => [
    {
      name: 'cbs-kwb-2022-gemeenten',
      sourceId: 'kwb-2022',
      publisher: 'cbs',
      tableId: k.kwbTableIds[2022],
      year: 2022,
      file: kwb2022Source.file,
      check: { kind: 'csv', sep: ',', columns: k.kwb2022Header, codes: { column: 'gemeentecode', pattern: k.patterns.GM, min: 300 },
      values: {
        key: ['gemeentecode'],
        numbers: [
          count(/^(aantal_inwoners|mannen|vrouwen|huishoudens|woningvoorraad|opl_(laag|midden|hoog)|bedrijfsvestigingen|personenautos|motorfietsen)$/),
          share(/^(0_15|15_25|25_45|45_65|65plus|koopwoningen|huurwoningen|arbeidsparticipatie|pct_.+)$/),
          gemeenteInwoners(['aantal_inwoners'], 'gemeentecode'),
          density(['bevolkingsdichtheid']),
          stedelijkheid(['stedelijkheid']),
          perThousand(['wmo_per_1000']),
        ],
      },
    },
      fetch: k.cbs.kwb2022Gemeenten(k.kwbTableIds[2022]),
    },
  ],
};
