/**
 * A client's own figures in one long format:
 *   code,indicator,year,value[,numerator,denominator]
 * code is a CBS code (GM0363, WK036300) or NL01 for Nederland; value may be empty
 * (no data) or "<5" (suppressed at the source: printed "afgeschermd: minder dan 5"; an
 * area of several members gets no value for that year, unless the row gives the exact
 * numerator and denominator of a ratio). A ";"-separated file may use decimal commas.
 */
import { inSentence } from '../format.js';
import { readFile } from 'node:fs/promises';
import { ReportError } from '../util/errors.js';
import { messages } from '../util/messages.js';
import type { ExtraIndicatorConfig } from '../config/schema.js';
import { catalogue, type IndicatorDef } from './catalogue.js';
import { parseCsvRecords } from '../util/csv.js';
import type { Dataset } from './load-dataset.js';
import { NEDERLAND_CODE, SeriesStore, applySuppression } from './series.js';
import { joinAnd } from '../util/dutch-list.js';
import { decodeText } from '../util/text-encoding.js';


const required = ['code', 'indicator', 'year', 'value'] as const;

export interface ExtraDataFile {
  file: string;
  displayFile: string;
  indicators: ExtraIndicatorConfig[];
}

/** Input that is unusual but can be right: the message for the terminal and a Dutch line for the colophon. */
export interface InputWarning {
  message: string;
  colophon: string;
}

/** Units whose values cannot be below zero (a mean income or a score may be). */
const nonNegativeUnits = new Set(['count', 'percent', 'per-1000', 'per-km2', 'km']);

/** A row as parseCsvRecords gives it (line: 1-based, in the file). */
type CsvRecord = { line: number; values: Record<string, string> };

/** A problem of an extra-data file as a whole: its message names the file (and line 1 for the header). */
export interface ExtraFileProblem {
  line?: number;
  field: string;
  message: string;
}

/** The records of an extra-data file, or why it cannot be read as one (no text, a header without the columns, no rows). */
export function readExtraDataText(text: string, displayFile: string): { separator: string; records: CsvRecord[]; problem?: ExtraFileProblem } {
  const separator = (text.split(/\r?\n/, 1)[0] ?? '').includes(';') ? ';' : ',';
  // UTF-16 ("Unicode text") or a spreadsheet file: no CSV text to read.
  if (text.includes('\u0000')) return { separator, records: [], problem: { field: '', message: messages.extraDataNotText(displayFile) } };
  const { header, records } = parseCsvRecords(text, separator);
  const missingCols = required.filter((c) => !header.includes(c));
  if (missingCols.length) return { separator, records: [], problem: { line: 1, field: 'header', message: messages.extraDataHeader(displayFile, missingCols) } };
  if (records.length === 0) return { separator, records, problem: { field: '', message: messages.extraDataNoRows(displayFile) } };
  return { separator, records };
}

/** A declared indicator as the row rules need it; without a (valid) unit the unit rules are left out. */
export interface ExtraRowIndicator {
  id: string;
  unit?: string;
}

export interface ExtraRowRules<D extends ExtraRowIndicator> {
  /** "," or ";" (a ";" file may use decimal commas). */
  separator: string;
  /** The indicators the config declares for this file. */
  declared: ReadonlyMap<string, D>;
  /** A gemeente or wijk code (indeling 2023/2024); NL01 is always known. */
  isKnownCode: (code: string) => boolean;
  currentYear?: number;
}

export interface ExtraRowProblem {
  line: number;
  field: string;
  problem: string;
  fix: string;
}

/** A good row's cell: empty (no data), suppressed ("<5") or a value, with the counts given. */
export type ExtraRowCell =
  | { kind: 'empty' }
  | { kind: 'suppressed'; raw: string; below: string; numerator?: number; denominator?: number }
  | { kind: 'value'; value: number; raw: string; numerator?: number; denominator?: number; fractional?: { field: 'numerator' | 'denominator'; raw: string } };

export interface ExtraRowCheck<D> {
  line: number;
  /** The row's problems, the first as the data stage reports it: code, indicator, year, duplicate, then the first of its figures. */
  problems: ExtraRowProblem[];
  /** The row read, when it has no problem. */
  row?: { code: string; def: D; year: number; cell: ExtraRowCell };
}

