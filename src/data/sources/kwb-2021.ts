/**
 * CBS Kerncijfers wijken en buurten 2021 (final edition), gemeenten and wijken of the
 * 2021 indeling. Direct fields come from the catalogue ("kwb-2021:<field>"); shares
 * of counts (education level, bijstand) are computed here with their counts.
 */
import { join } from 'node:path';
import { ReportError } from '../../util/errors.js';
import { messages } from '../../util/messages.js';
import { parseCsvRecords } from '../../util/csv.js';
import { sources } from '../sources.js';
import { toNumber } from './data-files.js';
import type { DataFiles, SourceObservation, SourceReading } from './types.js';

export interface FieldTarget {
  indicator: string;
  year: number;
  field: string;
  level: 'gemeente' | 'wijk';
}

const NOT_PUBLISHED = 'niet gepubliceerd door CBS';
const required = ['gwb_code_10', 'regio', 'recs', 'a_inw', 'a_hh', 'a_00_14', 'a_15_24', 'a_opl_lg', 'a_opl_md', 'a_opl_hg', 'a_soz_wb'];

export async function readKwb2021(files: DataFiles, targets: FieldTarget[]): Promise<SourceReading> {
  const source = sources['kwb-2021'];
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
