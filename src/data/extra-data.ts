/**
 * A client's own figures in one long format:
 *   code,indicator,year,value[,numerator,denominator]
 * code is a CBS code (GM0363, WK036300) or NL01 for Nederland; value may be empty
 * (no data) or "<5" (suppressed at the source). A ";"-separated file may use
 * decimal commas.
 */
import { readFile } from 'node:fs/promises';
import { ReportError } from '../errors.js';
import { messages } from '../messages.js';
import type { ExtraIndicatorConfig } from '../config/schema.js';
import { catalogue, type IndicatorDef } from './catalogue.js';
import { parseCsvRecords } from './csv.js';
import type { Dataset } from './load-dataset.js';
import { SeriesStore, applySuppression } from './series.js';

export const NEDERLAND_CODE = 'NL01';

const required = ['code', 'indicator', 'year', 'value'] as const;

export interface ExtraDataFile {
  file: string;
  displayFile: string;
  indicators: ExtraIndicatorConfig[];
}

export async function loadExtraData(files: ExtraDataFile[], dataset: Dataset, into: SeriesStore): Promise<Map<string, IndicatorDef>> {
  const defs = new Map<string, IndicatorDef>();
  for (const f of files) {
    let text: string;
    try {
      text = await readFile(f.file, 'utf8');
    } catch (cause) {
      throw new ReportError(messages.fileNotFound(f.displayFile, 'extraData.file', f.displayFile), 'data', { cause });
    }
    const separator = (text.split(/\r?\n/, 1)[0] ?? '').includes(';') ? ';' : ',';
    const { header, records } = parseCsvRecords(text, separator);
    const missingCols = required.filter((c) => !header.includes(c));
    if (missingCols.length) throw new ReportError(messages.extraDataHeader(f.displayFile, missingCols), 'data');

    for (const i of f.indicators) {
      if (catalogue.has(i.id)) throw new ReportError(messages.extraIdTaken(f.displayFile, i.id), 'config');
    }
    const declared = new Map(f.indicators.map((i) => [i.id, i]));
    const withCounts = new Map<string, boolean>();
    const seen = new Set<string>();
    const rowError = (line: number, field: string, problem: string, fix: string) =>
      new ReportError(messages.extraDataRow(f.displayFile, line, field, problem, fix), 'data');
    const parseNum = (raw: string) => Number(separator === ';' ? raw.replace(/\./g, '').replace(',', '.') : raw);

    for (const { line, values } of records) {
      const code = values.code.toUpperCase();
      if (code !== NEDERLAND_CODE && !dataset.gemeenten.has(code) && !dataset.wijken.has(code)) {
        throw rowError(line, 'code', `"${values.code}" is not a gemeente or wijk code`, 'Use a CBS code such as GM0363 or WK036300 (indeling 2023/2024), or NL01 for Nederland.');
      }
      const def = declared.get(values.indicator);
      if (!def) {
        throw rowError(line, 'indicator', `"${values.indicator}" is not declared`, `Declare it under extraData[].indicators in the region config (declared: ${[...declared.keys()].join(', ')}).`);
      }
      const year = Number(values.year);
      if (!/^\d{4}$/.test(values.year) || year < 1990 || year > 2100) {
        throw rowError(line, 'year', `"${values.year}" is not a year`, 'Give a four-digit year such as 2023 (for a school year, its first year).');
      }
      const key = `${code}|${def.id}|${year}`;
      if (seen.has(key)) throw rowError(line, 'code', `${code} ${def.id} ${year} occurs twice`, 'Keep one row per code, indicator and year.');
      seen.add(key);

      const raw = values.value;
      if (raw === '' || raw === '.') {
        into.set(def.id, year, code, { value: null, note: 'geen gegevens aangeleverd' });
        continue;
      }
      if (raw.startsWith('<')) {
        into.set(def.id, year, code, { value: null, suppressed: true, note: 'te weinig personen om te publiceren' });
        continue;
      }
      const value = parseNum(raw);
      if (!Number.isFinite(value)) throw rowError(line, 'value', `"${raw}" is not a number`, separator === ';' ? 'Write numbers like 12,3.' : 'Write numbers like 12.3 (or use ";" as separator for 12,3).');
      const num = values.numerator ? parseNum(values.numerator) : undefined;
      const den = values.denominator ? parseNum(values.denominator) : undefined;
      if ((num !== undefined && !Number.isFinite(num)) || (den !== undefined && !Number.isFinite(den))) {
        throw rowError(line, 'numerator/denominator', 'is not a number', 'Give whole counts, or leave both empty.');
      }
      const hasCounts = num !== undefined && den !== undefined;
      // Nederland may be given as a plain value; it is never aggregated.
      if (code !== NEDERLAND_CODE) withCounts.set(def.id, (withCounts.get(def.id) ?? true) && hasCounts);
      into.set(def.id, year, code, applySuppression({ value, numerator: num, denominator: den }));
    }

    for (const ind of f.indicators) {
      const scale = ind.unit === 'percent' ? 100 : ind.unit === 'per-1000' ? 1000 : 1;
      defs.set(ind.id, {
        id: ind.id,
        label: ind.label,
        subject: ind.subject ?? defaultSubject(ind.label, ind.unit),
        base: ind.base ?? /per 1\.?000 (.+)$/i.exec(ind.label)?.[1],
        title: ind.label,
        definition: ind.definition,
        domain: ind.domain,
        unit: ind.unit,
        decimals: ind.decimals,
        higherIsBetter: ind.higherIsBetter,
        source: 'kwb-2022', // replaced by `citation` for extra indicators
        citation: ind.source,
        fields: extraFields(into, ind.id),
        aggregate: withCounts.get(ind.id) ? { kind: 'ratio', scale } : ind.unit === 'count' ? { kind: 'sum' } : { kind: 'none' },
        extra: { chart: ind.chart },
      });
    }
  }
  return defs;
}

/** Years per level in which an extra indicator has rows (gemeente: GM codes and NL01; wijk: WK codes). */
function extraFields(store: SeriesStore, id: string): IndicatorDef['fields'] {
  const fields: IndicatorDef['fields'] = {};
  for (const year of store.years(id)) {
    for (const code of store.byCode(id, year).keys()) {
      const level = code.startsWith('WK') ? 'wijk' : 'gemeente';
      (fields[level] ??= {})[year] = 'extra';
    }
  }
  return fields;
}

/**
 * A sentence subject from a label: "Thuiszitters per 1.000 leerplichtigen" (a rate) →
 * "het aantal thuiszitters per 1.000 leerplichtigen"; "Peuters met vve" (a share) →
 * "het aandeel peuters met vve". Other units get the label quoted.
 */
export function defaultSubject(label: string, unit: string): string {
  const lower = label.charAt(0).toLowerCase() + label.slice(1);
  if (unit === 'count' || unit === 'per-1000') return `het aantal ${lower}`;
  if (unit === 'percent') return `het aandeel ${lower}`;
  return `het cijfer ‘${label}’`;
}
