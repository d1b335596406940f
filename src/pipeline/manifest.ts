/**
 * manifest.json of a batch folder: one entry per region with its file, size,
 * sha256, time and status. Rewritten atomically after every region, so a run
 * that is stopped leaves a true manifest, and the next run resumes from it.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ReportError } from '../util/errors.js';
import { messages } from '../util/messages.js';
import { writeFileAtomic } from '../util/write-atomic.js';

/**
 * ok: printed by this run; skipped: its PDF was up to date; failed: it could not be printed;
 * interrupted: the run was stopped (Ctrl-C) while it was being printed, so it has no PDF
 * yet and the next run renders it. Only ok and skipped name a PDF.
 */
export type ReportStatus = 'ok' | 'failed' | 'skipped' | 'interrupted';

/** Whether the entry names a finished PDF (its file, size and sha256 are filled in). */
export const hasPdf = (entry: Pick<ManifestEntry, 'status'>): boolean => entry.status === 'ok' || entry.status === 'skipped';

export interface ManifestEntry {
  /** CBS code, or the id of a region config. */
  code: string;
  name: string;
  /** PDF path relative to the manifest. */
  file: string;
  pages: number | null;
  bytes: number | null;
  sha256: string | null;
  /** Time to render, in this run or (for skipped) in the run that made the PDF. */
  ms: number | null;
  status: ReportStatus;
  error: string | null;
  /** Hash of everything the PDF depends on: tool version, templates, data files, config. */
  inputsHash: string;
  attempts: number;
  finishedAt: string;
}

export interface Manifest {
  tool: 'contextkaart';
  version: string;
  updatedAt: string;
  set: string;
  shard: string | null;
  reports: ManifestEntry[];
}

export const MANIFEST_FILE = 'manifest.json';

export function readManifest(dir: string): Manifest | undefined {
  const path = join(dir, MANIFEST_FILE);
  if (!existsSync(path)) return undefined;
  try {
    const m = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
    return Array.isArray(m.reports) ? m : undefined;
  } catch {
    // An unreadable manifest (edited by hand) means: render everything again.
    return undefined;
  }
}

/** Serialises updates: entries are replaced by code and the file rewritten atomically each time. */
export class ManifestWriter {
  private readonly entries = new Map<string, ManifestEntry>();
  private writing: Promise<void> = Promise.resolve();

  constructor(
    readonly dir: string,
    private readonly header: Omit<Manifest, 'reports' | 'updatedAt'>,
    keep: ManifestEntry[] = [],
  ) {
    for (const e of keep) this.entries.set(e.code, e);
  }

  update(entry: ManifestEntry): Promise<void> {
    this.entries.set(entry.code, entry);
    const snapshot = this.snapshot();
    // A write that failed (its temp file removed by an interrupt) does not stop the ones after it.
    this.writing = this.writing.catch(() => undefined).then(() => writeFileAtomic(join(this.dir, MANIFEST_FILE), `${JSON.stringify(snapshot, null, 2)}\n`));
    return this.writing;
  }

  flush(): Promise<void> {
    return this.writing;
  }

  get(code: string): ManifestEntry | undefined {
    return this.entries.get(code);
  }

  snapshot(): Manifest {
    return {
      ...this.header,
      updatedAt: new Date().toISOString(),
      reports: [...this.entries.values()].sort((a, b) => a.code.localeCompare(b.code)),
    };
  }
}

export function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(path)
      .on('data', (d) => h.update(d))
      .on('end', () => resolve(h.digest('hex')))
      .on('error', reject);
  });
}

/** Merges the manifests of shards into one; file paths are made relative to `outDir`. */
export function mergeManifests(paths: string[], relativeTo: (manifestPath: string, file: string) => string): Manifest {
  const entries = new Map<string, ManifestEntry>();
  let version = '';
  const sets = new Set<string>();
  for (const p of paths) {
    let m: Manifest;
    try {
      m = JSON.parse(readFileSync(p, 'utf8')) as Manifest;
    } catch (cause) {
      throw new ReportError(messages.manifestUnreadable(p, (cause as Error).message), 'usage', { cause });
    }
    if (!Array.isArray(m.reports)) throw new ReportError(messages.manifestUnreadable(p, 'no "reports" array'), 'usage');
    version ||= m.version;
    sets.add(m.set);
    for (const e of m.reports) {
      const prev = entries.get(e.code);
      // A region in several manifests: the one with a PDF, then the newest, entry wins.
      const rank = (x: ManifestEntry) => (hasPdf(x) ? 1 : 0);
      const better = !prev || rank(e) > rank(prev) || (rank(e) === rank(prev) && e.finishedAt > prev.finishedAt);
      if (better) entries.set(e.code, { ...e, file: relativeTo(p, e.file) });
    }
  }
  return {
    tool: 'contextkaart',
    version,
    updatedAt: new Date().toISOString(),
    set: [...sets].join(' + '),
    shard: null,
    reports: [...entries.values()].sort((a, b) => a.code.localeCompare(b.code)),
  };
}
