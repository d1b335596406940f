/**
 * The send log, next to the manifest: JSON lines, each appended and flushed to disk
 * before the step it records goes on. Per message:
 *
 *   sending     before the SMTP transaction (what, to whom, the Message-ID)
 *   committing  the whole message is handed to the connection; only the final "." is still to go
 *   sent        the server accepted it (250 after the ".")
 *   not-sent    the server answered the "." with an error: it did not take the message
 *   confirmed   the user settled an in-doubt message (--in-doubt sent)
 *
 * A process killed before "committing" never let the server accept the message (a
 * server takes a message only after the final "."), so the rerun sends it. Killed
 * after "committing" and before "sent", it is in doubt: the server may have accepted
 * it in the milliseconds of the "." and its reply. Those are never sent again on
 * their own; the rerun names them and the user decides (--in-doubt resend|sent).
 * Lines written before this scheme have no "event" and mean "sent".
 */
import { open, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';

export interface SentFile {
  code: string;
  file: string;
  sha256: string;
}

export interface SendLogEntry {
  event?: 'sent' | 'confirmed';
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

export interface SendingEntry {
  event: 'sending';
  at: string;
  messageId: string;
  bevoegdGezag: string;
  bestuur: string;
  to: string[];
  part: number;
  parts: number;
  files: SentFile[];
}

export type SendLogLine = SendLogEntry | SendingEntry | { event: 'committing'; at: string; messageId: string } | { event: 'not-sent'; at: string; messageId: string; error: string };

export interface SendLog {
  /** Messages the server accepted (or the user confirmed). */
  sent: SendLogEntry[];
  /** Messages that may or may not have been accepted: handed over, no answer recorded. */
  inDoubt: SendingEntry[];
}

export const SEND_LOG_FILE = 'send-log.jsonl';

export async function readSendLog(path: string): Promise<SendLog> {
  const log: SendLog = { sent: [], inDoubt: [] };
  if (!existsSync(path)) return log;
  const sending = new Map<string, SendingEntry>();
  const committed = new Set<string>();
  const settled = new Set<string>();
  for (const line of (await readFile(path, 'utf8')).split('\n')) {
    if (!line.trim()) continue;
    let entry: SendLogLine;
    try {
      entry = JSON.parse(line) as SendLogLine;
    } catch {
      // A line cut off by a kill: the step it records did not complete (see the top of this file).
      continue;
    }
    switch (entry.event) {
      case 'sending':
        sending.set(entry.messageId, entry);
        break;
      case 'committing':
        committed.add(entry.messageId);
        break;
      case 'not-sent':
        settled.add(entry.messageId);
        break;
      default:
        log.sent.push(entry);
        settled.add(entry.messageId);
    }
  }
  for (const id of committed) {
    const s = sending.get(id);
    if (s && !settled.has(id)) log.inDoubt.push(s);
  }
  return log;
}

/**
 * Appends one line and flushes it to disk before returning. A line that a kill cut
 * off is ended first, so that it cannot swallow the next one.
 */
export async function appendSendLog(path: string, entry: SendLogLine): Promise<void> {
  const handle = await open(path, 'a+');
  try {
    const { size } = await handle.stat();
    let prefix = '';
    if (size > 0) {
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      if (last[0] !== 0x0a) prefix = '\n';
    }
    await handle.write(`${prefix}${JSON.stringify(entry)}\n`);
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

/** Which (board, gemeente) pairs were sent with which sha256 (the newest send wins). */
export function sentIndex(sent: SendLogEntry[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const e of sent) for (const f of e.files) m.set(`${e.bevoegdGezag}|${f.code}`, f.sha256);
  return m;
}
