/**
 * DUO files, taken as published (re-encoded to UTF-8): the per-year files from DUO's
 * open-data pages (duo.nl/open_onderwijsdata/images/<file>.csv, downloaded so by public
 * code), and the current address registers from the CKAN datasets adressen_bo/adressen_vo,
 * written in the readers' layout. The file names and datasets are in the catalogue.
 */
import { parseCsv } from '../util/csv.js';
import { toCsv } from './csv-out.js';
import { ckanResource, decodeDuoText, downloadText, duoSeparator } from './duo-ckan.js';
import { getResponse, HttpFailure, type HttpOptions } from './http.js';
import { TableProblem } from './problem.js';
import type { FetchContext, FetchedTable } from './types.js';

export const duoFileUrl = (duoFiles: string, name: string) => `${duoFiles}/${encodeURIComponent(name)}.csv`;

/** Whether an answer is a web page rather than a CSV: Content-Type text/html or xhtml, or a body that starts like HTML. */
export function looksLikeHtml(contentType: string, text: string): boolean {
  if (/^\s*(text\/html|application\/xhtml\+xml)\b/i.test(contentType)) return true;
  return /^\s*(<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<!--)/i.test(text.replace(/^\uFEFF/, '').slice(0, 1024));
}

/**
 * One of DUO's page files: a 404 is "not (yet) published", and so is an answer of 200 with an HTML
 * page (issue 22: duo.nl answers a file it does not have with a page of its site, directly or after
 * a redirect), named with the URL the page came from. Other failures as downloadText.
 */
export async function downloadDuoPageFile(url: string, http: HttpOptions): Promise<string> {
  let answer;
  try {
    answer = await getResponse(url, http);
  } catch (e) {
    if (e instanceof HttpFailure) throw new TableProblem(e.url, e.reason, e.status === 404 ? 'not-published' : 'failed');
    throw e;
  }
  const text = decodeDuoText(answer.bytes);
  if (looksLikeHtml(answer.contentType, text)) {
    const via = answer.finalUrl !== url ? ` (redirected to ${answer.finalUrl})` : '';
    throw new TableProblem(url, `DUO answers with a web page${via}, not a CSV file: not (yet) published under this name`, 'not-published');
  }
  return text;
}

/** One of DUO's files by its name (without ".csv"); a 404 or an HTML page is "not (yet) published". */
export async function fetchDuoFile(ctx: FetchContext, name: string): Promise<FetchedTable> {
  const url = duoFileUrl(ctx.bases.duoFiles, name);
  ctx.progress(`${name}.csv`);
  return { text: await downloadDuoPageFile(url, ctx.http), urls: [url] };
}

/** One name DUO may publish a file under, and what says so (cited where the names are defined, src/fetch/catalogue.ts). */
export interface DuoNameVariant {
  name: string;
  /** 'seen': public code downloads or stores the file (or its neighbours of other years) under this pattern; 'assumed': not seen, tried in case. */
  evidence: 'seen' | 'assumed';
}

/**
 * One of DUO's page files known under several names (with and without DUO's numbered prefix,
 * "05-" / "05.-" / none; issue 22): the names are tried in order and the first DUO serves is taken.
 * A name that is not published (404, or a web page in place of the CSV) tries the next; any other
 * failure (a 500, a timeout, …) ends the table at once, as for a single name. None published: "not
 * published", listing every URL tried and what each answered.
 */
export async function fetchDuoFileVariants(ctx: FetchContext, variants: readonly DuoNameVariant[]): Promise<FetchedTable> {
  if (!variants.length) throw new Error('fetchDuoFileVariants: no names');
  const tried: { url: string; why: string }[] = [];
  for (const { name } of variants) {
    try {
      return await fetchDuoFile(ctx, name);
    } catch (e) {
      if (!(e instanceof TableProblem) || e.kind !== 'not-published') throw e;
      tried.push({ url: e.url, why: e.problem });
    }
  }
  const list = tried.map((t) => `${t.url} (${t.why})`).join('; ');
  throw new TableProblem(tried[0].url, `not published under any of its ${tried.length} known names; tried ${list}. If DUO has renamed the file, report it with this message (see README, "Getting the data")`, 'not-published');
}

/**
 * DUO's newest five-year file of a series named "<stem>-<first>-<last>" (such as the exams,
 * "examenkandidaten-en-geslaagden-2019-2024"): the windows ending this year, last year, … down to
 * `oldestLast` are tried in that order, and the first DUO serves is taken (the readers read the
 * school years from its header). Nothing published: "not published", naming the oldest URL.
 */
export async function fetchNewestWindow(ctx: FetchContext, stem: string, oldestLast: number, today = new Date()): Promise<FetchedTable> {
  let last: unknown;
  for (let end = today.getUTCFullYear(); end >= oldestLast; end--) {
    try {
      return await fetchDuoFile(ctx, `${stem}-${end - 5}-${end}`);
    } catch (e) {
      if (!(e instanceof TableProblem) || e.kind !== 'not-published') throw e;
      last = e;
    }
  }
  throw last;
}

/** DUO's current names of the register's identifiers and the names the reader knows (the 2020 files). */
const registerRenames: Record<string, string> = { INSTELLINGSCODE: 'BRIN NUMMER', VESTIGINGSCODE: 'VESTIGINGSNUMMER' };

/**
 * A register in the layout of DUO's 2020 files the reader knows: ';'-separated, BRIN NUMMER and
 * VESTIGINGSNUMMER. The current files are ','-separated with INSTELLINGSCODE and VESTIGINGSCODE
 * (the latter 6 characters in some releases and 2 in others: the reader takes both). Values are
 * kept as they are; the other columns keep DUO's names.
 */
export function toRegisterLayout(text: string): string {
  const rows = parseCsv(text, duoSeparator(text));
  if (!rows.length) return text;
  const header = rows[0].map((h) => h.trim()).map((h) => registerRenames[h] ?? h);
  return toCsv(header, rows.slice(1), ';');
}

/** The register of a CKAN dataset (the resource whose name or URL matches), in the reader's layout. */
export async function fetchDuoRegister(ctx: FetchContext, dataset: string, resource: RegExp): Promise<FetchedTable> {
  const { resource: r, packageUrl } = await ckanResource(ctx.bases.duo, dataset, resource, ctx.http);
  ctx.progress(r.name ?? r.url);
  const text = await downloadText(r.url, ctx.http);
  return { text: toRegisterLayout(text), urls: [r.url, packageUrl] };
}
