/**
 * CBS Kerncijfers wijken en buurten 2021 (final edition), gemeenten and wijken of the
 * 2021 indeling. Direct fields come from the catalogue ("kwb-2021:<field>"); shares
 * of counts (education level, bijstand) are computed here with their counts.
 */
import { join } from 'node:path';
import { ReportError } from '../../util/errors.js';
import { messages } from '../../util/messages.js';
import { parseCsvRecords } from '../../util/csv.js';
import { byHuishoudens, type IndicatorDef } from '../indicator-def.js';
import { codeIn2023 } from '../mergers.js';
import { matchWijken } from '../wijk-matching.js';
import { formatNumber } from '../../format.js';
import type { SourceDef, SourceModule } from './types.js';
import { toNumber } from './data-files.js';
import type { DataFiles, SourceObservation, SourceReading } from './types.js';
import { kwbShortNameBands } from './plausible.js';
import { withKwbEditions } from './kwb-editions.js';

export const kwb2021Source = {
  id: 'kwb-2021',
  publisher: 'CBS',
  citation: 'CBS, Kerncijfers wijken en buurten 2021',
  table: 'Kerncijfers wijken en buurten 2021 (kwb-2021, definitieve editie met inkomen, opleiding en uitkeringen), gemeenten en wijken',
  file: 'cbs/kwb_2021_gm_wk_sociaal.csv',
  indeling: 2021,
  license: 'CC BY 4.0',
  caveat:
    'Gemeentelijke indeling 1 januari 2021 en wijkindeling 2021: omgerekend naar de gemeenten van 2023; een wijk van 2024 zonder gelijke wijk in 2021 heeft geen gegevens. Inkomenscijfers gaan over een eerder verslagjaar (zie de CBS-toelichting).',
} satisfies SourceDef;


export interface FieldTarget {
  indicator: string;
  year: number;
  field: string;
  level: 'gemeente' | 'wijk';
}

const NOT_PUBLISHED = 'niet gepubliceerd door CBS';
const required = ['gwb_code_10', 'regio', 'recs', 'a_inw', 'a_hh', 'a_00_14', 'a_15_24', 'a_opl_lg', 'a_opl_md', 'a_opl_hg', 'a_soz_wb'];

export async function readKwb2021(files: DataFiles, targets: FieldTarget[]): Promise<SourceReading> {
  const source = kwb2021Source;
  const { header, records } = parseCsvRecords(await files.text(source.file));
  for (const col of [...required, ...targets.map((t) => t.field)]) {
    if (!header.includes(col)) throw new ReportError(messages.dataColumnMissing(join(files.dataDir, source.file), col), 'data');
  }
  const observations: SourceObservation[] = [];
  const wijken = new Map<string, { name: string; gemeenteCode: string; inwoners: number | null }>();
  const year = 2021;
  for (const { values } of records) {
    const level = values.recs === 'Gemeente' ? 'gemeente' : values.recs === 'Wijk' ? 'wijk' : values.recs === 'Land' ? 'land' : undefined;
    if (!level) continue;
    const code = level === 'land' ? 'NL00' : values.gwb_code_10;
    const emit = (indicator: string, obs: Omit<SourceObservation, 'code' | 'indicator' | 'year' | 'indeling'>) =>
      observations.push({ code, indicator, year, indeling: source.indeling!, ...obs });
    const lookupLevel = level === 'land' ? 'gemeente' : level;
    for (const t of targets) {
      if (t.level !== lookupLevel || t.year !== year) continue;
      const value = toNumber(values[t.field]);
      emit(t.indicator, value === null ? { value: null, note: NOT_PUBLISHED } : { value });
    }
    const inw = toNumber(values.a_inw);
    if (level === 'wijk') wijken.set(code, { name: values.regio, gemeenteCode: `GM${code.slice(2, 6)}`, inwoners: inw });
    // Education level: shares of the persons 15-75 with a known level.
    const opl = ['a_opl_lg', 'a_opl_md', 'a_opl_hg'].map((f) => toNumber(values[f]));
    const oplTotal = opl.every((v) => v !== null) ? opl.reduce((a, b) => a! + b!, 0)! : null;
    (['laag', 'midden', 'hoog'] as const).forEach((lvl, i) =>
      emit(
        `pct_opl_${lvl}`,
        oplTotal ? { value: (opl[i]! / oplTotal) * 100, numerator: opl[i]!, denominator: oplTotal } : { value: null, note: NOT_PUBLISHED },
      ),
    );
    const bijstand = toNumber(values.a_soz_wb);
    emit(
      'bijstand_per_1000',
      bijstand !== null && inw ? { value: (bijstand / inw) * 1000, numerator: bijstand, denominator: inw } : { value: null, note: NOT_PUBLISHED },
    );
    const young = [toNumber(values.a_00_14), toNumber(values.a_15_24)];
    if (young[0] !== null && young[1] !== null) emit('inwoners_0_25', { value: young[0] + young[1] });
  }
  const gm = records.filter((r) => r.values.recs === 'Gemeente').length;
  return { observations, wijken, notes: [`KWB 2021: ${gm} gemeenten (indeling 2021) en ${wijken.size} wijken (wijkindeling 2021) gelezen.`] };
}

