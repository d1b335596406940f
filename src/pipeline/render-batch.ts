/**
 * Many regions with one warm browser: a queue drained by N workers, each
 * preparing a report in Node while the browser prints another. A region that
 * fails or hangs is retried once; a crashed browser is relaunched; one failure
 * never stops the run. After every region the manifest is rewritten atomically,
 * so an interrupted run resumes where it stopped. On Ctrl-C no region is started
 * or retried any more, and those being rendered are recorded as interrupted, not
 * failed (see src/util/interrupt.ts); temp files a killed run left are
 * removed, and a PDF it wrote but did not record is taken over (see adoptUnrecordedPdf).
 */
import { existsSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ReportError } from '../util/errors.js';
import type { Dataset } from '../data/load-dataset.js';
import { BrowserSession } from '../print/browser-session.js';
import { combineHashes, configInputsHash } from './inputs-hash.js';
import { hasPdf, ManifestWriter, readManifest, sha256File, type ManifestEntry } from './manifest.js';
import { notWritable, removeStaleTempFiles } from '../util/write-atomic.js';
import { lockFolder } from '../util/folder-lock.js';
import { readInputsHash } from '../print/pdf-inputs.js';
import type { Edition } from '../config/schema.js';
import { loadRegionArgument, prepareReport, renderRegionToPdf } from './render-region.js';
import { toolVersion } from '../paths.js';
import { isInterrupted, onInterrupt } from '../util/interrupt.js';

/** How long an interrupt waits for the regions being rendered to stop (the browser is closed meanwhile). */
const INTERRUPT_SETTLE_MS = 1500;

export interface BatchJob {
  /** A CBS code (standard contextkaart) or a region config path. */
  arg: string;
  /** Manifest key: the CBS code, or the config's id (known after loading; the file stem until then). */
  key: string;
  name: string;
}

export interface BatchOptions {
  jobs: BatchJob[];
  outDir: string;
  dataset: Dataset;
  session: BrowserSession;
  /** Hash of tool version, lockfile and templates. */
  toolHash: string;
  /** The edition asked on the command line (else each config's own). */
  edition?: Edition;
  concurrency: number;
  force?: boolean;
  /** Tries per region (the first plus retries). */
  attempts?: number;
  set: string;
  shard: string | null;
  onEvent?: (e: BatchEvent) => void;
  /** Notes outside the events (a stale lock taken over). */
  log?: (line: string) => void;
}

export type BatchEvent =
  | { type: 'start'; total: number; toRender: number; skipped: number }
  | { type: 'region'; entry: ManifestEntry; done: number; total: number; retried: boolean }
  | { type: 'retry'; key: string; error: string }
  /** Ctrl-C: the regions being rendered (recorded as interrupted) and how many were not started. */
  | { type: 'interrupted'; done: number; total: number; interrupted: ManifestEntry[]; notStarted: number };

export interface BatchSummary {
  total: number;
  ok: number;
  failed: number;
  skipped: number;
  ms: number;
  entries: ManifestEntry[];
  browserLaunches: number;
}

export function jobInputsHash(job: BatchJob, dataset: Dataset, toolHash: string, edition?: Edition): string {
  const config = /\.ya?ml$/i.test(job.arg) ? configInputsHash(resolve(job.arg)) : `standard:${job.arg}`;
  // The edition of the command line changes the PDF; without it the config (hashed above) decides.
  return combineHashes(toolHash, dataset.inputsHash, config, ...(edition ? [`edition:${edition}`] : []));
}

