/**
 * CBS maatwerk "Inkomen per gemeente en wijk, 2020" (cbs.nl/nl-nl/maatwerk/2023/35/
 * inkomen-per-gemeente-en-wijk-2020, commissioned by the Kamers van Koophandel): income
 * year 2020 on the gemeentelijke indeling and wijkindeling of 2023. Published only as an
 * Excel file; the data directory holds a lossless CSV conversion (SOURCES.md "Added in turn 3").
 *
 * Columns: gwb_code (NL00 / GMxxxx / WKxxxxxx), regio, recs (Land / Gemeente / Wijk), gm_code,
 * g_ink_pi (average personal income per inhabitant in private households, × 1,000 euro),
 * p_hh_li (% of private households in the NATIONAL lowest 40 % of disposable household
 * income: 40 for Nederland by construction, NOT the share with a low income, p_hh_lkk),
 * p_hh_hi (% in the national highest 20 %). Empty = not published by CBS.
 *
 * Yields, for the year 2020: pct_hh_laagste_40 (p_hh_li), pct_hh_hoog_inkomen (p_hh_hi) and
 * gem_inkomen_inwoner (g_ink_pi) for Nederland, the gemeenten and the wijken, through the
 * catalogue's fields "cbs-inkomen-2020:<column>". Wijken are matched to the 2024 wijken by
 * code and name in load-dataset.ts (wijk-matching.ts, matchSameCodeAndName).
 *
 * The file is checked as a publisher's file: columns present, one row per code, codes well
 * formed and of the right kind, numbers written with a decimal point, shares within 0-100
 * and p_hh_li + p_hh_hi at most 100. Any problem stops the load with the file, line and fix.
 */
import { join } from 'node:path';
import { ReportError } from '../../util/errors.js';
import { formatNumber } from '../../format.js';
import { messages } from '../../util/messages.js';
import { parseCsvRecords } from '../../util/csv.js';
import { matchSameCodeAndName } from '../wijk-matching.js';
import type { SourceDef, SourceModule } from './types.js';
import type { FieldTarget } from './kwb-2021.js';
import type { DataFiles, SourceObservation, SourceReading } from './types.js';

export const cbsInkomen2020Source = {
  id: 'cbs-inkomen-2020',
  publisher: 'CBS',
  citation: 'CBS maatwerk, Inkomen per gemeente en wijk, 2020 (wijkindeling 2023)',
  table:
    'Inkomen per gemeente en wijk, 2020 (CBS maatwerk, 2023, in opdracht van de Kamers van Koophandel; www.cbs.nl/nl-nl/maatwerk/2023/35/inkomen-per-gemeente-en-wijk-2020): gemiddeld persoonlijk inkomen per inwoner en het aandeel particuliere huishoudens in de laagste 40% en de hoogste 20% inkomens van Nederland, inkomensjaar 2020, gemeentelijke indeling en wijkindeling 2023',
  file: 'cbs/inkomen_2020_gm_wk_indeling2023_cbs_maatwerk.csv',
  indeling: 2023,
  license: 'CC BY 4.0',
  caveat:
    'Inkomensjaar 2020 op de wijkindeling van 2023: een wijk van 2024 krijgt het cijfer alleen als de wijk in 2023 dezelfde code en naam had. Het aandeel huishoudens in de laagste 40% inkomens van Nederland is niet het aandeel huishoudens met een laag inkomen (lage-inkomensgrens).',
} satisfies SourceDef;


export const INKOMEN_2020_YEAR = 2020;
/** The wijkindeling (and gemeentelijke indeling) the file is published in. */
export const INKOMEN_2020_WIJKINDELING = 2023;
export const inkomen2020Columns = ['gwb_code', 'regio', 'recs', 'gm_code', 'g_ink_pi', 'p_hh_li', 'p_hh_hi'] as const;

const NOT_PUBLISHED = 'niet gepubliceerd door CBS';
const SHARES = ['p_hh_li', 'p_hh_hi'] as const;
/** × 1,000 euro per inhabitant: CBS's wijk values of 2020 lie between 8 and 73 (NL 27.9). */
const INCOME_RANGE = { min: 1, max: 250 } as const;
/** Two shares rounded to one decimal each may add up to 0.1 more than their true sum. */
const ROUNDING = 0.1;
const CODE_OF: Record<string, RegExp> = { Land: /^NL00$/, Gemeente: /^GM\d{4}$/, Wijk: /^WK\d{4}[0-9A-Z]{2}$/ };
const DECIMAL = /^-?\d+(\.\d+)?$/;

export interface RowProblem {
  /** 1-based line in the file (the header is line 1); 1 for a problem of the header. */
  line: number;
  field: string;
  problem: string;
  fix: string;
}

/**
 * Every problem of the file's text, in order of lines; empty when it can be read. Used by the
 * reader (which then stops) and by `contextkaart data check` (src/fetch/catalogue.ts).
 */
