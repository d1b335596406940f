/**
 * DUO school advice bo/sbo ("04-leerlingen-bo-sbo-schooladviezen-<schooljaar>"), one CSV per
 * school year, one row per vestiging, summed here per instelling (4-character BRIN) and school
 * year into the layout src/data/sources/duo-schooladviezen.ts reads:
 * instellingscode;naam;gemeentenaam;provincie;denominatie;plaatsnaam;schooljaar;<12 advice counts>;n_totaal.
 *
 * DUO's layout, from public code that reads these files (not from a DUO specification, and not
 * tried against the live service): ';'-separated; identifier columns INSTELLINGSCODE and
 * VESTIGINGSCODE (older files BRIN_NUMMER and VESTIGINGSNUMMER; which years is not known, so
 * either is taken), INSTELLINGSNAAM_VESTIGING, PLAATSNAAM, GEMEENTENAAM, PROVINCIE, SOORT_PO,
 * DENOMINATIE_VESTIGING; then the counts VSO … ADVIES_NIET_MOGELIJK; from 2022-2023 on, 1 to 4
 * is published as "<5", stored as 2 (the reader's convention).
 *
 * Where the files are (issue 14): public code downloads them from DUO's open-data pages,
 * https://duo.nl/open_onderwijsdata/images/04-leerlingen-bo-sbo-schooladviezen-<schooljaar>.csv,
 * "04.-" for 2019-2020 and 2020-2021 (the AlleSchools fetcher, _schooladviezen_duo_filename; the
 * 2024-2025 file also in Schoolradar's build_dataset.py and several R analyses, which read
 * INSTELLINGSCODE, VESTIGINGSCODE, PLAATSNAAM, DENOMINATIE_VESTIGING and the advice columns). No
 * CKAN dataset holding them was found: the one on onderwijsdata.duo.nl is wpoadvies-v1
 * (brin6_advies.csv, long format, ADVIES as a code of which public code shows only 10 = HAVO_VWO
 * and 11 = VWO), which cannot be turned into these twelve columns with confidence.
 */
import { parseCsvRecords } from '../util/csv.js';
import { adviceColumns, MASKED_FROM } from '../data/sources/duo-schooladviezen.js';
import { toCsv } from './csv-out.js';
import { downloadDuoPageFile, duoFileUrl } from './duo-tables.js';
import { TableProblem } from './problem.js';
import type { FetchContext, FetchedTable } from './types.js';

/** First calendar year of each school year in the file (2019 = 2019-2020). */
export const schooladviesYears = [2019, 2020, 2021, 2022, 2023, 2024] as const;
export const schooljaarOf = (year: number) => `${year}-${year + 1}`;

export const schooladviezenHeader = ['instellingscode', 'naam', 'gemeentenaam', 'provincie', 'denominatie', 'plaatsnaam', 'schooljaar', ...adviceColumns, 'n_totaal'] as const;

/** The derived file's index fields and the DUO column each comes from. */
const indexColumns = { naam: 'INSTELLINGSNAAM_VESTIGING', gemeentenaam: 'GEMEENTENAAM', provincie: 'PROVINCIE', denominatie: 'DENOMINATIE_VESTIGING', plaatsnaam: 'PLAATSNAAM' } as const;
type IndexFields = Record<keyof typeof indexColumns, string>;
const instellingColumns = ['INSTELLINGSCODE', 'BRIN_NUMMER'] as const;
const vestigingColumns = ['VESTIGINGSCODE', 'VESTIGINGSNUMMER'] as const;
export const LESS_THAN_FIVE = '<5';
const LESS_THAN_FIVE_STORED = 2;

/** DUO's file name of one school year, without ".csv" ("04.-" up to 2020-2021, as public code downloads them). */
export const schooladviesFile = (year: number) => `${year <= 2020 ? '04.-' : '04-'}leerlingen-bo-sbo-schooladviezen-${schooljaarOf(year)}`;

export interface RawSchooladviezen {
  year: number;
  url: string;
  text: string;
}

