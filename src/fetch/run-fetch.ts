/**
 * `contextkaart data fetch`: every table into a staging folder beside the data directory,
 * each validated as it arrives (shape and plausible values, validate.ts) and kept with its sha256
 * (a rerun after a stop reuses them). Per table (issue 22): every table that arrived and passed is
 * switched in; a table that failed keeps its previous version (copied into the staging folder
 * before the switch) or stays absent, and the run says which, which are optional, and whether the
 * directory can render. When no table arrived, the directory is left as it was. Each service (CBS
 * OData, DUO's API, DUO's files, PDOK's WFS, the Locatieserver: one per base URL) is tried on its
 * own: one that does not answer (connection, timeout, 5xx/429 after the retries) is not asked again
 * in the run, so tables needing it fail at once; the others are still asked; no connection to any
 * gives its own error. The tables that failed are recorded in datapackage.json, so a rerun with
 * --missing asks only for those and the ones never fetched.
 *
 * The switch (issue 21) is a journalled rename sequence: datapackage.json (describing every file)
 * is written into the staging folder, then a journal beside the directory, then the old directory
 * is renamed aside and the staging folder into its place, then the journal and the old directory
 * are removed. A run killed at any step leaves either the old or the new directory complete (under
 * its name, or for one rename under the name the journal gives); every later data fetch, import,
 * status or check first finishes such a half switch (or rolls it back when the new folder is not
 * complete) and removes what is left over.
 */
import { readFileSync } from 'node:fs';
import { cp, mkdir, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { ReportError } from '../util/errors.js';
import { sourceModules } from '../data/sources/index.js';
import { messages } from '../util/messages.js';
import { writeFileAtomic } from '../util/write-atomic.js';
import { switchJournalOf } from '../paths.js';
import { acquireLock } from '../util/folder-lock.js';
import { findTableByTitle } from './cbs-odata.js';
import { kwbTableIds, kwbTitle } from './cbs-tables.js';
import { fetchTables, tablesFor, unavailableTables } from './catalogue.js';
import { DATAPACKAGE_FILE, fileHash, readDataPackage, resourceFor, sha256, type DataPackage, type DataResource, type FailedLastRun } from './datapackage.js';
import { defaultHttp, SkippedRequest, type HttpFailure, type HttpOptions } from './http.js';
import { TableProblem } from './problem.js';
import { defaultBases, type Bases, type FetchTable } from './types.js';
import { checkText, leaveOutStrayPoints, type OtherFile } from './validate.js';

export const STATE_FILE = '.fetch-state.json';


export const stagingDirOf = (dir: string) => join(dirname(resolve(dir)), `.${basename(resolve(dir))}.staging`);
/** Where the switch puts the previous directory until the new one is in place. */
export const oldDirOf = (dir: string) => join(dirname(resolve(dir)), `.${basename(resolve(dir))}.old`);
/** The switch's journal: present from before the first rename until the new directory is in place. */
export const journalOf = switchJournalOf;

/** The steps of the switch, for tests that kill the process at each one. */
export type SwitchStep = 'described' | 'journal-written' | 'old-moved-aside' | 'new-in-place' | 'journal-removed' | 'done';

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
  /** Only the tables absent from the directory or failed in its last fetch (a rerun after a partial fetch). */
  missing?: boolean;
  /** Tests only: called after each step of the switch (a test kills the process there). */
  onSwitchStep?: (step: SwitchStep) => void | Promise<void>;
}

/** A table of the selection that did not arrive, and what the directory has of it after the run. */
export interface FailedTable {
  table: FetchTable;
  problem: TableProblem;
  /** 'kept': its previous version stays; 'absent': the directory has none. */
  outcome: 'kept' | 'absent';
  /** The loader leaves its figures out when absent (an optional source module's file). */
  optional: boolean;
}

export interface FetchResult {
  fetched: string[];
  reused: string[];
  dir: string;
  /** Tables of the selection that did not arrive (empty: the fetch was complete). */
  failed: FailedTable[];
  /** Required files the directory lacks after the run: it cannot render until they are fetched. */
  missingRequired: string[];
}