export async function renderBatch(options: BatchOptions): Promise<BatchSummary> {
  const t0 = performance.now();
  const { jobs, outDir, dataset, session } = options;
  await mkdir(outDir, { recursive: true }).catch(async (cause: unknown) => {
    // -o below a regular file (ENOTDIR) or naming one (EEXIST): a clear message, not an internal error.
    throw await notWritable(join(outDir, 'manifest.json'), cause);
  });
  // One run at a time per folder (also a send of this folder's manifest): held until the batch returns or throws.
  await using _lock = await lockFolder(outDir, { command: `contextkaart batch (${options.set}${options.shard ? `, shard ${options.shard}` : ''})`, log: options.log });
  // A run killed with SIGKILL (or a power cut) may have left temp files: never output, removed here.
  await removeStaleTempFiles(outDir);
  const previous = new Map((readManifest(outDir)?.reports ?? []).map((e) => [e.code, e]));
  const manifest = new ManifestWriter(outDir, { tool: 'contextkaart', version: toolVersion, set: options.set, shard: options.shard }, [...previous.values()]);
  const results: ManifestEntry[] = [];
  let done = 0;
  const record = async (entry: ManifestEntry, retried: boolean) => {
    results.push(entry);
    await manifest.update(entry);
    options.onEvent?.({ type: 'region', entry, done: ++done, total: jobs.length, retried });
  };
  // Regions being rendered now, and whether the interrupt has recorded them (then workers write nothing more).
  const inFlight = new Map<string, { job: BatchJob; inputsHash: string; tries: number }>();
  let recordedInterrupt = false;
  let workers: Promise<unknown> = Promise.resolve();
  // Ctrl-C: no region is started or retried any more (isInterrupted()); the browser is closed meanwhile, so
  // the regions being rendered stop soon. Those still busy after a short wait are recorded as interrupted
  // (to do on the next run), and the manifest is written before the process exits.
  let interruptRecorded!: () => void;
  const recorded = new Promise<void>((r) => (interruptRecorded = r));
  using _forgetInterrupt = disposable(onInterrupt(async () => {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([workers.catch(() => undefined), new Promise((r) => (timer = setTimeout(r, INTERRUPT_SETTLE_MS)))]);
    clearTimeout(timer);
    recordedInterrupt = true;
    for (const s of inFlight.values()) await record(entryWithoutPdf(s.job, s.inputsHash, 'interrupted', null, s.tries), false);
    await manifest.flush().catch(() => undefined);
    const stopped = results.filter((e) => e.status === 'interrupted');
    options.onEvent?.({ type: 'interrupted', done: results.filter(hasPdf).length, total: jobs.length, interrupted: stopped, notStarted: jobs.length - results.length });
    interruptRecorded();
  }));

  // Resume: a region whose PDF is there, unchanged, and made from the same inputs is skipped.
  const todo: { job: BatchJob; inputsHash: string }[] = [];
  const skipped: ManifestEntry[] = [];
  for (const job of jobs) {
    if (isInterrupted()) break;
    const inputsHash = jobInputsHash(job, dataset, options.toolHash, options.edition);
    const prev = previous.get(job.key);
    if (!options.force && prev && hasPdf(prev) && prev.inputsHash === inputsHash && prev.sha256) {
      const path = join(outDir, prev.file);
      if (existsSync(path) && statSync(path).size === prev.bytes && (await sha256File(path)) === prev.sha256) {
        skipped.push({ ...prev, status: 'skipped', error: null });
        continue;
      }
    }
    todo.push({ job, inputsHash });
  }
  options.onEvent?.({ type: 'start', total: jobs.length, toRender: todo.length, skipped: skipped.length });
  for (const e of skipped) await record(e, false);

  const attempts = options.attempts ?? 2;
  let next = 0;
  const worker = async () => {
    // Once interrupted, no new region is started.
    while (next < todo.length && !isInterrupted()) {
      const { job, inputsHash } = todo[next++];
      const slot = { job, inputsHash, tries: 0 };
      inFlight.set(job.key, slot);
      let entry: ManifestEntry | undefined;
      let lastError = '';
      for (slot.tries = 1; slot.tries <= attempts; slot.tries++) {
        try {
          entry = await renderJob(job, inputsHash, options, slot.tries, previous.get(job.key));
          break;
        } catch (e) {
          // Failures caused by the interrupt (the browser being closed, a temp file removed) are no failures.
          if (isInterrupted()) break;
          lastError = e instanceof ReportError ? e.message : `internal error: ${(e as Error)?.message ?? String(e)}`;
          // A config or data error is the same on every try.
          if (e instanceof ReportError && (e.code === 'config' || e.code === 'data' || e.code === 'unknown-region')) break;
          if (slot.tries < attempts) options.onEvent?.({ type: 'retry', key: job.key, error: lastError });
        }
      }
      if (recordedInterrupt) return;
      inFlight.delete(job.key);
      if (!entry && isInterrupted()) entry = entryWithoutPdf(job, inputsHash, 'interrupted', null, slot.tries);
      entry ??= entryWithoutPdf(job, inputsHash, 'failed', lastError, Math.min(slot.tries, attempts));
      await record(entry, entry.attempts > 1);
    }
  };
  workers = Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, todo.length)) }, worker));
  await workers;
  if (isInterrupted()) {
    // The signal handler exits (130) once the clean-ups are done: the caller reports no summary of a stopped run.
    await recorded;
    return new Promise<never>(() => undefined);
  }
  await manifest.flush();
  return {
    total: jobs.length,
    ok: results.filter((e) => e.status === 'ok').length,
    failed: results.filter((e) => e.status === 'failed').length,
    skipped: results.filter((e) => e.status === 'skipped').length,
    ms: performance.now() - t0,
    entries: results.sort((a, b) => a.code.localeCompare(b.code)),
    browserLaunches: session.launches,
  };
}