/**
 * The rules of each row of an extra-data file, without reading anything: used by the data stage
 * (loadExtraData, which stops at the first problem) and by `validate`'s config stage (every
 * problem, against the light lists). Rows are checked in order; a repeated code, indicator and
 * year is a problem of the later row.
 */
export function checkExtraRows<D extends ExtraRowIndicator>(records: readonly CsvRecord[], rules: ExtraRowRules<D>): ExtraRowCheck<D>[] {
  const currentYear = rules.currentYear ?? new Date().getUTCFullYear();
  const { separator, declared } = rules;
  const parseNum = (raw: string) => Number(separator === ';' ? raw.replace(/\./g, '').replace(',', '.') : raw);
  const decimalMark = separator === ';' ? ',' : '.';
  const decimalsOf = (raw: string) => (raw.includes(decimalMark) ? raw.length - raw.lastIndexOf(decimalMark) - 1 : 0);
  const seen = new Set<string>();
  return records.map(({ line, values }) => {
    const problems: ExtraRowProblem[] = [];
    const problem = (field: string, text: string, fix: string): ExtraRowProblem => ({ line, field, problem: text, fix });

    const code = values.code.toUpperCase();
    const codeOk = code === NEDERLAND_CODE || rules.isKnownCode(code);
    if (!codeOk) problems.push(problem('code', `"${values.code}" is not a gemeente or wijk code`, 'Use a CBS code such as GM0363 or WK036300 (indeling 2023/2024), or NL01 for Nederland.'));
    const def = declared.get(values.indicator);
    if (!def) {
      problems.push(problem('indicator', `"${values.indicator}" is not declared`, `Declare it under extraData[].indicators in the region config (declared: ${[...declared.keys()].join(', ')}).`));
    }
    const year = Number(values.year);
    let yearOk = false;
    if (!/^\d{4}$/.test(values.year) || year < 1990 || year > 2100) {
      problems.push(problem('year', `"${values.year}" is not a year`, 'Give a four-digit year such as 2023 (for a school year, its first year).'));
    } else if (year > currentYear) {
      problems.push(problem('year', `${year} is after the current year (${currentYear})`, 'Give the year the figure was measured (for a school year, its first year); a forecast is not a figure of the contextkaart.'));
    } else yearOk = true;
    if (codeOk && def && yearOk) {
      const key = `${code}|${def.id}|${year}`;
      if (seen.has(key)) problems.push(problem('code', `${code} ${def.id} ${year} occurs twice`, 'Keep one row per code, indicator and year.'));
      seen.add(key);
    }

    const cell = readCell(values, def?.unit, problem, parseNum, decimalMark, decimalsOf, separator);
    if ('field' in cell) return { line, problems: [...problems, cell] };
    return problems.length ? { line, problems } : { line, problems, row: { code, def: def!, year, cell } };
  });
}