/** Whether the loader does without a file: the first file of an optional source module (load-dataset.ts). */
export const isOptionalFile = (file: string) => sourceModules.some((m) => m.optional && m.sources[0].file === file);

/** A failure that says the publisher is not answering (not the table): no connection, no answer in time, 5xx or 429 after the retries. */
const publisherDown = (f: HttpFailure) => f.connection !== undefined || (f.status === undefined ? /^no (whole )?answer within/.test(f.reason) : f.status === 429 || f.status >= 500);

async function readState(staging: string): Promise<State> {
  try {
    return JSON.parse(await readFile(join(staging, STATE_FILE), 'utf8')) as State;
  } catch {
    return { tables: {} };
  }
}

/** A table kept from an earlier run, when its file is still there with the same sha256 and still passes. */
async function reusable(staging: string, t: FetchTable, entry: StateEntry | undefined, other: OtherFile): Promise<boolean> {
  if (!entry || entry.file !== t.file) return false;
  try {
    const data = await readFile(join(staging, t.file));
    return sha256(data) === entry.sha256 && checkText(t.check, data.toString('utf8'), other).length === 0;
  } catch {
    return false;
  }
}

/** The service a URL belongs to: the base it starts with (the longest, when bases nest). */
export function serviceOf(bases: Bases, url: string): keyof Bases | undefined {
  let best: keyof Bases | undefined;
  for (const [name, base] of Object.entries(bases) as [keyof Bases, string][]) {
    if (url.startsWith(base.replace(/\/+$/, '')) && (!best || base.length > bases[best].length)) best = name;
  }
  return best;
}

const serviceLabel: Record<keyof Bases, string> = { cbs: 'CBS', duo: 'DUO', duoFiles: 'DUO (files)', pdok: 'PDOK', locatieserver: 'PDOK Locatieserver' };

/** The selected tables; with --missing only those the directory lacks or whose last fetch failed. */
async function selectTables(o: FetchOptions, dir: string): Promise<FetchTable[]> {
  const tables = tablesFor(o.only, o.year);
  if (!o.missing) return tables;
  const pkg = await readDataPackage(dir).catch(() => null);
  const failedLast = new Set((pkg?.failedLastRun ?? []).map((f) => f.path));
  const out: FetchTable[] = [];
  for (const t of tables) if (failedLast.has(t.file) || !pkg?.resources.some((r) => r.path === t.file) || !(await exists(join(dir, t.file)))) out.push(t);
  return out;
}

