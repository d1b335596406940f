/**
 * `contextkaart data import <file|url>`: publications that exist only as a spreadsheet, taken
 * from the publisher's own workbook into a data directory made by `data fetch`, in the layout the
 * readers know. Known today: CBS "Achterstandsscores basisscholen, 2019" (Tabel 1 and Tabel 2),
 * published on cbs.nl as an Excel workbook, not in StatLine. The workbook is recognised by its
 * sheets and headers, never by its file name; every data row must be a vestiging with numbers.
 */
import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ReportError } from '../util/errors.js';
import { messages } from '../util/messages.js';
import { acquireLock } from '../util/folder-lock.js';
import { writeFileAtomic } from '../util/write-atomic.js';
import { unavailableTables } from './catalogue.js';
import { checkText } from './validate.js';
import { cbsAchterstand2019Source } from '../data/sources/cbs-achterstand.js';
import { DATAPACKAGE_FILE, readDataPackage, resourceFor, sha256 } from './datapackage.js';
import { getBytes, HttpFailure, type HttpOptions } from './http.js';
import { stagingDirOf } from './run-fetch.js';
import { readSheets, XlsxError } from './xlsx.js';

interface SheetLayout {
  sheet: string;
  /** Text the sheet's title (row 2) must start with. */
  title: string;
  /** The header cells of row 4, in order (line breaks and double spaces folded). */
  headers: string[];
  /** Output column names: the code, the numbers, then the footnote column. */
  columns: string[];
  file: string;
}

/** CBS, Achterstandsscores basisscholen 2019: the two data sheets. */
export const achterstand2019: SheetLayout[] = [
  {
    sheet: 'Tabel 1',
    title: 'Achterstandsscore per basisschoolvestiging, 1 oktober 2019',
    headers: ['School (BRIN vestiging)', 'Aantal bekostigde leerlingen', 'Achterstandsscore'],
    columns: ['brin_vestiging', 'aantal_bekostigde_leerlingen', 'achterstandsscore', 'betrouwbaarheid_noot'],
    file: cbsAchterstand2019Source.files[0],
  },
  {
    sheet: 'Tabel 2',
    title: 'Achterstandsscore zonder drempel per basisschoolvestiging, 1 oktober 2019',
    headers: ['School (BRIN vestiging)', 'Achterstandsscore zonder drempel', 'Achterstandsscore zonder drempel (onderbouw)', 'Achterstandsscore zonder drempel (bovenbouw)'],
    columns: ['brin_vestiging', 'achterstandsscore_zonder_drempel', 'achterstandsscore_zonder_drempel_onderbouw', 'achterstandsscore_zonder_drempel_bovenbouw', 'betrouwbaarheid_noot'],
    file: cbsAchterstand2019Source.file,
  },
];

const fold = (s: string) => s.replace(/\s+/g, ' ').trim();
const VESTIGING = /^[0-9A-Z]{4}\d\d$/;

/** The CSV text of one sheet, or the problems found (each naming the sheet, the row and what is wrong). */
export function sheetToCsv(rows: string[][], layout: SheetLayout): { csv: string; rows: number } | { problems: string[] } {
  const problems: string[] = [];
  const title = fold(rows[1]?.[0] ?? '');
  if (!title.startsWith(layout.title)) problems.push(`sheet "${layout.sheet}" row 2: title is "${title}", expected "${layout.title}"`);
  const header = (rows[3] ?? []).map(fold);
  layout.headers.forEach((h, i) => {
    if (header[i] !== h) problems.push(`sheet "${layout.sheet}" row 4, column ${String.fromCharCode(65 + i)}: "${header[i] ?? ''}", expected "${h}"`);
  });
  if (problems.length) return { problems };
  const numbers = layout.headers.length - 1;
  const lines = [layout.columns.join(';')];
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    if (i < 4 || !row.length) return;
    const code = fold(row[0] ?? '');
    if (!VESTIGING.test(code)) return; // notes and the source line below the table
    if (seen.has(code)) problems.push(`sheet "${layout.sheet}" row ${i + 1}: vestiging ${code} appears twice`);
    seen.add(code);
    const values = row.slice(1, 1 + numbers).map(fold);
    values.forEach((v, j) => {
      if (!/^-?\d+(\.\d+)?(E-?\d+)?$/i.test(v)) problems.push(`sheet "${layout.sheet}" row ${i + 1}, column ${String.fromCharCode(66 + j)} (${layout.headers[j + 1]}): "${v}" is not a number`);
    });
    const note = fold(row[1 + numbers] ?? '');
    lines.push([code, ...values.map((v) => String(Number(v))), note].join(';'));
  });
  if (lines.length === 1) problems.push(`sheet "${layout.sheet}": no rows with a vestiging code (such as 00AP00) in column A`);
  return problems.length ? { problems } : { csv: `${lines.join('\n')}\n`, rows: lines.length - 1 };
}

