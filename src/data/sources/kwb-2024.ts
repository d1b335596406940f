/**
 * CBS Kerncijfers wijken en buurten 2024: gemeenten and wijken (CBS), and the 2024 wijken with names and geometry (PDOK) every older wijk is matched to. Read by the core step of load-dataset.ts.
 */
import type { SourceDef, SourceModule } from './types.js';
import { count, density, gemeenteInwoners, share } from './plausible.js';

export const kwb2024Source = {
  id: 'kwb-2024',
  publisher: 'CBS',
  citation: 'CBS, Kerncijfers wijken en buurten 2024',
  table: 'Kerncijfers wijken en buurten 2024 (tabel 85984NED, versie 27 maart 2025)',
  file: 'cbs/kwb_2024_85984NED_gm_wk_basis.json',
  license: 'CC BY 4.0',
} satisfies SourceDef;

export const kwb2024WijkenSource = {
  id: 'kwb-2024-wijken',
  publisher: 'CBS/PDOK',
  citation: 'CBS, Kerncijfers wijken en buurten 2024 (wijken)',
  table: 'Wijken 2024 met kerncijfers (PDOK-dienst cbs/wijkenbuurten/2024, laag wijken)',
  file: 'geo/wijken_2024_pdok.geojson',
  license: 'CC BY 4.0',
  caveat: 'CBS rondt aantallen op wijkniveau af op 5.',
} satisfies SourceDef;

export const kwb2024Module: SourceModule = {
  id: 'kwb-2024',
  sources: [kwb2024Source, kwb2024WijkenSource],
  core: true,
  fetchTables: (k) => [
    {
      name: 'cbs-kwb-2024',
      sourceId: 'kwb-2024',
      publisher: 'cbs',
      tableId: k.kwbTableIds[2024],
      year: 2024,
      file: kwb2024Source.file,
      check: {
        kind: 'kwb-json',
        variables: k.kwbBasisVariables,
        minGemeenten: 300,
        minWijken: 3000,
        values: {
          numbers: [count(/^(AantalInwoners|Mannen|Vrouwen|Woningvoorraad|Oppervlakte\w+)_\d+$/), gemeenteInwoners(/^AantalInwoners_\d+$/, '$key'), density(/^Bevolkingsdichtheid_\d+$/)],
          // CBS rounds a wijk's inhabitants to 5: the wijken add up to their gemeente within 0.31 % in the real table.
          wijkTotals: { code: '$key', column: 'AantalInwoners_5', tolerance: 0.02 },
        },
      },
      fetch: k.cbs.kwbBasis(k.kwbTableIds[2024]),
    },
    {
      name: 'pdok-wijken-2024',
      sourceId: 'kwb-2024-wijken',
      publisher: 'pdok',
      tableId: 'cbs/wijkenbuurten/2024: wijken',
      year: 2024,
      file: kwb2024WijkenSource.file,
      check: {
        kind: 'geojson',
        codeProperty: 'wijkcode',
        pattern: k.patterns.WK,
        min: 3000,
        properties: ['wijknaam', 'gemeentecode', 'aantal_inwoners', 'huishoudens'],
        values: { key: ['wijkcode'], numbers: [count(['aantal_inwoners', 'mannen', 'vrouwen', 'huishoudens', 'personenautos']), share(['0_15', '15_25', '25_45', '45_65', '65plus']), density(['bevolkingsdichtheid'])] },
      },
      fetch: k.pdok.wijken(2024),
    },
  ],
};