export function inkomen2020Problems(text: string): RowProblem[] {
  const { header, records } = parseCsvRecords(text, ',');
  const problems: RowProblem[] = [];
  const missing = inkomen2020Columns.filter((c) => !header.includes(c));
  for (const c of missing) {
    problems.push({ line: 1, field: c, problem: `column "${c}" is missing (header: ${header.slice(0, 8).join(', ')})`, fix: `the file must have the columns ${inkomen2020Columns.join(', ')} (see SOURCES.md)` });
  }
  if (missing.length) return problems;
  if (records.length === 0) problems.push({ line: 2, field: 'gwb_code', problem: 'no data rows', fix: 'restore the file from the CBS maatwerk table' });
  const firstLine = new Map<string, number>();
  let land = 0;
  for (const { line, values } of records) {
    const code = values.gwb_code;
    const recs = values.recs;
    const at = (field: string, problem: string, fix: string) => problems.push({ line, field, problem, fix });
    const pattern = CODE_OF[recs];
    if (!pattern) {
      at('recs', `recs is "${recs}"`, 'write Land, Gemeente or Wijk');
      continue;
    }
    if (recs === 'Land') land++;
    if (!pattern.test(code)) at('gwb_code', `"${code}" is not a ${recs.toLowerCase()} code`, recs === 'Land' ? 'Nederland is NL00' : recs === 'Gemeente' ? 'a gemeente code is GM and four digits (GM0363)' : 'a wijk code is WK, the four digits of its gemeente and two digits or letters (WK036300, WK0363AA)');
    else if (recs === 'Gemeente' && values.gm_code !== code) at('gm_code', `gm_code "${values.gm_code}" differs from gwb_code "${code}"`, 'a gemeente row has its own code in gm_code');
    else if (recs === 'Wijk' && `GM${code.slice(2, 6)}` !== values.gm_code) at('gm_code', `wijk ${code} lies in gemeente GM${code.slice(2, 6)}, but gm_code is "${values.gm_code}"`, 'gm_code must be the gemeente code the wijk code starts with');
    const first = firstLine.get(code);
    if (first !== undefined) at('gwb_code', `"${code}" occurs twice (also on line ${first})`, 'keep one row per code');
    else firstLine.set(code, line);

    const num: Record<string, number | null> = {};
    for (const field of ['g_ink_pi', ...SHARES]) {
      const raw = values[field];
      num[field] = null;
      if (raw === '') continue;
      if (!DECIMAL.test(raw)) {
        at(field, `"${raw}" is not a number`, "write numbers with '.' as the decimal separator, and leave a cell CBS did not publish ('.') empty");
        continue;
      }
      num[field] = Number(raw);
    }
    const inRange = (v: number | null) => v !== null && v >= 0 && v <= 100;
    for (const field of SHARES) {
      const v = num[field];
      if (v !== null && !inRange(v)) at(field, `${v} is not a percentage (0 to 100)`, 'restore the value from the CBS table');
    }
    const li = num.p_hh_li;
    const hi = num.p_hh_hi;
    if (inRange(li) && inRange(hi) && li! + hi! > 100 + ROUNDING) {
      at('p_hh_hi', `p_hh_li ${li} + p_hh_hi ${hi} is more than 100: a household cannot be in the lowest 40% and the highest 20% at once`, 'the two columns are swapped or a value is wrong; restore them from the CBS table');
    }
    const inc = num.g_ink_pi;
    if (inc !== null && (inc < INCOME_RANGE.min || inc > INCOME_RANGE.max)) {
      at('g_ink_pi', `${inc} is not an average income per inhabitant in thousands of euros (${INCOME_RANGE.min} to ${INCOME_RANGE.max} expected)`, 'g_ink_pi is in × 1,000 euro (Nederland 27.9); restore the value from the CBS table');
    }
  }
  if (records.length && land !== 1) problems.push({ line: 1, field: 'recs', problem: `${land} rows for Nederland (recs Land)`, fix: 'the file has one row NL00 for Nederland' });
  return problems;
}

/** The problems as one message: the file, then each line with its field, problem and fix. */
export function describeProblems(path: string, problems: RowProblem[], max = 12): string {
  const shown = problems.slice(0, max).map((p) => `  ${path}:${p.line}: ${p.field}: ${p.problem}. Fix: ${p.fix}.`);
  const more = problems.length > max ? [`  … and ${problems.length - max} more.`] : [];
  return `${path}: ${problems.length} problem${problems.length === 1 ? '' : 's'} in CBS "Inkomen per gemeente en wijk, 2020":\n${[...shown, ...more].join('\n')}\nThe report can do without this file: restore it from the CBS maatwerk table (SOURCES.md), or remove it to show the wijk maps of KWB 2021 only.`;
}

/** Problems in the one-line form `data check` prints per file ("line 12: …; line 40: …"). */
export function inkomen2020CheckLines(text: string): string[] {
  return inkomen2020Problems(text).map((p) => `line ${p.line}: ${p.field}: ${p.problem} (${p.fix})`);
}

