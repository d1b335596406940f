/**
 * CBS Sociaal-economische status; scores per wijk en buurt, regio-indeling 2021 (85163NED),
 * period 2019: the mean SES-WOA totaalscore of the particuliere huishoudens. The staged file is a
 * StatLine export for the gemeente Amsterdam only (1 gemeente, 99 wijken, 479 buurten): `;`, BOM,
 * space-padded values and codes. Wijk codes are those of 2021 (Amsterdam renumbered its wijken
 * in 2022): a 2024 wijk gets the score only through the match KWB 2021 made for the same wijk.
 */
import { join } from 'node:path';
import { ReportError } from '../../util/errors.js';
import { messages } from '../../util/messages.js';
import { parseCsvRecords } from '../../util/csv.js';
import type { IndicatorDef } from '../indicator-def.js';
import { matchSameCodeAndName } from '../wijk-matching.js';
import { toNumber } from './data-files.js';
import type { DataFiles, SourceDef, SourceModule, SourceObservation, SourceReading } from './types.js';
import { count, share } from './plausible.js';

export const sesWoa2019Source = {
  id: 'cbs-ses-woa-2019',
  publisher: 'CBS',
  citation: 'CBS, Sociaal-economische status; scores per wijk en buurt, 2019',
  table: 'Sociaal-economische status; scores per wijk en buurt, regio-indeling 2021 (tabel 85163NED), 2019, StatLine-export voor de gemeente Amsterdam',
  file: 'cbs/ses_woa_2019_amsterdam_85163NED.csv',
  indeling: 2021,
  license: 'CC BY 4.0',
  caveat:
    'Alleen de gemeente Amsterdam en haar wijken, in de regio-indeling van 2021 (Amsterdam zonder Weesp): een wijk van 2024 krijgt de score alleen als ze dezelfde wijk is als in 2021; Amsterdam als gemeente van 2023 (met Weesp) heeft geen score.',
} satisfies SourceDef;

export const SES_WOA_COLUMNS = {
  code: 'Regiocode (gemeente, wijk, buurt) (code)',
  name: 'Wijken en buurten',
  period: 'Perioden',
  households: 'Particuliere huishoudens (Aantal)',
  score: 'SES-WOA/Totaalscore/Gemiddelde score (Getal)',
} as const;

const YEAR = 2019;

/** The gemeente and wijk rows (buurten are not used): the mean score, and the households it is a mean over. */
export async function readSesWoa2019(files: DataFiles): Promise<SourceReading> {
  const file = sesWoa2019Source.file;
  const { header, records } = parseCsvRecords(await files.text(file), ';');
  for (const col of Object.values(SES_WOA_COLUMNS)) {
    if (!header.includes(col)) throw new ReportError(messages.dataColumnMissing(join(files.dataDir, file), col), 'data');
  }
  const observations: SourceObservation[] = [];
  const wijken = new Map<string, { name: string; gemeenteCode: string; inwoners: number | null }>();
  for (const { values } of records) {
    const code = values[SES_WOA_COLUMNS.code].trim();
    if (!/^(GM\d{4}|WK\d{6})$/.test(code) || values[SES_WOA_COLUMNS.period].trim() !== String(YEAR)) continue;
    const score = toNumber(values[SES_WOA_COLUMNS.score]);
    observations.push({
      code,
      indicator: 'ses_woa_score',
      year: YEAR,
      indeling: sesWoa2019Source.indeling,
      ...(score === null ? { value: null, note: 'niet gepubliceerd door CBS' } : { value: score }),
    });
    if (code.startsWith('WK')) wijken.set(code, { name: values[SES_WOA_COLUMNS.name].trim(), gemeenteCode: `GM${code.slice(2, 6)}`, inwoners: null });
  }
  return { observations, wijken, wijkindeling: sesWoa2019Source.indeling, notes: [] };
}

const indicators: IndicatorDef[] = [
  {
    id: 'ses_woa_score',
    subject: 'de SES-WOA totaalscore (gemiddelde)',
    label: 'SES-WOA totaalscore (gemiddelde)',
    title: 'SES-WOA totaalscore (gemiddelde)',
    definition:
      'Gemiddelde sociaal-economische status van de particuliere huishoudens op 1 januari 2019 (CBS, SES-WOA, tabel 85163NED): per huishouden een score uit de financiële welvaart, het opleidingsniveau en het recente arbeidsverleden, hier het gemiddelde over de huishoudens in het gebied. Het gemiddelde van Nederland is 0; hoe hoger, hoe welvarender, hoger opgeleid of langer aan het werk.',
    domain: 'armoede',
    unit: 'score',
    decimals: 3,
    higherIsBetter: true,
    source: 'cbs-ses-woa-2019',
    fields: { gemeente: { [YEAR]: 'cbs-ses-woa-2019:derived' }, wijk: { [YEAR]: 'cbs-ses-woa-2019:derived' } },
    // A mean of households: several gemeenten together would need the households behind each mean.
    aggregate: { kind: 'none' },
    missingReason: 'CBS-tabel 85163NED is in de datamap alleen voor Amsterdam aanwezig',
    factors: ['sociale status', 'financiële middelen'],
  },
];

export const sesWoa2019Module: SourceModule = {
  id: 'cbs-ses-woa-2019',
  sources: [sesWoa2019Source],
  optional: true,
  indicators,
  unavailable: [
    {
      file: sesWoa2019Source.file,
      year: YEAR,
      reason:
        'CBS serves 85163NED in StatLine/OData, but the fetch helpers keep gemeente rows only (fetchStatlineExport) and do not write this export\'s layout (wijk and buurt rows, a Regiocode column, "." decimals): export it from StatLine (Wijken en buurten, Regiocode, Particuliere huishoudens, SES-WOA totaalscore, ";"-separated) or copy the staged file; without it the score is left out',
      optional: true,
      check: { kind: 'csv', sep: ';', columns: Object.values(SES_WOA_COLUMNS), values: { key: [SES_WOA_COLUMNS.code], numbers: [count([SES_WOA_COLUMNS.households], ['.']), share(/^Opleidingsniveau\/.*\(%\)$/, ['.'])] } },
    },
  ],
  load: (ctx) => readSesWoa2019(ctx.read),
  // The wijkindeling of 2021: a wijk with the same code and name in KWB 2021 takes the 2024 wijk KWB 2021 was matched to.
  matchWijken: (ctx, reading) => {
    const kwb2021 = ctx.wijkindelingen.get(2021);
    const match = new Map<string, string>();
    if (kwb2021) {
      const same = matchSameCodeAndName(reading.wijken!, new Map([...kwb2021.wijken].map(([code, w]) => [code, { code, name: w.name }])));
      for (const code of same.keys()) {
        const now = kwb2021.match.get(code);
        if (now) match.set(code, now);
      }
    }
    return () => match;
  },
  wijkenOnlyWhereRead: true,
};