const disposable = (dispose: () => unknown): Disposable => ({ [Symbol.dispose]: () => void dispose() });

/** A region without a PDF: failed (with its error), or stopped by the interrupt (rendered again on the next run, never counted as failed). */
function entryWithoutPdf(job: BatchJob, inputsHash: string, status: 'failed' | 'interrupted', error: string | null, attempts: number): ManifestEntry {
  return {
    code: job.key,
    name: job.name,
    file: `${job.key.toLowerCase()}.pdf`,
    pages: null,
    bytes: null,
    sha256: null,
    ms: null,
    status,
    error,
    inputsHash,
    attempts,
    finishedAt: new Date().toISOString(),
  };
}

async function renderJob(job: BatchJob, inputsHash: string, options: BatchOptions, attempt: number, previous: ManifestEntry | undefined): Promise<ManifestEntry> {
  const t0 = performance.now();
  const loaded = await loadRegionArgument(job.arg, options.dataset);
  const file = `${loaded.config.id}.pdf`;
  if (!options.force) {
    const adopted = await adoptUnrecordedPdf(job, file, inputsHash, options.outDir, previous);
    if (adopted) return adopted;
  }
  const report = await prepareReport(loaded, options.dataset, { edition: options.edition });
  const result = await renderRegionToPdf(report, options.session, { pdfPath: join(options.outDir, file), inputsHash });
  return {
    code: job.key,
    name: report.region.name,
    file,
    pages: result.pages,
    bytes: result.bytes,
    sha256: result.sha256,
    ms: Math.round(performance.now() - t0),
    status: 'ok',
    error: null,
    inputsHash,
    attempts: attempt,
    finishedAt: new Date().toISOString(),
  };
}

/**
 * A PDF that a killed run wrote but did not record (the kill came between renaming the
 * PDF into place and rewriting the manifest): it is taken over, not printed again, when
 * the inputs hash stored in it is the current one. Files the manifest already knows
 * (same sha256) are not opened.
 */
async function adoptUnrecordedPdf(job: BatchJob, file: string, inputsHash: string, outDir: string, previous: ManifestEntry | undefined): Promise<ManifestEntry | undefined> {
  const path = join(outDir, file);
  if (!existsSync(path)) return undefined;
  const sha256 = await sha256File(path);
  if (previous && hasPdf(previous) && previous.file === file && previous.sha256 === sha256) return undefined;
  const found = await readInputsHash(path);
  if (found?.inputsHash !== inputsHash) return undefined;
  return {
    code: job.key,
    name: previous?.name ?? job.name,
    file,
    pages: found.pages,
    bytes: statSync(path).size,
    sha256,
    ms: null,
    status: 'skipped',
    error: null,
    inputsHash,
    attempts: 0,
    finishedAt: new Date().toISOString(),
  };
}