/** A publisher's workbook is well under 1 MB; a larger file is not read (issue 21). */
export const MAX_WORKBOOK_BYTES = 64 * 1024 * 1024;

async function readSource(source: string, http: HttpOptions): Promise<Uint8Array> {
  if (/^https?:\/\//i.test(source)) {
    try {
      return await getBytes(source, { ...http, limits: { ...http.limits, maxResponseBytes: Math.min(http.limits?.maxResponseBytes ?? MAX_WORKBOOK_BYTES, MAX_WORKBOOK_BYTES) } });
    } catch (e) {
      if (e instanceof HttpFailure) throw new ReportError(messages.importUnreadable(source, e.reason), 'data');
      throw e;
    }
  }
  try {
    const info = await stat(source);
    if (info.isDirectory()) throw Object.assign(new Error('it is a folder, not a file'), { code: 'EISDIR' });
    if (info.size > MAX_WORKBOOK_BYTES) throw new ReportError(messages.importUnreadable(source, `it is ${(info.size / 1024 / 1024).toFixed(0)} MiB, and a publisher's workbook is at most ${MAX_WORKBOOK_BYTES / 1024 / 1024} MiB`), 'data');
    return await readFile(source);
  } catch (e) {
    if (e instanceof ReportError) throw e;
    throw new ReportError(messages.importUnreadable(source, (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message), 'usage');
  }
}

export interface ImportResult {
  files: { path: string; rows: number }[];
}

/** Reads the workbook, checks it, writes its tables into `dir` and records them in datapackage.json. */
export async function importWorkbook(dir: string, source: string, http: HttpOptions, now = new Date(), log?: (line: string) => void): Promise<ImportResult> {
  if (!(await readDataPackage(dir))) throw new ReportError(messages.importNeedsFetchedDir(dir), 'usage');
  // The lock of data fetch: a fetch switching the directory meanwhile would drop the import.
  await using _lock = await acquireLock(`${stagingDirOf(resolve(dir))}.lock`, { folder: dir, command: 'contextkaart data import', log });
  const pkg = (await readDataPackage(dir))!;
  const bytes = await readSource(source, http);
  let sheets: Map<string, string[][]>;
  try {
    sheets = readSheets(bytes);
  } catch (e) {
    if (e instanceof XlsxError) throw new ReportError(messages.importNotWorkbook(source, e.message), 'data');
    throw e;
  }
  if (!achterstand2019.every((l) => sheets.has(l.sheet))) throw new ReportError(messages.importUnknownWorkbook(source, [...sheets.keys()]), 'data');
  const out: { layout: SheetLayout; csv: string; rows: number }[] = [];
  const problems: string[] = [];
  for (const layout of achterstand2019) {
    const r = sheetToCsv(sheets.get(layout.sheet)!, layout);
    if ('problems' in r) problems.push(...r.problems);
    else out.push({ layout, ...r });
  }
  // The same plausibility rules as data fetch and data check (unique keys, numbers, bands), before anything is written.
  for (const o of out) {
    const check = unavailableTables.find((u) => u.file === o.layout.file)?.check;
    if (check) problems.push(...checkText(check, o.csv).map((p) => `${o.layout.sheet}: ${p}`));
  }
  if (problems.length) throw new ReportError(messages.importInvalid(source, problems), 'data');

  const workbookHash = sha256(bytes);
  const resources = pkg.resources.filter((r) => !out.some((o) => o.layout.file === r.path));
  for (const o of out) {
    await writeFileAtomic(join(dir, o.layout.file), o.csv);
    const res = resourceFor(o.layout.file, { hash: sha256(o.csv), bytes: Buffer.byteLength(o.csv), fetchedAt: now.toISOString() });
    res.sources = [{ title: `CBS, Achterstandsscores basisscholen 2019 (workbook sha256 ${workbookHash.slice(0, 12)}, sheet "${o.layout.sheet}")`, ...(source.includes('://') ? { path: source } : {}) }];
    resources.push(res);
  }
  const imported = new Set(out.map((o) => o.layout.file));
  const next = { ...pkg, resources: resources.sort((a, b) => a.path.localeCompare(b.path)), notFetched: (pkg.notFetched ?? []).filter((n) => !imported.has(n.path)) };
  await writeFileAtomic(join(dir, DATAPACKAGE_FILE), `${JSON.stringify(next, null, 2)}\n`);
  return { files: out.map((o) => ({ path: o.layout.file, rows: o.rows })) };
}