/**
 * Reads the file into observations of the catalogue's targets (level, field → indicator, year
 * 2020). Throws a ReportError naming file, line, field and fix when the file is not as published.
 */
export async function readInkomen2020(files: DataFiles, targets: FieldTarget[]): Promise<SourceReading> {
  const source = cbsInkomen2020Source;
  const path = join(files.dataDir, source.file);
  const text = await files.text(source.file);
  const problems = inkomen2020Problems(text);
  if (problems.length) {
    if (problems[0].line === 1 && problems.every((p) => p.line === 1 && p.field !== 'recs')) throw new ReportError(messages.dataColumnMissing(path, problems[0].field), 'data');
    throw new ReportError(describeProblems(path, problems), 'data');
  }
  const { records } = parseCsvRecords(text, ',');
  const observations: SourceObservation[] = [];
  const wijken = new Map<string, { name: string; gemeenteCode: string; inwoners: number | null }>();
  let gemeenten = 0;
  for (const { values } of records) {
    const level = values.recs === 'Wijk' ? 'wijk' : 'gemeente';
    const code = values.gwb_code;
    if (values.recs === 'Gemeente') gemeenten++;
    if (level === 'wijk') wijken.set(code, { name: values.regio, gemeenteCode: values.gm_code, inwoners: null });
    for (const t of targets) {
      if (t.level !== level || t.year !== INKOMEN_2020_YEAR) continue;
      const raw = values[t.field];
      observations.push({
        code,
        indicator: t.indicator,
        year: INKOMEN_2020_YEAR,
        indeling: INKOMEN_2020_WIJKINDELING,
        ...(raw === '' ? { value: null, note: NOT_PUBLISHED } : { value: Number(raw) }),
      });
    }
  }
  const filled = (field: string) => records.filter((r) => r.values.recs === 'Wijk' && r.values[field] !== '').length;
  return {
    observations,
    wijken,
    wijkindeling: INKOMEN_2020_WIJKINDELING,
    notes: [
      `CBS-inkomen 2020 (maatwerk, wijkindeling 2023): ${formatNumber(gemeenten)} gemeenten en ${formatNumber(wijken.size)} wijken gelezen; ${formatNumber(filled('p_hh_li'))} wijken met het aandeel huishoudens in de laagste 40% inkomens van Nederland, ${formatNumber(filled('g_ink_pi'))} met het gemiddeld inkomen per inwoner.`,
    ],
  };
}

export const inkomen2020Module: SourceModule = {
  id: 'cbs-inkomen-2020',
  sources: [cbsInkomen2020Source],
  // Fills wijken KWB 2021 cannot (Amsterdam's new codes, merged gemeenten); a data directory may lack it.
  optional: true,
  unavailable: [
    {
      file: cbsInkomen2020Source.file,
      sourceId: 'cbs-inkomen-2020',
      year: 2020,
      reason:
        'CBS published "Inkomen per gemeente en wijk, 2020" (wijkindeling 2023) only as a maatwerk Excel file on cbs.nl (www.cbs.nl/nl-nl/maatwerk/2023/35/inkomen-per-gemeente-en-wijk-2020), not in StatLine/OData: convert it to a CSV with the columns gwb_code, regio, recs, gm_code, g_ink_pi, p_hh_li, p_hh_hi (\',\' separated, \'.\' decimals, an empty cell where CBS wrote \'.\'), or copy the staged one; without it the income wijk maps show KWB 2021 only',
      optional: true,
      // The reader's own checks: columns, one row per code, well-formed codes, shares within 0-100 and p_hh_li + p_hh_hi at most 100.
      check: { kind: 'rows', problems: inkomen2020CheckLines },
    },
  ],
  load: (ctx) => readInkomen2020(ctx.read, (['gemeente', 'wijk'] as const).flatMap((level) => ctx.fieldTargets(level, 'cbs-inkomen-2020').map((t) => ({ ...t, level })))),
  // Wijkindeling 2023 without inhabitants: only a 2024 wijk with the same code and name.
  matchWijken: (ctx, reading) => {
    const match = matchSameCodeAndName(reading.wijken!, ctx.inwoners2024);
    return () => match;
  },
  afterLoad: (ctx, reading) => {
    const match = matchSameCodeAndName(reading.wijken!, ctx.inwoners2024);
    const populated = [...ctx.wijken.values()].filter((w) => w.populated);
    const matched = new Set(match.values());
    ctx.notes.push(
      ...reading.notes,
      `Wijkcijfers van inkomen 2020 (wijkindeling 2023) op de wijken van 2024: ${formatNumber(populated.filter((w) => matched.has(w.code)).length)} van de ${formatNumber(populated.length)} bewoonde wijken hadden in 2023 dezelfde code en naam; de andere staan op die kaarten zonder gegevens.`,
    );
  },
};
