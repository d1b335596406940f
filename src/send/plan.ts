/**
 * What to send: per board the contextkaarten of its gemeenten that it has not
 * received yet (or that changed, with --resend-changed), split over several
 * messages when the attachments together pass the size limit.
 */
import { join } from 'node:path';
import type { ManifestEntry } from '../pipeline/manifest.js';
import type { Recipient } from './recipients.js';
import { sentIndex, type SendLog, type SendingEntry } from './send-log.js';

export interface PlannedMessage {
  recipient: Recipient;
  part: number;
  parts: number;
  reports: ManifestEntry[];
  /** Absolute paths of the attachments, in the order of `reports`. */
  paths: string[];
  bytes: number;
  /** The Message-ID of an in-doubt message sent again with the same attachments (so a duplicate can be recognised). */
  messageId?: string;
}

/** What to do with messages in doubt (handed to the server, its answer not recorded): see send-log.ts. */
export type InDoubtMode = 'hold' | 'resend' | 'sent';

export interface Plan {
  messages: PlannedMessage[];
  /** Boards that already have every contextkaart. */
  upToDate: Recipient[];
  /** Contextkaarten sent before whose PDF changed; sent again only with --resend-changed. */
  changed: { recipient: Recipient; report: ManifestEntry }[];
  /** Messages in doubt, held back (mode hold) or planned again (mode resend). */
  inDoubt: SendingEntry[];
}

export function planMessages(
  recipients: Recipient[],
  log: SendLog,
  manifestDir: string,
  options: { maxBytes: number; resendChanged: boolean; inDoubt?: InDoubtMode },
): Plan {
  const sent = sentIndex(log.sent);
  const plan: Plan = { messages: [], upToDate: [], changed: [], inDoubt: log.inDoubt };
  const held = new Set(options.inDoubt === 'resend' ? [] : log.inDoubt.flatMap((m) => m.files.map((f) => `${m.bevoegdGezag}|${f.code}`)));
  for (const r of recipients) {
    const todo: ManifestEntry[] = [];
    for (const report of r.reports) {
      if (held.has(`${r.bevoegdGezag}|${report.code}`)) continue;
      const previous = sent.get(`${r.bevoegdGezag}|${report.code}`);
      if (previous === undefined) todo.push(report);
      else if (previous !== report.sha256) {
        if (options.resendChanged) todo.push(report);
        else plan.changed.push({ recipient: r, report });
      }
    }
    if (todo.length === 0) {
      if (!r.reports.some((x) => held.has(`${r.bevoegdGezag}|${x.code}`))) plan.upToDate.push(r);
      continue;
    }
    // First fit in the given order: a PDF larger than the limit travels alone.
    const groups: ManifestEntry[][] = [];
    let current: ManifestEntry[] = [];
    let size = 0;
    for (const report of todo) {
      const bytes = report.bytes ?? 0;
      if (current.length > 0 && size + bytes > options.maxBytes) {
        groups.push(current);
        current = [];
        size = 0;
      }
      current.push(report);
      size += bytes;
    }
    if (current.length) groups.push(current);
    groups.forEach((reports, i) =>
      plan.messages.push({
        recipient: r,
        part: i + 1,
        parts: groups.length,
        reports,
        paths: reports.map((x) => join(manifestDir, x.file)),
        bytes: reports.reduce((s, x) => s + (x.bytes ?? 0), 0),
        messageId: log.inDoubt.find((m) => m.bevoegdGezag === r.bevoegdGezag && sameFiles(m, reports))?.messageId,
      }),
    );
  }
  return plan;
}

function sameFiles(message: SendingEntry, reports: ManifestEntry[]): boolean {
  const key = (files: { code: string; sha256: string | null }[]) => files.map((f) => `${f.code}:${f.sha256}`).sort().join(',');
  return key(message.files) === key(reports);
}
