/**
 * `contextkaart data fetch`: every table into a staging folder beside the data directory,
 * each validated as it arrives and kept with its sha256 (a rerun after a failure reuses
 * them); the directory is switched by rename only when all selected tables arrived.
 * On any failure the previous data stays as it was.
 */
import { cp, mkdir, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { ReportError } from '../util/errors.js';
import { messages } from '../util/messages.js';
import { writeFileAtomic } from '../util/write-atomic.js';
import { acquireLock } from '../util/folder-lock.js';
import { findTableByTitle } from './cbs-odata.js';
import { kwbTableIds, kwbTitle } from './cbs-tables.js';
import { tablesFor, unavailableTables } from './catalogue.js';
import { DATAPACKAGE_FILE, readDataPackage, resourceFor, sha256, type DataPackage, type DataResource } from './datapackage.js';
import { defaultHttp, type HttpOptions } from './http.js';
import { TableProblem } from './problem.js';
import { defaultBases, type Bases, type FetchTable } from './types.js';
import { checkText } from './validate.js';

export const STATE_FILE = '.fetch-state.json';


export const stagingDirOf = (dir: string) => join(dirname(resolve(dir)), `.${basename(resolve(dir))}.staging`);

interface StateEntry {
  file: string;
  sha256: string;
  bytes: number;
  urls: string[];
  fetchedAt: string;
}
interface State {
  tables: Record<string, StateEntry>;
}

export interface FetchOptions {
  dir: string;
  only?: 'cbs' | 'duo' | 'pdok';
  year?: number;
  dryRun?: boolean;
  bases?: Partial<Bases>;
  http?: Partial<HttpOptions>;
  log: (line: string) => void;
  /** Redraws one line on a terminal; absent in a log. */
  tty?: (line: string) => void;
}

export interface FetchResult {
  fetched: string[];
  reused: string[];
  dir: string;
}

async function readState(staging: string): Promise<State> {
  try {
    return JSON.parse(await readFile(join(staging, STATE_FILE), 'utf8')) as State;
  } catch {
    return { tables: {} };
  }
}

/** A table kept from an earlier run, when its file is still there with the same sha256 and still passes. */
async function reusable(staging: string, t: FetchTable, entry: StateEntry | undefined): Promise<boolean> {
  if (!entry || entry.file !== t.file) return false;
  try {
    const data = await readFile(join(staging, t.file));
    return sha256(data) === entry.sha256 && checkText(t.check, data.toString('utf8')).length === 0;
  } catch {
    return false;
  }
}

export async function runFetch(o: FetchOptions): Promise<FetchResult> {
  const bases: Bases = { ...defaultBases, ...o.bases };
  const tables = tablesFor(o.only, o.year);
  const dir = resolve(o.dir);

  if (!tables.length) {
    // A year the catalogue has no tables for: ask CBS whether that KWB edition exists, never fall back to another year.
    if (o.year !== undefined && !o.dryRun) {
      const id = await findTableByTitle(bases.cbs, kwbTitle(o.year), { ...defaultHttp, ...o.http }).catch(() => null);
      throw new ReportError(messages.fetchYearNotAvailable(o.year, id), 'data');
    }
    throw new ReportError(messages.fetchNothingSelected(o.only, o.year), 'usage');
  }

  if (o.dryRun) {
    o.log(`Would fetch ${tables.length} table(s) into ${dir}:`);
    for (const t of tables) o.log(`  ${t.publisher.toUpperCase().padEnd(4)} ${t.tableId.padEnd(52)} ${String(t.year)}  → ${t.file}`);
    const left = unavailableTables.filter((u) => !o.only || (o.only === 'cbs' && u.sourceId.startsWith('cbs')) || (o.only === 'duo' && u.sourceId.startsWith('duo')));
    if (left.length) {
      o.log('Not fetched (no open-data interface serves them in the readers\' layout; the report leaves their figures out):');
      for (const u of left) o.log(`  ${u.file}: ${u.reason}`);
    }
    return { fetched: [], reused: [], dir };
  }

  // Never replace a directory that data fetch did not make (such as the staged ../shared/data).
  if ((await exists(dir)) && (await readdir(dir)).length > 0 && !(await readDataPackage(dir))) {
    throw new ReportError(messages.fetchForeignDir(dir), 'usage');
  }
  const staging = stagingDirOf(dir);
  try {
    await mkdir(staging, { recursive: true });
  } catch (cause) {
    throw new ReportError(messages.outputNotWritable(staging, (cause as Error).message).replace('Choose another path with -o.', 'Give a writable data directory with --data.'), 'usage', { cause });
  }
  // One fetch at a time into this staging area; the lock sits beside it, as the staging folder itself is renamed into place.
  await using _lock = await acquireLock(`${staging}.lock`, { folder: dir, command: 'contextkaart data fetch', log: o.log });
  const state = await readState(staging);
  const http: HttpOptions = { ...defaultHttp, ...o.http };
  const fetched: string[] = [];
  const reused: string[] = [];
  const problems: { table: FetchTable; problem: TableProblem }[] = [];

  for (const [i, t] of tables.entries()) {
    const label = `[${i + 1}/${tables.length}] ${t.publisher.toUpperCase()} ${t.tableId} ${t.year}`;
    if (await reusable(staging, t, state.tables[t.name])) {
      reused.push(t.file);
      o.log(`${label} → ${t.file}: already fetched and valid (kept from the previous run)`);
      continue;
    }
    const t0 = performance.now();
    const ctx = {
      bases,
      http: { ...http, onRetry: (url: string, attempt: number, reason: string) => o.log(`${label}: ${reason}; try ${attempt + 1} of ${http.retries + 1} (${url})`) },
      progress: (detail: string) => o.tty?.(`${label} · ${detail}`),
      previous: (file: string) => readFile(join(dir, file), 'utf8').catch(() => null),
    };
    try {
      const { text, urls } = await t.fetch(ctx);
      const bad = checkText(t.check, text);
      if (bad.length) throw new TableProblem(urls[0] ?? '', bad.join('; '), 'invalid');
      await writeFileAtomic(join(staging, t.file), text);
      const bytes = Buffer.byteLength(text);
      state.tables[t.name] = { file: t.file, sha256: sha256(text), bytes, urls, fetchedAt: new Date().toISOString() };
      await writeFileAtomic(join(staging, STATE_FILE), `${JSON.stringify(state, null, 2)}\n`);
      fetched.push(t.file);
      o.log(`${label} → ${t.file}: ${(bytes / 1024).toFixed(0)} kB in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    } catch (e) {
      if (!(e instanceof TableProblem)) throw e;
      problems.push({ table: t, problem: e });
      o.log(`${label} → ${t.file}: FAILED (${e.problem})`);
      // Without a connection the other tables would fail the same way, slowly.
      if (e.kind === 'failed') break;
    }
  }

  if (problems.length) {
    const lines = problems.map(({ table, problem }) => messages.fetchTableFailed(table.name, table.tableId, table.year, problem.url, problem.problem, problem.kind));
    throw new ReportError(messages.fetchFailed(dir, staging, lines), 'data');
  }

  await switchIn(dir, staging, state, tables);
  if (o.year === undefined && (!o.only || o.only === 'cbs')) await noteNewerKwb(bases, http, o.log);
  return { fetched, reused, dir };
}

/** Says so when CBS has published a KWB edition newer than the catalogue reads (never fetched in its place). */
async function noteNewerKwb(bases: Bases, http: HttpOptions, log: (s: string) => void): Promise<void> {
  const newest = Math.max(...Object.keys(kwbTableIds).map(Number));
  const id = await findTableByTitle(bases.cbs, kwbTitle(newest + 1), { ...http, retries: 0 }).catch(() => null);
  if (id) log(messages.fetchNewerKwb(newest + 1, id, newest));
}

/** Writes datapackage.json into the staging folder, carries over files a partial fetch did not touch, and renames. */
async function switchIn(dir: string, staging: string, state: State, tables: FetchTable[]): Promise<void> {
  const previous = await readDataPackage(dir);
  const resources: DataResource[] = tables.map((t) => {
    const s = state.tables[t.name];
    return resourceFor(t.file, { hash: s.sha256, bytes: s.bytes, urls: s.urls, fetchedAt: s.fetchedAt });
  });
  const taken = new Set(tables.map((t) => t.file));
  // A partial fetch (--only, --year) keeps the other files of the current directory.
  if (await exists(dir)) {
    for (const file of await listFiles(dir)) {
      if (taken.has(file) || file === DATAPACKAGE_FILE || file === STATE_FILE) continue;
      await mkdir(dirname(join(staging, file)), { recursive: true });
      await cp(join(dir, file), join(staging, file));
      const kept = previous?.resources.find((r) => r.path === file);
      if (kept) resources.push(kept);
    }
  }
  const pkg: DataPackage = {
    profile: 'data-package',
    name: 'contextkaart-data',
    title: 'Public figures for contextkaart (CBS, DUO, PDOK), fetched by `contextkaart data fetch`',
    created: new Date().toISOString(),
    resources: resources.sort((a, b) => a.path.localeCompare(b.path)),
    // Tables brought in with `data import` are kept above and are no longer "not fetched".
    notFetched: unavailableTables.filter((u) => !resources.some((r) => r.path === u.file)).map((u) => ({ path: u.file, reason: u.reason })),
  };
  await writeFileAtomic(join(staging, DATAPACKAGE_FILE), `${JSON.stringify(pkg, null, 2)}\n`);
  await rm(join(staging, STATE_FILE), { force: true });
  const old = `${stagingDirOf(dir)}.old-${process.pid}`;
  if (await exists(dir)) await rename(dir, old);
  await mkdir(dirname(dir), { recursive: true });
  await rename(staging, dir);
  await rm(old, { recursive: true, force: true });
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

async function listFiles(root: string, sub = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(join(root, sub), { withFileTypes: true })) {
    const rel = sub ? `${sub}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await listFiles(root, rel)));
    else if (e.isFile() && !e.name.startsWith('.')) out.push(rel);
  }
  return out;
}