/** The figures of one row (value, numerator, denominator): the cell read, or its first problem. */
function readCell(
  values: Record<string, string>,
  unit: string | undefined,
  problem: (field: string, text: string, fix: string) => ExtraRowProblem,
  parseNum: (raw: string) => number,
  decimalMark: string,
  decimalsOf: (raw: string) => number,
  separator: string,
): ExtraRowCell | ExtraRowProblem {
  const raw = values.value;
  const rawNum = values.numerator;
  const rawDen = values.denominator;
  if (raw === '' || raw === '.') return { kind: 'empty' };
  const negativeCount = (field: string, n: number) => problem(field, `${n} is negative`, 'A count cannot be below zero; correct it.');
  const oneSided = (num: number | undefined) =>
    problem(num === undefined ? 'numerator' : 'denominator', 'is empty while the other is given', 'Give both numerator and denominator, or leave both empty.');
  const aboveBase = (num: number, den: number) =>
    problem('numerator', `${num} is above the denominator ${den}`, 'A share counts part of its base: the numerator is at most the denominator. Check whether the two are swapped.');
  const num = rawNum ? parseNum(rawNum) : undefined;
  const den = rawDen ? parseNum(rawDen) : undefined;
  const countsNotNumbers = (num !== undefined && !Number.isFinite(num)) || (den !== undefined && !Number.isFinite(den));

  // A "<5" cell: withheld; its exact numerator and denominator, if given, still count in the ratio of several gemeenten.
  if (raw.startsWith('<')) {
    const m = /^<\s*(\d+(?:[.,]\d+)?)$/.exec(raw);
    if (!m) return problem('value', `"${raw}" is not a number nor a suppressed cell like "<5"`, 'Write a suppressed small number as "<" and the threshold, e.g. <5; otherwise give the number.');
    const threshold = parseNum(m[1].replace(',', decimalMark));
    if (countsNotNumbers) return problem('numerator/denominator', 'is not a number', 'Give whole counts, or leave both empty.');
    if ((num === undefined) !== (den === undefined)) return oneSided(num);
    if (num !== undefined && den !== undefined) {
      if (num < 0 || den < 0) return negativeCount(num < 0 ? 'numerator' : 'denominator', num < 0 ? num : den);
      if (num >= threshold) return problem('numerator', `${rawNum} is not below ${m[1]} while the value says "${raw}"`, `Give the value itself (the count is not small), or correct the numerator.`);
      if (den === 0) return problem('denominator', 'is 0', 'Give the real base, or leave numerator and denominator empty.');
      if (unit === 'percent' && num > den) return aboveBase(num, den);
    }
    return { kind: 'suppressed', raw, below: m[1].replace('.', ','), numerator: num, denominator: den };
  }

  // A value whose figures cannot be true is a problem; a count that is not whole is noted (a warning of the data stage).
  const value = parseNum(raw);
  if (!Number.isFinite(value)) return problem('value', `"${raw}" is not a number`, separator === ';' ? 'Write numbers like 12,3.' : 'Write numbers like 12.3 (or use ";" as separator for 12,3).');
  if (countsNotNumbers) return problem('numerator/denominator', 'is not a number', 'Give whole counts, or leave both empty.');
  if (num !== undefined && num < 0) return negativeCount('numerator', num);
  if (den !== undefined && den < 0) return negativeCount('denominator', den);
  if (unit !== undefined && value < 0 && nonNegativeUnits.has(unit)) {
    return problem('value', `${raw} is negative`, `A value with unit ${unit} cannot be below zero; correct it (or declare another unit, e.g. score, if it really can be).`);
  }
  if (unit === 'percent' && value > 100) {
    return problem('value', `${raw} is above 100 for a percentage`, 'A share is at most 100%; correct the value (give it as a percentage, e.g. 45.2, not a per-mille or a count).');
  }
  if ((num === undefined) !== (den === undefined)) return oneSided(num);
  if (num === undefined || den === undefined) return { kind: 'value', value, raw };
  if (unit === 'percent' && num > den) return aboveBase(num, den);
  if (den === 0) return problem('denominator', 'is 0 while a value is given', 'Give the real base, or leave value, numerator and denominator empty.');
  if (unit !== undefined) {
    const scale = scaleOf(unit);
    const expected = (num / den) * scale;
    // The value may be rounded to the decimals it is written with, no further.
    const tolerance = 0.5 * 10 ** -decimalsOf(raw) + 1e-9 * Math.max(1, Math.abs(expected));
    if (Math.abs(value - expected) > tolerance) {
      const shownExpected = Number(expected.toFixed(Math.max(1, decimalsOf(raw))));
      return problem(
        'value',
        `${raw} disagrees with its own numerator and denominator (${num} / ${den}${scale === 1 ? '' : ` × ${scale}`} = ${shownExpected})`,
        'Correct the value, the numerator or the denominator; for several gemeenten the figure is recomputed from numerator and denominator.',
      );
    }
  }
  const fractional = !Number.isInteger(num) ? { field: 'numerator' as const, raw: rawNum } : !Number.isInteger(den) ? { field: 'denominator' as const, raw: rawDen } : undefined;
  return { kind: 'value', value, raw, numerator: num, denominator: den, ...(fractional ? { fractional } : {}) };
}

/**
 * Reads the client's files into the store. Values that cannot be true are errors; what is
 * unusual but can be right is added to `warnings` (printed by render and validate, listed
 * in the colophon). The rules of the header and each row are those of `validate`'s config
 * stage (readExtraDataText, checkExtraRows); here the first problem stops the run.
 */
