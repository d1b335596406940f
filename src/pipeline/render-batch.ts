/**
 * Many regions with one warm browser: a queue drained by N workers, each
 * preparing a report in Node while the browser prints another. A region that
 * fails or hangs is retried once; a crashed browser is relaunched; one failure
 * never stops the run. After every region the manifest is rewritten atomically,
 * so an interrupted run resumes where it stopped; temp files a killed run left are
 * removed, and a PDF it wrote but did not record is taken over (see adoptUnrecordedPdf).
 */
import { existsSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ReportError } from '../util/errors.js';
import type { Dataset } from '../data/load-dataset.js';
import { BrowserSession } from '../print/browser-session.js';
import { combineHashes, configInputsHash } from './inputs-hash.js';
import { ManifestWriter, readManifest, sha256File, type ManifestEntry } from './manifest.js';
import { notWritable, removeStaleTempFiles } from '../util/write-atomic.js';
import { lockFolder } from '../util/folder-lock.js';
import { readInputsHash } from '../print/pdf-inputs.js';
import type { Edition } from '../config/schema.js';
import { loadRegionArgument, prepareReport, renderRegionToPdf } from './render-region.js';
import { toolVersion } from '../paths.js';

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
  | { type: 'retry'; key: string; error: string };

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

  // Resume: a region whose PDF is there, unchanged, and made from the same inputs is skipped.
  const todo: { job: BatchJob; inputsHash: string }[] = [];
  const skipped: ManifestEntry[] = [];
  for (const job of jobs) {
    const inputsHash = jobInputsHash(job, dataset, options.toolHash, options.edition);
    const prev = previous.get(job.key);
    if (!options.force && prev && prev.status !== 'failed' && prev.inputsHash === inputsHash && prev.sha256) {
      const path = join(outDir, prev.file);
      if (existsSync(path) && statSync(path).size === prev.bytes && (await sha256File(path)) === prev.sha256) {
        skipped.push({ ...prev, status: 'skipped', error: null });
        continue;
      }
    }
    todo.push({ job, inputsHash });
  }
  options.onEvent?.({ type: 'start', total: jobs.length, toRender: todo.length, skipped: skipped.length });
  let done = 0;
  for (const e of skipped) {
    await manifest.update(e);
    options.onEvent?.({ type: 'region', entry: e, done: ++done, total: jobs.length, retried: false });
  }

  const attempts = options.attempts ?? 2;
  let next = 0;
  const results: ManifestEntry[] = [...skipped];
  const worker = async () => {
    while (next < todo.length) {
      const { job, inputsHash } = todo[next++];
      let entry: ManifestEntry | undefined;
      let lastError = '';
      let tries = 0;
      for (tries = 1; tries <= attempts; tries++) {
        try {
          entry = await renderJob(job, inputsHash, options, tries, previous.get(job.key));
          break;
        } catch (e) {
          lastError = e instanceof ReportError ? e.message : `internal error: ${(e as Error)?.message ?? String(e)}`;
          // A config or data error is the same on every try.
          if (e instanceof ReportError && (e.code === 'config' || e.code === 'data' || e.code === 'unknown-region')) break;
          if (tries < attempts) options.onEvent?.({ type: 'retry', key: job.key, error: lastError });
        }
      }
      entry ??= {
        code: job.key,
        name: job.name,
        file: `${job.key.toLowerCase()}.pdf`,
        pages: null,
        bytes: null,
        sha256: null,
        ms: null,
        status: 'failed',
        error: lastError,
        inputsHash,
        attempts: Math.min(tries, attempts),
        finishedAt: new Date().toISOString(),
      };
      results.push(entry);
      await manifest.update(entry);
      options.onEvent?.({ type: 'region', entry, done: ++done, total: jobs.length, retried: entry.attempts > 1 });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, todo.length)) }, worker));
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
  if (previous && previous.status !== 'failed' && previous.file === file && previous.sha256 === sha256) return undefined;
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
