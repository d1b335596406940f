/**
 * datapackage.json (Frictionless Data Package): one resource per file with its path,
 * source URL, table id, publisher, licence, year, fetched-at and sha256. A fetch writes
 * one; a directory without one (such as the staged ../shared/data) is described from
 * the project's own source registry, with the sha256 computed on the fly, so both
 * kinds read the same way.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ReportError } from '../util/errors.js';
import { messages } from '../util/messages.js';
import { sourceById } from '../data/sources.js';
import { fetchTables, unavailableTables } from './catalogue.js';

export const DATAPACKAGE_FILE = 'datapackage.json';

export interface DataResource {
  name: string;
  path: string;
  title: string;
  format: string;
  /** Frictionless: "sha256:<hex>"; absent when the file is missing. */
  hash?: string;
  bytes?: number;
  sources: { title: string; path?: string }[];
  licenses: { name: string; title: string; path?: string }[];
  /** contextkaart's own properties (Frictionless allows custom ones). */
  publisher: string;
  tableId: string;
  year: number;
  fetchedAt: string | null;
  sourceId: string;
}

export interface DataPackage {
  profile: 'data-package';
  name: string;
  title: string;
  created: string;
  resources: DataResource[];
  /** Files the readers can use that no open-data interface serves (left out of a fetch). */
  notFetched?: { path: string; reason: string }[];
  /** Tables the last fetch asked for that did not arrive (their previous version, if any, stays): `data fetch --missing` asks for these. */
  failedLastRun?: FailedLastRun[];
}

export interface FailedLastRun {
  path: string;
  table: string;
  reason: string;
  at: string;
}

const licenceOf = (text: string) =>
  /CC BY 4\.0/.test(text) ? { name: 'CC-BY-4.0', title: text, path: 'https://creativecommons.org/licenses/by/4.0/' } : { name: 'other-open', title: text };

export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

const formatOf = (path: string) => path.split('.').pop() ?? '';
const publisherName = { cbs: 'CBS', duo: 'DUO', pdok: 'PDOK' } as const;

/** A resource for a file of the catalogue, as fetched (urls, fetchedAt) or as found (staged). */
export function resourceFor(path: string, extra: { hash?: string; bytes?: number; urls?: string[]; fetchedAt?: string | null; sourcesNote?: string }): DataResource {
  const table = fetchTables.find((t) => t.file === path);
  const unavailable = unavailableTables.find((t) => t.file === path);
  const sourceId = table?.sourceId ?? unavailable?.sourceId ?? 'unknown';
  const def = sourceById(sourceId);
  const name = (table?.name ?? path.replace(/\.[a-z]+$/i, '')).toLowerCase().replace(/[^a-z0-9._-]+/g, '-');
  return {
    name,
    path,
    title: def?.table ?? path,
    format: formatOf(path),
    ...(extra.hash ? { hash: `sha256:${extra.hash}` } : {}),
    ...(extra.bytes !== undefined ? { bytes: extra.bytes } : {}),
    sources: extra.urls?.length ? extra.urls.map((u) => ({ title: def?.publisher ?? sourceId, path: u })) : [{ title: extra.sourcesNote ?? def?.citation ?? path }],
    licenses: [licenceOf(def?.license ?? 'unknown')],
    publisher: table ? publisherName[table.publisher] : (def?.publisher ?? ''),
    tableId: table?.tableId ?? def?.table.match(/\b\d{5}NED\b/)?.[0] ?? '',
    year: table?.year ?? unavailable?.year ?? 0,
    fetchedAt: extra.fetchedAt ?? null,
    sourceId,
  };
}

/**
 * The directory's datapackage.json; null when there is none. One that cannot be read as what data
 * fetch writes (cut off, edited, not JSON, no resources) is a clear error naming the file and the fix.
 */
export async function readDataPackage(dir: string): Promise<DataPackage | null> {
  const path = join(dir, DATAPACKAGE_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR') return null;
    throw new ReportError(messages.dataPackageUnreadable(path, (e as Error).message, dir), 'data', { cause: e });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new ReportError(messages.dataPackageUnreadable(path, `not valid JSON: ${(e as Error).message}`, dir), 'data', { cause: e });
  }
  const pkg = value as Partial<DataPackage> | null;
  const shape = !pkg || typeof pkg !== 'object' || Array.isArray(pkg) ? 'not an object' : !Array.isArray(pkg.resources) ? '"resources" is not a list' : pkg.resources.findIndex((r) => !r || typeof r !== 'object' || typeof r.path !== 'string');
  if (typeof shape === 'string') throw new ReportError(messages.dataPackageUnreadable(path, shape, dir), 'data');
  if (shape >= 0) throw new ReportError(messages.dataPackageUnreadable(path, `resource ${shape + 1} has no "path"`, dir), 'data');
  if (pkg!.notFetched !== undefined && !Array.isArray(pkg!.notFetched)) throw new ReportError(messages.dataPackageUnreadable(path, '"notFetched" is not a list', dir), 'data');
  if (pkg!.failedLastRun !== undefined && (!Array.isArray(pkg!.failedLastRun) || pkg!.failedLastRun.some((f) => !f || typeof f.path !== 'string'))) {
    throw new ReportError(messages.dataPackageUnreadable(path, '"failedLastRun" is not a list of tables with a "path"', dir), 'data');
  }
  return pkg as DataPackage;
}

async function fileHash(path: string): Promise<{ hash: string; bytes: number } | null> {
  try {
    const data = await readFile(path);
    return { hash: sha256(data), bytes: (await stat(path)).size };
  } catch {
    return null;
  }
}

/** The directory's datapackage.json, or one described from the source registry (sha256 computed now). */
export async function describeDirectory(dir: string): Promise<{ pkg: DataPackage; from: 'datapackage.json' | 'source registry' }> {
  const own = await readDataPackage(dir);
  if (own) return { pkg: own, from: 'datapackage.json' };
  const paths = [...new Set([...fetchTables.map((t) => t.file), ...unavailableTables.map((t) => t.file)])];
  const resources: DataResource[] = [];
  for (const path of paths) {
    const h = await fileHash(join(dir, path));
    resources.push(resourceFor(path, { ...(h ?? {}), sourcesNote: 'staged copy (see SOURCES.md of the directory)' }));
  }
  return { pkg: { profile: 'data-package', name: 'contextkaart-data', title: `Data directory ${dir}`, created: new Date().toISOString(), resources }, from: 'source registry' };
}

export { fileHash };
