/**
 * The send log, next to the manifest: one JSON line per message that the server
 * accepted, written before the next message goes out. It is what makes a rerun
 * send only what was not sent yet.
 */
import { appendFile, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';

export interface SentFile {
  code: string;
  file: string;
  sha256: string;
}

export interface SendLogEntry {
  sentAt: string;
  messageId: string;
  bevoegdGezag: string;
  bestuur: string;
  to: string[];
  /** Addresses the server refused (the others got the message). */
  rejected: string[];
  part: number;
  parts: number;
  files: SentFile[];
}

export const SEND_LOG_FILE = 'send-log.jsonl';

export async function readSendLog(path: string): Promise<SendLogEntry[]> {
  if (!existsSync(path)) return [];
  const out: SendLogEntry[] = [];
  for (const line of (await readFile(path, 'utf8')).split('\n')) {
    if (!line.trim()) continue;
    try {
      out.push(JSON.parse(line) as SendLogEntry);
    } catch {
      // A line cut off by a crash: the message it describes may or may not have gone; it is not counted as sent.
    }
  }
  return out;
}

/** Appends one line; a single small append is as close to atomic as a log gets. */
export async function appendSendLog(path: string, entry: SendLogEntry): Promise<void> {
  await appendFile(path, `${JSON.stringify(entry)}\n`);
}

/** Which (board, gemeente) pairs were sent with which sha256 (the newest send wins). */
export function sentIndex(log: SendLogEntry[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const e of log) for (const f of e.files) m.set(`${e.bevoegdGezag}|${f.code}`, f.sha256);
  return m;
}
