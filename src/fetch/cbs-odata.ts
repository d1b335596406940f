/**
 * CBS StatLine OData v3: JSON pages of at most 10,000 rows, the next page in
 * "odata.nextLink"; metadata in TableInfos, DataProperties and one collection per
 * dimension (Key, Title). Dimension keys are space-padded ("GM0363    "), periods look
 * like "2024JJ00", "." means unknown. Requests go to the bulk feed
 * (opendata.cbs.nl/ODataFeed/odata/<table>), as the cbsodata client does: the feed pages
 * whole tables with odata.nextLink, while ODataApi is meant for small queries.
 *
 * Checked against public code (issue 14), not the live API: ODataFeed/odata/<table>/TypedDataSet
 * read page by page through "odata.nextLink" (a KWB downloader of 85618NED, _fetch_cbs_odata);
 * ODataApi refusing unbounded queries of large tables ("paged under the 10k-row limit", a jeugdzorg
 * analysis of 85098NED); `$filter` "X eq 'v' and Perioden eq '2023JJ00'" on ODataApi (several
 * clients); dimension collections (RegioS, Perioden, WijkenEnBuurten) under the same table URL;
 * keys padded to 10 characters in WijkenEnBuurten (the Valora client pads its codes so). Not seen:
 * `$select` sent to ODataFeed (only to ODataApi).
 */
import { messages } from '../util/messages.js';
import { getJson, HttpFailure, isObject, jsonKind, limitsOf, samePublisher, type HttpOptions } from './http.js';
import { TableProblem } from './problem.js';

export type CbsValue = string | number | null;
export type CbsRow = Record<string, CbsValue>;

export interface DataProperty {
  ID: number;
  ParentID: number | null;
  Type: string;
  Key: string;
  Title: string;
  Unit?: string | null;
  Decimals?: number | null;
}

export interface DimensionItem {
  Key: string;
  Title: string;
  Status?: string;
}

export const tableUrl = (cbsBase: string, table: string) => `${cbsBase}/ODataFeed/odata/${table}`;

/**
 * Every row of a collection, following odata.nextLink until there is none: only to the
 * publisher's own host (samePublisher), at most limits.maxPages pages and limits.maxRows rows;
 * every row must be an object (a null row is an error naming the page and the row).
 */
export async function odataAll(url: string, http: HttpOptions, onPage?: (rows: number) => void): Promise<CbsRow[]> {
  const limits = limitsOf(http);
  const rows: CbsRow[] = [];
  let next: string | undefined = url;
  const seen = new Set<string>();
  let pages = 0;
  while (next) {
    if (seen.has(next)) throw new TableProblem(next, 'odata.nextLink points back to a page already read');
    if (pages >= limits.maxPages) throw new TableProblem(next, messages.fetchTooManyPages(limits.maxPages, rows.length));
    seen.add(next);
    pages++;
    const at: string = next;
    const page: unknown = await getJson<unknown>(at, http).catch(notPublishedOn404);
    if (!isObject(page)) throw new TableProblem(at, messages.fetchBadShape('the OData answer', 'an object with a "value" array', jsonKind(page)));
    if (!Array.isArray(page.value)) throw new TableProblem(at, 'the answer has no "value" array (not an OData collection)');
    const bad = page.value.findIndex((r) => !isObject(r));
    if (bad >= 0) throw new TableProblem(at, messages.fetchBadShape(`row ${bad + 1} of the page ("value"[${bad}])`, 'an object', jsonKind(page.value[bad])));
    if (rows.length + page.value.length > limits.maxRows) throw new TableProblem(at, messages.fetchTooManyRows(limits.maxRows));
    for (const r of page.value as CbsRow[]) rows.push(r);
    onPage?.(rows.length);
    const link = page['odata.nextLink'];
    if (link === undefined || link === null) break;
    if (typeof link !== 'string') throw new TableProblem(at, messages.fetchBadShape('"odata.nextLink"', 'a URL', jsonKind(link)));
    let resolved: string;
    try {
      resolved = new URL(link, at).toString();
    } catch {
      resolved = link;
    }
    if (!samePublisher(url, resolved)) throw new TableProblem(at, messages.fetchForeignLink('odata.nextLink', link, url));
    next = resolved;
  }
  return rows;
}