export async function runFetch(o: FetchOptions): Promise<FetchResult> {
  const bases: Bases = { ...defaultBases, ...o.bases };
  const dir = resolve(o.dir);
  const tables = await selectTables(o, dir);
  if (o.missing && !tables.length && tablesFor(o.only, o.year).length) {
    o.log(messages.fetchNothingMissing(dir));
    return { fetched: [], reused: [], dir, failed: [], missingRequired: [] };
  }

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
    return { fetched: [], reused: [], dir, failed: [], missingRequired: [] };
  }

  const staging = stagingDirOf(dir);
  try {
    await mkdir(dirname(staging), { recursive: true });
  } catch (cause) {
    throw new ReportError(messages.fetchNotWritable(dirname(staging), (cause as Error).message), 'usage', { cause });
  }
  // One fetch at a time into this staging area; the lock sits beside it, as the staging folder itself is renamed into place.
  await using _lock = await acquireLock(`${staging}.lock`, { folder: dir, command: 'contextkaart data fetch', log: o.log });
  // A switch an earlier run did not finish (killed between its renames) is finished first.
  await finishHalfSwitch(dir, o.log);
  // Never replace a directory that data fetch did not make (such as the staged ../shared/data).
  if ((await exists(dir)) && (await readdir(dir)).length > 0 && !(await readDataPackage(dir))) {
    throw new ReportError(messages.fetchForeignDir(dir), 'usage');
  }
  try {
    await mkdir(staging, { recursive: true });
  } catch (cause) {
    throw new ReportError(messages.fetchNotWritable(staging, (cause as Error).message), 'usage', { cause });
  }
  const state = await readState(staging);
  // The other files a rule looks at (the gemeente boundaries for school points): as fetched in this run, else as in the directory.
  const otherCache = new Map<string, string | null>();
  const other: OtherFile = (file) => {
    if (!otherCache.has(file)) otherCache.set(file, readTextSync(join(staging, file)) ?? readTextSync(join(dir, file)));
    return otherCache.get(file)!;
  };
  const http: HttpOptions = { ...defaultHttp, ...o.http };
  const fetched: string[] = [];
  const reused: string[] = [];
  const problems: { table: FetchTable; problem: TableProblem }[] = [];

  /** Services that did not answer in this run, with the reason: they are not asked again. */
  const down = new Map<keyof Bases, string>();
  const skipIf = (url: string) => {
    const service = serviceOf(bases, url);
    return service && down.has(service) ? messages.fetchPublisherSkipped(serviceLabel[service], down.get(service)!) : undefined;
  };
  /** Per failed table: the request that gave up (to tell offline from a broken table). */
  const gaveUp = new Map<string, HttpFailure>();

  for (const [i, t] of tables.entries()) {
    const label = `[${i + 1}/${tables.length}] ${t.publisher.toUpperCase()} ${t.tableId} ${t.year}`;
    if (await reusable(staging, t, state.tables[t.name], other)) {
      reused.push(t.file);
      o.log(`${label} → ${t.file}: already fetched and valid (kept from the previous run)`);
      continue;
    }
    const t0 = performance.now();
    let lastGiveUp: HttpFailure | undefined;
    const ctx = {
      bases,
      http: {
        ...http,
        onRetry: (url: string, attempt: number, reason: string) => o.log(`${label}: ${reason}; try ${attempt + 1} of ${http.retries + 1} (${url})`),
        onGiveUp: (f: HttpFailure) => void (lastGiveUp = f),
        skipIf,
      },
      progress: (detail: string) => o.tty?.(`${label} · ${detail}`),
      // Earlier geocoded points are checked again by the same rule: those outside their gemeente are not reused but asked again.
      previous: async (file: string) => {
        const text = await readFile(join(dir, file), 'utf8').catch(() => null);
        return text === null || file !== t.file ? text : (leaveOutStrayPoints(t.check, text, other)?.text ?? text);
      },
    };
    try {
      const fetchedTable = await t.fetch(ctx);
      const { urls } = fetchedTable;
      // Cells a reader skipped (a blank school-advice cell), counted per file and year.
      for (const w of fetchedTable.warnings ?? []) o.log(`${label}: ${w}`);
      let { text } = fetchedTable;
      // A few points outside their gemeente are left out (and said); many fail the table below.
      const strays = leaveOutStrayPoints(t.check, text, other);
      if (strays && strays.leftOut > 0) {
        text = strays.text;
        o.log(messages.fetchPointsLeftOut(t.file, strays.leftOut, strays.of));
      }
      const bad = checkText(t.check, text, other);
      if (bad.length) throw new TableProblem(urls[0] ?? '', bad.join('; '), 'invalid');
      otherCache.delete(t.file);
      await writeStaging(join(staging, t.file), text, dir, staging);
      const bytes = Buffer.byteLength(text);
      state.tables[t.name] = { file: t.file, sha256: sha256(text), bytes, urls, fetchedAt: new Date().toISOString() };
      await writeStaging(join(staging, STATE_FILE), `${JSON.stringify(state, null, 2)}\n`, dir, staging);
      fetched.push(t.file);
      o.log(`${label} → ${t.file}: ${(bytes / 1024).toFixed(0)} kB in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    } catch (e) {
      if (!(e instanceof TableProblem)) throw e;
      const f = lastGiveUp as HttpFailure | undefined;
      if (f instanceof SkippedRequest) {
        // Its service did not answer an earlier table: not asked again.
        const service = serviceOf(bases, f.url);
        problems.push({ table: t, problem: new TableProblem('', f.reason, 'failed') });
        o.log(`${label} → ${t.file}: skipped (${service ? serviceLabel[service] : t.publisher.toUpperCase()} did not answer)`);
        continue;
      }
      problems.push({ table: t, problem: e });
      o.log(`${label} → ${t.file}: FAILED (${e.problem})`);
      // A service that does not answer would fail its other requests the same way, slowly: it is not asked again, the others still are.
      if (e.kind === 'failed' && f && publisherDown(f)) {
        gaveUp.set(t.name, f);
        const service = serviceOf(bases, f.url);
        if (service) down.set(service, f.reason);
      }
    }
  }

  const lines = (list: typeof problems) => list.map(({ table, problem }) => messages.fetchTableFailed(table.name, table.tableId, table.year, problem.url || '(not asked)', problem.problem, problem.kind));
  if (problems.length && !fetched.length && !reused.length) {
    // Nothing arrived: the directory stays as it was. No server reached at all is said as such.
    const tried = problems.filter(({ problem }) => problem.url);
    const failures = tried.map(({ table }) => gaveUp.get(table.name));
    if (tried.length && failures.every((f) => f?.connection !== undefined)) {
      const hosts = [...new Set(failures.map((f) => hostOf(f!.url)))];
      throw new ReportError(messages.fetchOffline(hosts, dir, failures[0]!.reason), 'offline');
    }
    throw new ReportError(messages.fetchFailed(dir, staging, lines(problems)), 'data');
  }

  // A failed table's file left in the staging folder by an earlier run is not taken: its previous version (if any) is copied in by switchIn.
  for (const { table } of problems) {
    delete state.tables[table.name];
    await rm(join(staging, table.file), { force: true });
  }
  const previous = await readDataPackage(dir).catch(() => null);
  const arrived = new Set([...fetched, ...reused]);
  const failedNow = problems.map(({ table, problem }) => ({ path: table.file, table: table.name, reason: problem.problem, at: new Date().toISOString() }));
  await switchIn(dir, staging, state, tables.filter((t) => arrived.has(t.file)), failedNow, o.onSwitchStep);

  const failed: FailedTable[] = [];
  for (const { table, problem } of problems) {
    failed.push({ table, problem, outcome: (await exists(join(dir, table.file))) ? 'kept' : 'absent', optional: isOptionalFile(table.file) });
  }
  const missingRequired: string[] = [];
  for (const t of fetchTables) if (!isOptionalFile(t.file) && !(await exists(join(dir, t.file)))) missingRequired.push(t.file);
  if (failed.length) {
    const detail = problems.map((p, k) => {
      const f = failed[k];
      const after = f.outcome === 'kept' ? messages.fetchKeptPrevious(previous?.resources.find((r) => r.path === f.table.file)?.fetchedAt ?? undefined) : f.optional ? messages.fetchAbsentOptional() : messages.fetchAbsentRequired();
      return `${lines([p])[0]}\n${after}`;
    });
    o.log(messages.fetchPartial(dir, arrived.size, tables.length, detail, messages.fetchRetryHint([...new Set(failed.map((f) => f.table.publisher))])));
  }
  if (missingRequired.length) o.log(messages.fetchCannotRender(dir, missingRequired));
  else if (failed.some((f) => f.outcome === 'absent')) o.log(messages.fetchRendersWithout(failed.filter((f) => f.outcome === 'absent').map((f) => f.table.file)));

  if (o.year === undefined && !o.missing && (!o.only || o.only === 'cbs') && !down.has('cbs')) await noteNewerKwb(bases, http, o.log);
  return { fetched, reused, dir, failed, missingRequired };
}

const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

/** Says so when CBS has published a KWB edition newer than the catalogue reads (never fetched in its place). */
async function noteNewerKwb(bases: Bases, http: HttpOptions, log: (s: string) => void): Promise<void> {
  const newest = Math.max(...Object.keys(kwbTableIds).map(Number));
  const id = await findTableByTitle(bases.cbs, kwbTitle(newest + 1), { ...http, retries: 0 }).catch(() => null);
  if (id) log(messages.fetchNewerKwb(newest + 1, id, newest));
}

/**
 * Writes datapackage.json into the staging folder (describing every file in it), carries over the
 * files a partial fetch did not touch, and switches the staging folder in (switchDirectory).
 */
async function switchIn(dir: string, staging: string, state: State, tables: FetchTable[], failedNow: FailedLastRun[], onStep?: (step: SwitchStep) => void | Promise<void>): Promise<void> {
  const previous = await readDataPackage(dir);
  const resources: DataResource[] = tables.map((t) => {
    const s = state.tables[t.name];
    return resourceFor(t.file, { hash: s.sha256, bytes: s.bytes, urls: s.urls, fetchedAt: s.fetchedAt });
  });
  const taken = new Set(tables.map((t) => t.file));
  // A partial fetch (--only, --year) keeps the other files of the current directory.
  const copied: string[] = [];
  if (await exists(dir)) {
    try {
      for (const file of await listFiles(dir)) {
        if (taken.has(file) || file === DATAPACKAGE_FILE || file === STATE_FILE) continue;
        await mkdir(dirname(join(staging, file)), { recursive: true });
        copied.push(file);
        await cp(join(dir, file), join(staging, file));
        const kept = previous?.resources.find((r) => r.path === file);
        // A file datapackage.json did not describe (copied in by hand) is described as found.
        const h = kept ? null : await fileHash(join(staging, file));
        resources.push(kept ?? resourceFor(file, { ...(h ?? {}), sourcesNote: 'found in the data directory (not fetched; copied in by hand or by an older version)' }));
      }
    } catch (cause) {
      // Half-copied files are removed again: the staging folder keeps only what the fetch validated.
      for (const file of copied) await rm(join(staging, file), { force: true });
      throw await writeError(cause, join(staging, copied.at(-1) ?? ''), dir, staging);
    }
  }
  // Every file in the folder is described: files of an earlier run that this run neither fetched nor kept are removed.
  const described = new Set(resources.map((r) => r.path));
  for (const file of await listFiles(staging)) {
    if (file === DATAPACKAGE_FILE || described.has(file)) continue;
    const entry = Object.values(state.tables).find((e) => e.file === file);
    const h = entry ? await fileHash(join(staging, file)) : null;
    if (entry && h?.hash === entry.sha256) resources.push(resourceFor(file, { hash: entry.sha256, bytes: entry.bytes, urls: entry.urls, fetchedAt: entry.fetchedAt }));
    else await rm(join(staging, file), { force: true });
  }
  const pkg: DataPackage = {
    profile: 'data-package',
    name: 'contextkaart-data',
    title: 'Public figures for contextkaart (CBS, DUO, PDOK), fetched by `contextkaart data fetch`',
    created: new Date().toISOString(),
    resources: resources.sort((a, b) => a.path.localeCompare(b.path)),
    // Tables brought in with `data import` are kept above and are no longer "not fetched".
    notFetched: unavailableTables.filter((u) => !resources.some((r) => r.path === u.file)).map((u) => ({ path: u.file, reason: u.reason })),
    // Failed now, or failed before and not asked in this run (--only, --year, --missing): what --missing asks for next.
    failedLastRun: [...failedNow, ...(previous?.failedLastRun ?? []).filter((f) => !taken.has(f.path) && !failedNow.some((n) => n.path === f.path))],
  };
  await writeStaging(join(staging, DATAPACKAGE_FILE), `${JSON.stringify(pkg, null, 2)}\n`, dir, staging);
  await onStep?.('described');
  await switchDirectory(dir, staging, onStep);
}

/**
 * Puts a complete staging folder (with its datapackage.json) in the place of `dir`: journal, old
 * directory aside, staging folder in, journal away, old directory away. A kill at any step is
 * finished by finishHalfSwitch in the next run.
 */
export async function switchDirectory(dir: string, staging: string, onStep?: (step: SwitchStep) => void | Promise<void>): Promise<void> {
  const old = oldDirOf(dir);
  const journal = journalOf(dir);
  await rm(old, { recursive: true, force: true });
  await writeFileAtomic(journal, `${JSON.stringify({ dir: resolve(dir), staging: resolve(staging), old, started: new Date().toISOString(), pid: process.pid }, null, 2)}\n`);
  await onStep?.('journal-written');
  await rm(join(staging, STATE_FILE), { force: true });
  if (await exists(dir)) await rename(dir, old);
  await onStep?.('old-moved-aside');
  await mkdir(dirname(resolve(dir)), { recursive: true });
  await rename(staging, dir);
  await onStep?.('new-in-place');
  await rm(journal, { force: true });
  await onStep?.('journal-removed');
  await rm(old, { recursive: true, force: true });
  await onStep?.('done');
}

const isComplete = (folder: string) => exists(join(folder, DATAPACKAGE_FILE));

/**
 * Finishes a switch an earlier run left half done (killed between its steps), or rolls it back when
 * the new folder is not complete, and removes what is left over: the old directory, the journal, and
 * the `.<dir>.staging.old-<pid>` folders of older versions (whose directory is put back when it is
 * gone). Call it holding the fetch lock. Returns what it did, null when there was nothing to do.
 */
export async function finishHalfSwitch(dirIn: string, log?: (line: string) => void): Promise<'finished' | 'rolled back' | 'cleaned' | null> {
  const dir = resolve(dirIn);
  const staging = stagingDirOf(dir);
  const old = oldDirOf(dir);
  const journal = journalOf(dir);
  let did: 'finished' | 'rolled back' | 'cleaned' | null = null;
  // Older versions renamed the directory to .<dir>.staging.old-<pid> and could be killed before the next rename.
  const legacy = (await readdir(dirname(dir)).catch(() => [] as string[])).filter((n) => n.startsWith(`${basename(staging)}.old-`)).map((n) => join(dirname(dir), n));
  if (legacy.length) {
    if (!(await exists(dir))) {
      const newest = (await Promise.all(legacy.map(async (p) => ({ p, t: (await stat(p)).mtimeMs })))).sort((a, b) => b.t - a.t)[0].p;
      await rename(newest, dir);
      did = 'rolled back';
    }
    for (const p of legacy) await rm(p, { recursive: true, force: true });
    did ??= 'cleaned';
  }
  if (await exists(journal)) {
    if (await isComplete(staging)) {
      // Killed after the new folder was complete and before it was in place: finish the switch.
      await rm(join(staging, STATE_FILE), { force: true });
      if (await exists(dir)) {
        await rm(old, { recursive: true, force: true });
        await rename(dir, old);
      }
      await rename(staging, dir);
      did = 'finished';
    } else if (!(await exists(dir)) && (await exists(old))) {
      await rename(old, dir);
      did = 'rolled back';
    } else did ??= 'finished'; // the new directory was in place; only the journal and the old one were left
    await rm(journal, { force: true });
  } else if (!(await exists(dir)) && (await exists(old))) {
    await rename(old, dir);
    did = 'rolled back';
  }
  if (await exists(old)) {
    await rm(old, { recursive: true, force: true });
    did ??= 'cleaned';
  }
  if (did === 'finished' || did === 'rolled back') log?.(messages.fetchSwitchCompleted(dir, did));
  return did;
}

/** Writes a file into the staging folder; a full disk removes what this write left and says so (no -o: data fetch has --data). */
async function writeStaging(path: string, text: string, dir: string, staging: string): Promise<void> {
  try {
    await writeFileAtomic(path, text);
  } catch (e) {
    throw await writeError(e, path, dir, staging);
  }
}

/** The error of a failed write; on a full disk the staging folder is removed (no half files, space freed). Also for data unpack. */
export async function writeError(e: unknown, path: string, dir: string, staging: string): Promise<ReportError> {
  const cause = (e as { cause?: unknown }).cause ?? e;
  const code = (cause as NodeJS.ErrnoException)?.code ?? (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    await rm(staging, { recursive: true, force: true }).catch(() => {});
    return new ReportError(messages.fetchNoSpace(path, dir, staging), 'data', { cause });
  }
  return new ReportError(messages.fetchNotWritable(path, (cause as Error)?.message ?? String(cause)), 'usage', { cause });
}

function readTextSync(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
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
