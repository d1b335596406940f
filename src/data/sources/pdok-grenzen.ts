/**
 * Gemeente- and provinciegrenzen (PDOK, simplified): the maps. Read by the core step of load-dataset.ts.
 */
import type { SourceDef, SourceModule } from './types.js';

export const grenzenSource = {
  id: 'grenzen',
  publisher: 'PDOK',
  citation: 'PDOK/CBS, Wijk- en buurtkaart',
  table: 'Gemeente-, provincie- en wijkgrenzen (CBS Wijk- en buurtkaart via PDOK, vereenvoudigd)',
  file: 'geo/',
  license: 'CC BY 4.0',
} satisfies SourceDef;

export const grenzenModule: SourceModule = {
  id: 'grenzen',
  sources: [grenzenSource],
  core: true,
  fetchTables: (k) => [
    {
      name: 'pdok-gemeentegrenzen-2023',
      sourceId: 'grenzen',
      publisher: 'pdok',
      tableId: 'cbs/gebiedsindelingen/2023: gemeente_gegeneraliseerd',
      year: 2023,
      file: 'geo/gemeenten_simplified_342.geojson',
      check: { kind: 'geojson', codeProperty: 'gemeenteCode', pattern: k.patterns.GM, min: 300, properties: ['gemeenteNaam'], values: { key: ['gemeenteCode'] } },
      fetch: k.pdok.gebiedsindeling(2023, 'gemeente'),
    },
    {
      name: 'pdok-provinciegrenzen-2023',
      sourceId: 'grenzen',
      publisher: 'pdok',
      tableId: 'cbs/gebiedsindelingen/2023: provincie_gegeneraliseerd',
      year: 2023,
      file: 'geo/provincies_simplified.geojson',
      check: { kind: 'geojson', codeProperty: 'provincieCode', pattern: /^PV\d\d$/, min: 12, properties: ['provincie'], values: { key: ['provincieCode'] } },
      fetch: k.pdok.gebiedsindeling(2023, 'provincie'),
    },
  ],
};