/** The one indicator only KWB 2021 gives (the others of 2021 sit beside later editions in catalogue.ts). */
const indicators: IndicatorDef[] = [
  {
    id: 'pct_hh_laag_inkomen',
    subject: 'het aandeel huishoudens met een laag inkomen',
    label: 'Huishoudens met een laag inkomen',
    title: 'Aandeel huishoudens met een laag inkomen',
    definition:
      'Particuliere huishoudens met een inkomen onder de lage-inkomensgrens van CBS (een vast bedrag aan koopkracht), als percentage van alle particuliere huishoudens met een waargenomen inkomen (CBS, p_hh_lkk).',
    domain: 'armoede',
    unit: 'percent',
    decimals: 1,
    higherIsBetter: false,
    source: 'kwb-2021',
    // KWB 2021 and 2023 (kwb-editions.ts); KWB 2024 has no lage-inkomensgrens: see pct_personen_armoede (kwb-sociaal.ts).
    fields: withKwbEditions({}, 'p_hh_lkk'),
    aggregate: byHuishoudens,
    factors: ['financiële middelen', 'inkomen', 'sociale ongelijkheid'],
    opportunity: true,
    kernpuntGroup: 'laag-inkomen',
  },
];

export const kwb2021Module: SourceModule = {
  id: 'kwb-2021',
  sources: [kwb2021Source],
  indicators,
  fetchTables: (k) => [
    {
      name: 'cbs-kwb-2021',
      sourceId: 'kwb-2021',
      publisher: 'cbs',
      tableId: k.kwbTableIds[2021],
      year: 2021,
      file: kwb2021Source.file,
      check: {
        kind: 'csv',
        sep: ',',
        columns: k.kwbShortHeader,
        codes: { column: 'gwb_code_10', pattern: k.patterns.GM_OR_WK, min: 3000 },
        values: { key: ['gwb_code_10'], numbers: kwbShortNameBands('gwb_code_10'), wijkTotals: { code: 'gwb_code_10', column: 'a_inw', tolerance: 0.02 } },
      },
      fetch: k.cbs.kwbShortNames(k.kwbTableIds[2021], (c) => c === 'NL00' || k.patterns.GM_OR_WK.test(c)),
    },
  ],
  load: (ctx) => readKwb2021(ctx.read, (['gemeente', 'wijk'] as const).flatMap((level) => ctx.fieldTargets(level, 'kwb-2021').map((t) => ({ ...t, level })))),
  // Wijken of 2021 on those of 2024: same code and name, same code and about as many inhabitants, or a new code with the same name and size in the same gemeente.
  matchWijken: (ctx, reading) => {
    const match = matchWijken(reading.wijken!, ctx.inwoners2024, (c) => codeIn2023(c, 2021));
    ctx.wijkindelingen.set(2021, { wijken: reading.wijken!, match });
    return () => match;
  },
  finish: (ctx, reading) => {
    const match = ctx.wijkindelingen.get(2021)!.match;
    const matched = new Set(match.values());
    const unmatched = [...ctx.wijken.values()].filter((w) => w.populated && !matched.has(w.code)).length;
    ctx.notes.push(
      `Wijkcijfers van 2021 op de wijken van 2024: ${formatNumber(match.size)} wijken gekoppeld op code en naam, op code en inwonertal (een nieuwe naam) of, bij een nieuwe code, op naam en inwonertal binnen dezelfde gemeente; ${formatNumber(unmatched)} bewoonde wijken van 2024 hebben geen gelijke wijk in 2021 en staan op de kaarten zonder gegevens.`,
    );
    ctx.notes.push(...reading.notes.filter((n) => !n.startsWith('KWB 2021:')));
  },
};