function notPublishedOn404(e: unknown): never {
  if (e instanceof HttpFailure && e.status === 404) throw new TableProblem(e.url, 'CBS answers 404: the table does not exist (yet)', 'not-published');
  if (e instanceof HttpFailure) throw new TableProblem(e.url, e.reason, 'failed');
  throw e;
}

export function query(url: string, params: Record<string, string | undefined>): string {
  const q = Object.entries({ $format: 'json', ...params })
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${encodeURIComponent(v!)}`)
    .join('&');
  return `${url}?${q}`;
}

/** A value as CBS sends it: strings trimmed, "." and "" are unknown (null). */
export function cbsValue(v: unknown): CbsValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  const s = String(v).trim();
  return s === '' || s === '.' ? null : s;
}

/** "AantalInwoners_5" → "AantalInwoners": the numbering differs between editions of a table. */
export const keyStem = (key: string) => key.replace(/_\d+$/, '');

export async function dataProperties(cbsBase: string, table: string, http: HttpOptions): Promise<DataProperty[]> {
  const url = query(`${tableUrl(cbsBase, table)}/DataProperties`, {});
  const rows = await odataAll(url, http);
  rows.forEach((p, i) => {
    for (const field of ['Key', 'Title', 'Type'] as const) {
      if (p[field] !== null && typeof p[field] !== 'string') throw new TableProblem(url, messages.fetchBadShape(`property ${i + 1}'s "${field}"`, 'a string', jsonKind(p[field])));
    }
  });
  return rows as unknown as DataProperty[];
}

export async function dimension(cbsBase: string, table: string, name: string, http: HttpOptions): Promise<DimensionItem[]> {
  const url = query(`${tableUrl(cbsBase, table)}/${name}`, {});
  const rows = await odataAll(url, http);
  rows.forEach((d, i) => {
    for (const field of ['Key', 'Title'] as const) {
      if (typeof d[field] !== 'string') throw new TableProblem(url, messages.fetchBadShape(`item ${i + 1} of ${name}: "${field}"`, 'a string', jsonKind(d[field])));
    }
  });
  return rows as unknown as DimensionItem[];
}

/**
 * The table's key for each stem; "A|B" takes the first alternative the table has (CBS renamed
 * some columns between editions). A stem CBS does not (or no longer) publish is an error naming it.
 */
export function resolveStems(props: DataProperty[], stems: readonly string[], url: string): Map<string, string> {
  const byStem = new Map<string, string>();
  for (const p of props) if (p.Key) byStem.set(keyStem(p.Key), p.Key);
  const find = (s: string) => s.split('|').map((alt) => byStem.get(alt)).find((k) => k !== undefined);
  const missing = stems.filter((s) => find(s) === undefined);
  if (missing.length) {
    const shown = missing.map((m) => m.split('|').map((alt) => `"${alt}_…"`).join(' or ')).join(', ');
    throw new TableProblem(url, `column${missing.length > 1 ? 's' : ''} ${shown} not in DataProperties (renamed or dropped by CBS?)`);
  }
  return new Map(stems.map((s) => [s, find(s)!]));
}

/** Throws "not yet published" when the table has no such period. */
export async function requirePeriod(cbsBase: string, table: string, period: string, http: HttpOptions): Promise<DimensionItem> {
  const periods = await dimension(cbsBase, table, 'Perioden', http);
  const hit = periods.find((p) => p.Key.trim() === period);
  if (!hit) {
    throw new TableProblem(
      `${tableUrl(cbsBase, table)}/Perioden`,
      `period ${period} is not (yet) published in table ${table} (periods there: ${periods.map((p) => p.Key.trim()).join(', ') || 'none'}); nothing was taken from another year`,
      'not-published',
    );
  }
  return hit;
}

/** The id of a table in the CBS catalogue by its exact title, or null when CBS has none (yet). */
export async function findTableByTitle(cbsBase: string, title: string, http: HttpOptions): Promise<string | null> {
  const url = query(`${cbsBase}/ODataCatalog/Tables`, { $filter: `Title eq '${title.replace(/'/g, "''")}'`, $select: 'Identifier,Title,Modified' });
  const rows = await odataAll(url, http);
  const hit = rows.find((r) => r.Title === title);
  return hit ? String(hit.Identifier) : null;
}
