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
import { NEDERLAND_CODE, SeriesStore, applySuppression, type Observation } from './series.js';
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

/**
 * Reads the client's files into the store. Values that cannot be true are errors; what is
 * unusual but can be right is added to `warnings` (printed by render and validate, listed
 * in the colophon).
 */
export async function loadExtraData(files: ExtraDataFile[], dataset: Dataset, into: SeriesStore, warnings: InputWarning[] = []): Promise<Map<string, IndicatorDef>> {
  const currentYear = new Date().getUTCFullYear();
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
    const separator = (text.split(/\r?\n/, 1)[0] ?? '').includes(';') ? ';' : ',';
    const { header, records } = parseCsvRecords(text, separator);
    const missingCols = required.filter((c) => !header.includes(c));
    if (missingCols.length) throw new ReportError(messages.extraDataHeader(f.displayFile, missingCols), 'data');
    if (records.length === 0) throw new ReportError(messages.extraDataNoRows(f.displayFile), 'data');

    for (const i of f.indicators) {
      if (catalogue.has(i.id)) throw new ReportError(messages.extraIdTaken(f.displayFile, i.id), 'config');
    }
    const declared = new Map(f.indicators.map((i) => [i.id, i]));
    const withCounts = new Map<string, boolean>();
    const seen = new Set<string>();
    const rowError = (line: number, field: string, problem: string, fix: string) =>
      new ReportError(messages.extraDataRow(f.displayFile, line, field, problem, fix), 'data');
    const parseNum = (raw: string) => Number(separator === ';' ? raw.replace(/\./g, '').replace(',', '.') : raw);
    const decimalMark = separator === ';' ? ',' : '.';
    const decimalsOf = (raw: string) => (raw.includes(decimalMark) ? raw.length - raw.lastIndexOf(decimalMark) - 1 : 0);
    const warnedFractional = new Set<string>();
    /** Suppressed cells per indicator: what the cell said and where, for the colophon. */
    const suppressedCells = new Map<string, { code: string; year: number; line: number; raw: string; below: string; exact: boolean }[]>();
    const firstWithoutCounts = new Map<string, number>();
    const countsGiven = new Set<string>();

    /**
     * A "<5" cell: withheld, with the client's own words ("minder dan 5"). Its exact numerator and
     * denominator, if given, still count in the ratio of an area of several gemeenten.
     */
    const suppressedCell = (line: number, code: string, year: number, def: ExtraIndicatorConfig, raw: string, rawNum: string, rawDen: string): Observation => {
      const m = /^<\s*(\d+(?:[.,]\d+)?)$/.exec(raw);
      if (!m) throw rowError(line, 'value', `"${raw}" is not a number nor a suppressed cell like "<5"`, 'Write a suppressed small number as "<" and the threshold, e.g. <5; otherwise give the number.');
      const below = m[1].replace('.', ',');
      const threshold = parseNum(m[1].replace(',', decimalMark));
      const num = rawNum ? parseNum(rawNum) : undefined;
      const den = rawDen ? parseNum(rawDen) : undefined;
      if ((num !== undefined && !Number.isFinite(num)) || (den !== undefined && !Number.isFinite(den))) {
        throw rowError(line, 'numerator/denominator', 'is not a number', 'Give whole counts, or leave both empty.');
      }
      if ((num === undefined) !== (den === undefined)) {
        throw rowError(line, num === undefined ? 'numerator' : 'denominator', 'is empty while the other is given', 'Give both numerator and denominator, or leave both empty.');
      }
      if (num !== undefined && den !== undefined) {
        if (num < 0 || den < 0) throw rowError(line, num < 0 ? 'numerator' : 'denominator', `${num < 0 ? num : den} is negative`, 'A count cannot be below zero; correct it.');
        if (num >= threshold) {
          throw rowError(line, 'numerator', `${rawNum} is not below ${m[1]} while the value says "${raw}"`, `Give the value itself (the count is not small), or correct the numerator.`);
        }
        if (den === 0) throw rowError(line, 'denominator', 'is 0', 'Give the real base, or leave numerator and denominator empty.');
        if (def.unit === 'percent' && num > den) throw rowError(line, 'numerator', `${num} is above the denominator ${den}`, 'A share counts part of its base: the numerator is at most the denominator. Check whether the two are swapped.');
      }
      const exact = num !== undefined && den !== undefined;
      const cells = suppressedCells.get(def.id) ?? [];
      cells.push({ code, year, line, raw, below, exact });
      suppressedCells.set(def.id, cells);
      return { value: null, suppressed: true, note: `minder dan ${below}`, ...(exact ? { numerator: num, denominator: den } : {}) };
    };

    /** A row whose figures cannot be true is an error; a count that is not whole, a warning (once per indicator). */
    const checkPlausible = (r: { line: number; def: ExtraIndicatorConfig; value: number; raw: string; num?: number; den?: number; rawNum: string; rawDen: string }) => {
      const { line, def } = r;
      for (const [field, n] of [['numerator', r.num], ['denominator', r.den]] as const) {
        if (n !== undefined && n < 0) throw rowError(line, field, `${n} is negative`, 'A count cannot be below zero; correct it.');
      }
      if (r.value < 0 && nonNegativeUnits.has(def.unit)) {
        throw rowError(line, 'value', `${r.raw} is negative`, `A value with unit ${def.unit} cannot be below zero; correct it (or declare another unit, e.g. score, if it really can be).`);
      }
      if (def.unit === 'percent' && r.value > 100) {
        throw rowError(line, 'value', `${r.raw} is above 100 for a percentage`, 'A share is at most 100%; correct the value (give it as a percentage, e.g. 45.2, not a per-mille or a count).');
      }
      if ((r.num === undefined) !== (r.den === undefined)) {
        throw rowError(line, r.num === undefined ? 'numerator' : 'denominator', 'is empty while the other is given', 'Give both numerator and denominator, or leave both empty.');
      }
      if (r.num === undefined || r.den === undefined) return;
      if (def.unit === 'percent' && r.num > r.den) {
        throw rowError(line, 'numerator', `${r.num} is above the denominator ${r.den}`, 'A share counts part of its base: the numerator is at most the denominator. Check whether the two are swapped.');
      }
      if (r.den === 0) throw rowError(line, 'denominator', 'is 0 while a value is given', 'Give the real base, or leave value, numerator and denominator empty.');
      const scale = scaleOf(def.unit);
      const expected = (r.num / r.den) * scale;
      // The value may be rounded to the decimals it is written with, no further.
      const tolerance = 0.5 * 10 ** -decimalsOf(r.raw) + 1e-9 * Math.max(1, Math.abs(expected));
      if (Math.abs(r.value - expected) > tolerance) {
        const shownExpected = Number(expected.toFixed(Math.max(1, decimalsOf(r.raw))));
        throw rowError(
          line,
          'value',
          `${r.raw} disagrees with its own numerator and denominator (${r.num} / ${r.den}${scale === 1 ? '' : ` × ${scale}`} = ${shownExpected})`,
          'Correct the value, the numerator or the denominator; for several gemeenten the figure is recomputed from numerator and denominator.',
        );
      }
      countsGiven.add(def.id);
      for (const [field, n, raw] of [['numerator', r.num, r.rawNum], ['denominator', r.den, r.rawDen]] as const) {
        if (!Number.isInteger(n) && !warnedFractional.has(def.id)) {
          warnedFractional.add(def.id);
          warnings.push({
            message: messages.extraDataFractionalCount(f.displayFile, line, field, raw),
            colophon: `Bij ‘${def.label}’ (${f.displayFile}) zijn teller of noemer geen hele aantallen (regel ${line}); aangenomen is dat het gewogen aantallen zijn.`,
          });
        }
      }
    };

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
      if (year > currentYear) {
        throw rowError(line, 'year', `${year} is after the current year (${currentYear})`, 'Give the year the figure was measured (for a school year, its first year); a forecast is not a figure of the contextkaart.');
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
        into.set(def.id, year, code, suppressedCell(line, code, year, def, raw, values.numerator, values.denominator));
        continue;
      }
      const value = parseNum(raw);
      if (!Number.isFinite(value)) throw rowError(line, 'value', `"${raw}" is not a number`, separator === ';' ? 'Write numbers like 12,3.' : 'Write numbers like 12.3 (or use ";" as separator for 12,3).');
      const num = values.numerator ? parseNum(values.numerator) : undefined;
      const den = values.denominator ? parseNum(values.denominator) : undefined;
      if ((num !== undefined && !Number.isFinite(num)) || (den !== undefined && !Number.isFinite(den))) {
        throw rowError(line, 'numerator/denominator', 'is not a number', 'Give whole counts, or leave both empty.');
      }
      checkPlausible({ line, def, value, raw, num, den, rawNum: values.numerator, rawDen: values.denominator });
      const hasCounts = num !== undefined && den !== undefined;
      // Nederland may be given as a plain value; it is never aggregated.
      if (code !== NEDERLAND_CODE) {
        withCounts.set(def.id, (withCounts.get(def.id) ?? true) && hasCounts);
        if (!hasCounts && !firstWithoutCounts.has(def.id)) firstWithoutCounts.set(def.id, line);
      }
      into.set(def.id, year, code, applySuppression({ value, numerator: num, denominator: den }));
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
