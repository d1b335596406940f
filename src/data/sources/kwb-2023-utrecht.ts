/**
 * CBS Kerncijfers wijken en buurten 2023, the file for the gemeente Utrecht: bijstand per 1.000
 * inwoners of 2023 for Utrecht and its wijken (a data directory may lack it).
 */
import { parseCsvRecords } from '../../util/csv.js';
import { applySuppression } from '../series.js';
import { toNumber } from './data-files.js';
import type { SourceDef, SourceModule } from './types.js';
import { kwbShortNameBands } from './plausible.js';

export const kwb2023UtrechtSource = {
  id: 'kwb-2023-utrecht',
  publisher: 'CBS',
  citation: 'CBS, Kerncijfers wijken en buurten 2023 (gemeente Utrecht)',
  table: 'Kerncijfers wijken en buurten 2023, bestand voor de gemeente Utrecht',
  file: 'cbs/kwb_2023_gemeente_utrecht.csv',
  license: 'CC BY 4.0',
  caveat: 'Alleen beschikbaar voor de gemeente Utrecht en haar wijken.',
} satisfies SourceDef;

export const kwb2023UtrechtModule: SourceModule = {
  id: 'kwb-2023-utrecht',
  sources: [kwb2023UtrechtSource],
  optional: true,
  fetchTables: (k) => [
    {
      name: 'cbs-kwb-2023-utrecht',
      sourceId: 'kwb-2023-utrecht',
      publisher: 'cbs',
      tableId: k.kwbTableIds[2023],
      year: 2023,
      file: kwb2023UtrechtSource.file,
      check: { kind: 'csv', sep: ',', columns: ['gwb_code', 'regio', 'recs', 'a_inw', 'a_soz_wb'], codes: { column: 'gwb_code', pattern: /^(GM0344|WK0344\d\d|BU0344\d{4})$/, min: 2 },
        values: { key: ['gwb_code'], numbers: kwbShortNameBands('gwb_code'), wijkTotals: { code: 'gwb_code', column: 'a_inw', tolerance: 0.02 } },
      },
      fetch: k.cbs.kwbGemeente(k.kwbTableIds[2023], 'GM0344'),
    },
  ],
  // Written straight into the store: the wijk codes are those of 2024 (Utrecht kept them).
  load: async ({ read, series, wijken }) => {
    const { records } = parseCsvRecords(await read.text(kwb2023UtrechtSource.file));
    for (const { values } of records) {
      const code = values.gwb_code;
      if (!(code.startsWith('GM') || (code.startsWith('WK') && wijken.has(code)))) continue;
      const num = toNumber(values.a_soz_wb);
      const den = toNumber(values.a_inw);
      if (num === null || den === null || den === 0) continue;
      series.set('bijstand_per_1000', 2023, code, applySuppression({ value: (num / den) * 1000, numerator: num, denominator: den }));
    }
  },
};
