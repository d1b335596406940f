/**
 * CBS Gebieden in Nederland 2023: the gemeenten (indeling 2023) with their provincie, the master list every report starts from. Read by the core step of load-dataset.ts.
 */
import type { SourceDef, SourceModule } from './types.js';

export const koppeltabelSource = {
  id: 'koppeltabel',
  publisher: 'CBS',
  citation: 'CBS, Gemeentelijke indeling 2023',
  table: 'Gemeenten met veiligheidsregio en provincie, indeling 2023',
  file: 'cbs/gemeente_vr_provincie_koppeling.csv',
  license: 'CC BY 4.0',
} satisfies SourceDef;

export const koppeltabelModule: SourceModule = {
  id: 'koppeltabel',
  sources: [koppeltabelSource],
  core: true,
  fetchTables: (k) => [
    {
      name: 'cbs-gebieden-2023',
      sourceId: 'koppeltabel',
      publisher: 'cbs',
      tableId: k.GEBIEDEN_2023,
      year: 2023,
      file: koppeltabelSource.file,
      check: { kind: 'csv', sep: ';', columns: ['gemeentCode', 'gemeenteNaam', 'veiligheidsRegioCode', 'provincieCode', 'Provincie'], codes: { column: 'gemeentCode', pattern: k.patterns.GM, min: 300 }, values: { key: ['gemeentCode'] } },
      fetch: k.cbs.gebieden(k.GEBIEDEN_2023),
    },
  ],
};