interface Acc {
  counts: number[];
  /** Index fields of the vestiging with the lowest code (the hoofdvestiging '00' when there is one). */
  index: IndexFields;
  vestiging: string;
}

/** Advice cells of one school year that were blank or not a count, skipped rather than read (issue 22). */
export interface SkippedCells {
  year: number;
  url: string;
  /** How many cells were skipped. */
  cells: number;
  /** Of how many advice cells in the file. */
  of: number;
  /** The first few, as "line 12, column VWO: blank". */
  examples: string[];
}

/**
 * More skipped cells than this share of a school year's advice cells (and more than
 * SKIP_MAX_FEW of them) is not a few odd cells but a changed layout: the table is refused.
 */
export const SKIP_MAX_SHARE = 0.01;
export const SKIP_MAX_FEW = 20;

/** The fetch log's line for one school year's skipped cells. */
export function skippedCellsWarning(s: SkippedCells): string {
  const file = s.url.replace(/^.*\//, '');
  return `school year ${schooljaarOf(s.year)} (${decodeURIComponent(file)}): ${s.cells} of ${s.of.toLocaleString('en')} advice cell${s.cells === 1 ? '' : 's'} blank or not a count, skipped (counted as no pupils): ${s.examples.join('; ')}${s.cells > s.examples.length ? '; …' : ''}`;
}

/** Sums DUO's per-vestiging rows (aggregateSchooladviezenCounted), without the skipped cells. */
export function aggregateSchooladviezen(raw: readonly RawSchooladviezen[]): string {
  return aggregateSchooladviezenCounted(raw).text;
}

/**
 * Sums DUO's per-vestiging rows per instelling and school year. The index fields of every row of an
 * instelling come from the latest school year it occurs in (as in the staged file: an instelling
 * of Delfzijl that closed in 2020 keeps "Delfzijl", one that continued reads "Eemsdelta").
 * Instelling-years without any advice are left out (the staged file has none; they add nothing).
 *
 * A blank advice cell, or one that is not a count ("2,5", "-", "<5" before 2022-2023), is skipped
 * (it adds no pupils) and counted per school year in `skipped`, for the fetch log; a school year
 * with more of them than SKIP_MAX_SHARE of its cells (and more than SKIP_MAX_FEW) is refused,
 * naming the first. A missing column or a file without rows is refused as before.
 */
export function aggregateSchooladviezenCounted(raw: readonly RawSchooladviezen[]): { text: string; skipped: SkippedCells[] } {
  const perYear = new Map<number, Map<string, Acc>>();
  const skipped: SkippedCells[] = [];
  for (const { year, url, text } of raw) {
    const { header, records } = parseCsvRecords(text, ';');
    const pick = (names: readonly string[]) => names.find((n) => header.includes(n));
    const instCol = pick(instellingColumns);
    const vestCol = pick(vestigingColumns);
    const missing = [
      ...(instCol ? [] : [instellingColumns.join('" or "')]),
      ...(vestCol ? [] : [vestigingColumns.join('" or "')]),
      ...Object.values(indexColumns).filter((c) => !header.includes(c)),
      ...adviceColumns.filter((c) => !header.includes(c)),
    ];
    if (missing.length) {
      throw new TableProblem(url, `school year ${schooljaarOf(year)}: column${missing.length > 1 ? 's' : ''} ${missing.map((c) => `"${c}"`).join(', ')} missing (header has ${header.slice(0, 8).map((h) => `"${h}"`).join(', ')}${header.length > 8 ? ', …' : ''})`);
    }
    if (!records.length) throw new TableProblem(url, `school year ${schooljaarOf(year)}: no data rows`);
    const instellingen = new Map<string, Acc>();
    perYear.set(year, instellingen);
    const odd: string[] = [];
    let cells = 0;
    for (const { line, values } of records) {
      const brin = (values[instCol!] ?? '').trim().toUpperCase();
      if (!brin) continue;
      const counts = adviceColumns.map((c) => {
        cells++;
        const v = (values[c] ?? '').trim();
        if (/^\d+$/.test(v)) return Number(v);
        if (v === LESS_THAN_FIVE && year >= MASKED_FROM) return LESS_THAN_FIVE_STORED;
        const why = v === '' ? 'blank' : v === LESS_THAN_FIVE ? `"<5" before ${schooljaarOf(MASKED_FROM)} (the reader counts 2 as "<5" only from then on)` : `"${v}" is not a count`;
        odd.push(`line ${line}, column ${c}: ${why}`);
        return 0;
      });
      const vestiging = (values[vestCol!] ?? '').trim().padStart(2, '0');
      const index = Object.fromEntries(Object.entries(indexColumns).map(([k, c]) => [k, (values[c] ?? '').trim()])) as IndexFields;
      const acc = instellingen.get(brin);
      if (!acc) instellingen.set(brin, { counts, index, vestiging });
      else {
        counts.forEach((n, i) => (acc.counts[i] += n));
        if (vestiging < acc.vestiging) Object.assign(acc, { index, vestiging });
      }
    }
    if (odd.length > SKIP_MAX_FEW && odd.length > SKIP_MAX_SHARE * cells) {
      throw new TableProblem(url, `school year ${schooljaarOf(year)}: ${odd.length} of ${cells} advice cells are blank or not a count, too many to skip (the layout may have changed); the first: ${odd[0]}`);
    }
    if (odd.length) skipped.push({ year, url, cells: odd.length, of: cells, examples: odd.slice(0, 3) });
  }

  const latestIndex = new Map<string, IndexFields>();
  for (const year of [...perYear.keys()].sort((a, b) => a - b)) for (const [brin, acc] of perYear.get(year)!) latestIndex.set(brin, acc.index);

  const rows: (string | number)[][] = [];
  for (const [year, instellingen] of perYear) {
    for (const [brin, acc] of instellingen) {
      const total = acc.counts.reduce((a, b) => a + b, 0);
      if (total === 0) continue;
      const ix = latestIndex.get(brin)!;
      rows.push([brin, ix.naam, ix.gemeentenaam, ix.provincie, ix.denominatie, ix.plaatsnaam, schooljaarOf(year), ...acc.counts, total]);
    }
  }
  rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[6] < b[6] ? -1 : a[6] > b[6] ? 1 : 0));
  return { text: toCsv(schooladviezenHeader, rows, ';'), skipped: skipped.sort((a, b) => a.year - b.year) };
}

