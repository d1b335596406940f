/**
 * CBS Kerncijfers wijken en buurten 2023, gemeenten (PDOK). Read by the core step of load-dataset.ts; its indicators draw on several KWB editions and stay in catalogue.ts.
 */
import type { SourceDef, SourceModule } from './types.js';
import { count, density, gemeenteInwoners, share, stedelijkheid } from './plausible.js';

export const kwb2023Source = {
  id: 'kwb-2023',
  publisher: 'CBS/PDOK',
  citation: 'CBS, Kerncijfers wijken en buurten 2023',
  table: 'Kerncijfers wijken en buurten 2023, gemeenten (PDOK-dienst cbs/wijkenbuurten/2023)',
  file: 'geo/gemeenten_2023_pdok_kwb.geojson',
  license: 'CC BY 4.0',
} satisfies SourceDef;

export const kwb2023Module: SourceModule = {
  id: 'kwb-2023',
  sources: [kwb2023Source],
  core: true,
  fetchTables: (k) => [
    {
      name: 'pdok-gemeenten-2023-kwb',
      sourceId: 'kwb-2023',
      publisher: 'pdok',
      tableId: 'cbs/wijkenbuurten/2023: gemeenten',
      year: 2023,
      file: kwb2023Source.file,
      check: {
        kind: 'geojson',
        codeProperty: 'gemeentecode',
        pattern: k.patterns.GM,
        min: 300,
        properties: ['gemeentenaam', 'aantalInwoners', 'aantalHuishoudens'],
        year: { property: 'jaar', expect: 2023 },
        values: {
          key: ['gemeentecode'],
          numbers: [
            count(/^(aantalInwoners|mannen|vrouwen|aantalHuishoudens|oppervlakte\w+)$/),
            share(/^perc/),
            gemeenteInwoners(['aantalInwoners'], 'gemeentecode'),
            density(/^bevolkingsdichtheid/),
            stedelijkheid(['stedelijkheidAdressenPerKm2']),
          ],
        },
      },
      fetch: k.pdok.gemeentenKwb(2023),
    },
  ],
};
