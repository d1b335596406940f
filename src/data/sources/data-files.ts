import { createHash } from 'node:crypto';
import { access, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { switchJournalOf } from '../../paths.js';
import { ReportError } from '../../util/errors.js';
import { messages } from '../../util/messages.js';
import type { DataFiles } from './types.js';

/** Reads files of the data directory and keeps the sha256 of each, for the inputs hash of a batch. */
export class DataReader implements DataFiles {
  readonly hashes = new Map<string, string>();
  constructor(readonly dataDir: string) {}

  async text(file: string): Promise<string> {
    let text: string;
    try {
      text = await readFile(join(this.dataDir, file), 'utf8');
    } catch (cause) {
      // A data fetch killed between the two renames of its switch leaves the directory aside, with a journal.
      if (existsSync(switchJournalOf(this.dataDir))) throw new ReportError(messages.dataSwitchUnfinished(this.dataDir), 'data', { cause });
      throw new ReportError(messages.dataFileMissing(this.dataDir, file), 'data', { cause });
    }
    this.hashes.set(file, createHash('sha256').update(text).digest('hex'));
    return text;
  }

  /** Whether the directory holds the file (for sources the report can do without). */
  async has(file: string): Promise<boolean> {
    try {
      await access(join(this.dataDir, file));
      return true;
    } catch {
      return false;
    }
  }

  async json<T>(file: string): Promise<T> {
    const text = await this.text(file);
    try {
      return JSON.parse(text) as T;
    } catch (cause) {
      throw new ReportError(messages.dataFileUnreadable(join(this.dataDir, file), (cause as Error).message), 'data', { cause });
    }
  }

  /** One hash over every file read, in a stable order. */
  digest(): string {
    const h = createHash('sha256');
    for (const [file, hash] of [...this.hashes].sort(([a], [b]) => a.localeCompare(b))) h.update(`${file}\0${hash}\n`);
    return h.digest('hex');
  }
}

/** A value as published: "." , "", "-", "<5" and non-numbers are unknown; a decimal comma is read. */
export function toNumber(raw: unknown): number | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
  const s = String(raw).trim();
  if (s === '' || s === '.' || s === '-' || s.startsWith('<')) return null;
  const n = Number(s.includes(',') && !s.includes('.') ? s.replace(',', '.') : s);
  return Number.isFinite(n) ? n : null;
}
