/**
 * What to send: per board the contextkaarten of its gemeenten that it has not
 * received yet (or that changed, with --resend-changed), split over several
 * messages when the attachments together pass the size limit.
 */
import { join } from 'node:path';
import type { ManifestEntry } from '../pipeline/manifest.js';
import type { Recipient } from './recipients.js';
import { sentIndex, type SendLogEntry } from './send-log.js';

export interface PlannedMessage {
  recipient: Recipient;
  part: number;
  parts: number;
  reports: ManifestEntry[];
  /** Absolute paths of the attachments, in the order of `reports`. */
  paths: string[];
  bytes: number;
}

export interface Plan {
  messages: PlannedMessage[];
  /** Boards that already have every contextkaart. */
  upToDate: Recipient[];
  /** Contextkaarten sent before whose PDF changed; sent again only with --resend-changed. */
  changed: { recipient: Recipient; report: ManifestEntry }[];
}

export function planMessages(recipients: Recipient[], log: SendLogEntry[], manifestDir: string, options: { maxBytes: number; resendChanged: boolean }): Plan {
  const sent = sentIndex(log);
  const plan: Plan = { messages: [], upToDate: [], changed: [] };
  for (const r of recipients) {
    const todo: ManifestEntry[] = [];
    for (const report of r.reports) {
      const previous = sent.get(`${r.bevoegdGezag}|${report.code}`);
      if (previous === undefined) todo.push(report);
      else if (previous !== report.sha256) {
        if (options.resendChanged) todo.push(report);
        else plan.changed.push({ recipient: r, report });
      }
    }
    if (todo.length === 0) {
      plan.upToDate.push(r);
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
      }),
    );
  }
  return plan;
}