export async function loadExtraData(files: ExtraDataFile[], dataset: Dataset, into: SeriesStore, warnings: InputWarning[] = []): Promise<Map<string, IndicatorDef>> {
  const defs = new Map<string, IndicatorDef>();
  const nameOf = (code: string) => dataset.gemeenten.get(code)?.name ?? dataset.wijken.get(code)?.name;
  for (const f of files) {
    let bytes: Buffer;
    try {
      bytes = await readFile(f.file);
    } catch (cause) {
      throw new ReportError(messages.fileNotFound(f.displayFile, 'extraData.file', f.displayFile), 'data', { cause });
    }
    // Excel on Windows saves "CSV" as Windows-1252: read it as such rather than print replacement characters.
    const { text, encoding } = decodeText(bytes);
    if (encoding !== 'utf-8') {
      warnings.push({
        message: messages.extraDataNotUtf8(f.displayFile),
        colophon: `Het aangeleverde bestand ${f.displayFile} was niet in UTF-8 opgeslagen en is gelezen als Windows-1252.`,
      });
    }
    const { separator, records, problem } = readExtraDataText(text, f.displayFile);
    if (problem) throw new ReportError(problem.message, 'data');

    for (const i of f.indicators) {
      if (catalogue.has(i.id)) throw new ReportError(messages.extraIdTaken(f.displayFile, i.id), 'config');
    }
    const declared = new Map(f.indicators.map((i) => [i.id, i]));
    const withCounts = new Map<string, boolean>();
    const warnedFractional = new Set<string>();
    /** Suppressed cells per indicator: what the cell said and where, for the colophon. */
    const suppressedCells = new Map<string, { code: string; year: number; line: number; raw: string; below: string; exact: boolean }[]>();
    const firstWithoutCounts = new Map<string, number>();
    const countsGiven = new Set<string>();
    const isKnownCode = (code: string) => dataset.gemeenten.has(code) || dataset.wijken.has(code);

    for (const { line, problems, row } of checkExtraRows(records, { separator, declared, isKnownCode })) {
      if (problems.length) {
        const [p] = problems;
        throw new ReportError(messages.extraDataRow(f.displayFile, p.line, p.field, p.problem, p.fix), 'data');
      }
      const { code, def, year, cell } = row!;
      if (cell.kind === 'empty') {
        into.set(def.id, year, code, { value: null, note: 'geen gegevens aangeleverd' });
        continue;
      }
      const { numerator: num, denominator: den } = cell;
      const hasCounts = num !== undefined && den !== undefined;
      if (cell.kind === 'suppressed') {
        // Withheld, with the client's own words ("minder dan 5"); exact counts still count in the ratio of several gemeenten.
        const cells = suppressedCells.get(def.id) ?? [];
        cells.push({ code, year, line, raw: cell.raw, below: cell.below, exact: hasCounts });
        suppressedCells.set(def.id, cells);
        into.set(def.id, year, code, { value: null, suppressed: true, note: `minder dan ${cell.below}`, ...(hasCounts ? { numerator: num, denominator: den } : {}) });
        continue;
      }
      if (hasCounts) countsGiven.add(def.id);
      // A count that is not whole: a warning, once per indicator.
      if (cell.fractional && !warnedFractional.has(def.id)) {
        warnedFractional.add(def.id);
        warnings.push({
          message: messages.extraDataFractionalCount(f.displayFile, line, cell.fractional.field, cell.fractional.raw),
          colophon: `Bij ‘${def.label}’ (${f.displayFile}) zijn teller of noemer geen hele aantallen (regel ${line}); aangenomen is dat het gewogen aantallen zijn.`,
        });
      }
      // Nederland may be given as a plain value; it is never aggregated.
      if (code !== NEDERLAND_CODE) {
        withCounts.set(def.id, (withCounts.get(def.id) ?? true) && hasCounts);
        if (!hasCounts && !firstWithoutCounts.has(def.id)) firstWithoutCounts.set(def.id, line);
      }
      into.set(def.id, year, code, applySuppression({ value: cell.value, numerator: num, denominator: den }));
    }

    for (const ind of f.indicators) {
      if (into.years(ind.id).length === 0) {
        warnings.push({
          message: messages.extraDataIndicatorWithoutRows(f.displayFile, ind.id),
          colophon: `Voor ‘${ind.label}’ staat geen enkele rij in het aangeleverde bestand ${f.displayFile}; deze indicator ontbreekt in het rapport.`,
        });
      } else if (!withCounts.get(ind.id) && firstWithoutCounts.has(ind.id) && countsGiven.has(ind.id)) {
        warnings.push({
          message: messages.extraDataPartialCounts(f.displayFile, ind.id, firstWithoutCounts.get(ind.id)!),
          colophon: `Bij ‘${ind.label}’ (${f.displayFile}) staan niet op elke rij teller en noemer; voor een gebied van meerdere gemeenten is deze indicator daarom niet berekend.`,
        });
      }
    }

    for (const ind of f.indicators) {
      const cells = suppressedCells.get(ind.id);
      if (cells) warnings.push(suppressedWarning(f.displayFile, ind, cells, nameOf, !!withCounts.get(ind.id)));
    }

    for (const ind of f.indicators) {
      const scale = scaleOf(ind.unit);
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

/** At most this many withheld cells are named in the colophon; the rest are counted. */
const MAX_NAMED_CELLS = 8;

/**
 * The client's "<5" cells of one indicator: said to be withheld, as the cell says, and what
 * that means for an area of several members (not computed, unless exact counts are given).
 */
function suppressedWarning(
  file: string,
  ind: ExtraIndicatorConfig,
  cells: { code: string; year: number; line: number; raw: string; below: string; exact: boolean }[],
  nameOf: (code: string) => string | undefined,
  isRatio: boolean,
): InputWarning {
  const byCode = new Map<string, number[]>();
  for (const c of cells) byCode.set(c.code, [...(byCode.get(c.code) ?? []), c.year]);
  const named = [...byCode].slice(0, MAX_NAMED_CELLS).map(([code, years]) => `${nameOf(code) ?? code} (${years.sort((a, b) => a - b).join(', ')})`);
  const rest = byCode.size - named.length;
  const where = joinAnd(rest > 0 ? [...named, `${rest} ${rest === 1 ? 'ander gebied' : 'andere gebieden'}`] : named);
  const belows = [...new Set(cells.map((c) => c.below))];
  const raws = [...new Set(cells.map((c) => `‘${c.raw}’`))].join(', ');
  const exact = isRatio && cells.some((c) => c.exact);
  const notComputed = 'Voor een gebied van meerdere gemeenten of wijken waar het bij hoort, is het cijfer van dat jaar daarom niet berekend.';
  const consequence = !exact
    ? notComputed
    : cells.every((c) => c.exact)
      ? 'Teller en noemer zijn wel aangeleverd en tellen mee in het cijfer van een gebied van meerdere gemeenten of wijken.'
      : `Waar teller en noemer zijn aangeleverd, tellen die mee in het cijfer van een gebied van meerdere gemeenten of wijken; anders is dat cijfer van dat jaar niet berekend.`;
  const n = cells.length;
  const effect = !isRatio || !exact
    ? 'an area of several gemeenten gets no value for such a year.'
    : cells.every((c) => c.exact)
      ? 'their numerator and denominator still count in an area of several gemeenten.'
      : 'an area of several gemeenten gets no value for such a year unless the row gives numerator and denominator.';
  return {
    message: `${file}:${cells[0].line}: indicator "${ind.id}": ${n} suppressed cell${n === 1 ? '' : 's'} (${raws.replace(/[‘’]/g, '"')}) printed as "afgeschermd"; ${effect}`,
    colophon: `Bij ‘${ind.label}’ (${file}) ${n === 1 ? 'is de waarde' : 'zijn de waarden'} van ${where} afgeschermd: ${belows.map((b) => `minder dan ${b}`).join(' of ')}, zoals aangeleverd (${raws}). ${consequence}`,
  };
}

/** What a value is numerator / denominator times: 100 for a percentage, 1000 per 1.000, else 1. */
function scaleOf(unit: string): number {
  return unit === 'percent' ? 100 : unit === 'per-1000' ? 1000 : 1;
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
  const lower = inSentence(label);
  if (unit === 'count' || unit === 'per-1000') return `het aantal ${lower}`;
  if (unit === 'percent') return `het aandeel ${lower}`;
  return `het cijfer ‘${label}’`;
}