/**
 * One file per school year from DUO's open-data pages, the newest first: a school year DUO has not
 * (yet) published stops the table before the older years are downloaded (nothing is taken from
 * another year).
 */
export async function fetchSchooladviezen(ctx: FetchContext, today = new Date()): Promise<FetchedTable> {
  const raw: RawSchooladviezen[] = [];
  for (const year of [...schooladviesYears].reverse()) {
    const url = duoFileUrl(ctx.bases.duoFiles, schooladviesFile(year));
    ctx.progress(`${schooljaarOf(year)}: ${schooladviesFile(year)}.csv`);
    raw.unshift({ year, url, text: await downloadDuoPageFile(url, ctx.http) });
  }
  // Later school years, as far as DUO has published them (the first one missing, by a 404 or an
  // HTML page in place of the CSV, ends the search); the readers take them in the same layout.
  for (let year = schooladviesYears[schooladviesYears.length - 1] + 1; year < today.getUTCFullYear(); year++) {
    const url = duoFileUrl(ctx.bases.duoFiles, schooladviesFile(year));
    ctx.progress(`${schooljaarOf(year)}: ${schooladviesFile(year)}.csv (newer than the catalogue's years)`);
    try {
      raw.push({ year, url, text: await downloadDuoPageFile(url, ctx.http) });
    } catch (e) {
      if (e instanceof TableProblem && e.kind === 'not-published') break;
      throw e;
    }
  }
  const { text, skipped } = aggregateSchooladviezenCounted(raw);
  const warnings = skipped.map(skippedCellsWarning);
  for (const w of warnings) ctx.progress(w);
  return { text, urls: raw.map((x) => x.url), ...(warnings.length ? { warnings } : {}) };
}
