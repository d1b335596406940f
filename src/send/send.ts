/**
 * Sending the contextkaarten to school boards. Dry run by default: every message
 * is written as an .eml file to look at, nothing is sent. With send: each message
 * goes out at most once (the send log), gently (a rate limit, retries with
 * backoff on temporary errors), and only with the PDFs the manifest vouches for.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import nodemailer from 'nodemailer';
import { ReportError } from '../errors.js';
import { messages } from '../messages.js';
import type { Dataset } from '../data/load-dataset.js';
import { sha256File, type Manifest } from '../pipeline/manifest.js';
import { writeFileAtomic } from '../pipeline/write-atomic.js';
import { composeMessage, loadMailTemplate } from './compose.js';
import { planMessages, type PlannedMessage } from './plan.js';
import { loadRecipients } from './recipients.js';
import { appendSendLog, readSendLog, SEND_LOG_FILE } from './send-log.js';
import { createSmtpTransport, isTemporary, redact, type SmtpSettings } from './smtp.js';

export interface SendOptions {
  manifestPath: string;
  recipientsPath: string;
  displayRecipients: string;
  dataset: Dataset;
  send: boolean;
  smtp?: SmtpSettings;
  from?: string;
  templatePath: string;
  displayTemplate: string;
  maxBytes: number;
  resendChanged: boolean;
  perMinute: number;
  /** Tries after the first, on temporary errors. */
  retries: number;
  backoffMs: number;
  emlDir: string;
  onEvent?: (e: SendEvent) => void;
}

export type SendEvent =
  | { type: 'plan'; messages: number; upToDate: number; changed: { bestuur: string; gemeente: string }[] }
  | { type: 'message'; status: 'dry-run' | 'sent' | 'failed'; planned: PlannedMessage; detail: string; rejected?: string[] }
  | { type: 'retry'; planned: PlannedMessage; error: string; waitMs: number };

export interface SendSummary {
  planned: number;
  sent: number;
  failed: number;
  upToDate: number;
  changedNotSent: number;
  emlFiles: string[];
}

export function readManifestFile(path: string, display: string): Manifest {
  if (!existsSync(path)) throw new ReportError(messages.manifestNotFound(display), 'usage');
  try {
    const m = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
    if (!Array.isArray(m.reports)) throw new Error('no "reports" array');
    return m;
  } catch (cause) {
    throw new ReportError(messages.manifestUnreadable(display, (cause as Error).message), 'usage', { cause });
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runSend(o: SendOptions): Promise<SendSummary> {
  const manifest = readManifestFile(o.manifestPath, o.manifestPath);
  const dir = dirname(o.manifestPath);
  const recipients = await loadRecipients(o.recipientsPath, o.displayRecipients, o.dataset, manifest);
  const template = loadMailTemplate(o.templatePath, o.displayTemplate);
  const logPath = join(dir, SEND_LOG_FILE);
  const plan = planMessages(recipients, await readSendLog(logPath), dir, { maxBytes: o.maxBytes, resendChanged: o.resendChanged });
  o.onEvent?.({
    type: 'plan',
    messages: plan.messages.length,
    upToDate: plan.upToDate.length,
    changed: plan.changed.map((c) => ({ bestuur: c.recipient.bestuur, gemeente: c.report.name })),
  });

  if (o.send && !o.from) throw new ReportError(messages.fromMissing(), 'usage');
  const from = o.from ?? 'contextkaart <noreply@example.invalid>';
  const sender = from.replace(/\s*<[^>]*>\s*$/, '').replace(/^"|"$/g, '') || from;
  const summary: SendSummary = { planned: plan.messages.length, sent: 0, failed: 0, upToDate: plan.upToDate.length, changedNotSent: plan.changed.length, emlFiles: [] };

  if (!o.send) {
    await mkdir(o.emlDir, { recursive: true });
    const stream = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
    for (const planned of plan.messages) {
      const info = await stream.sendMail(composeMessage(template, planned, from, sender));
      const file = join(o.emlDir, `${planned.recipient.bevoegdGezag}-deel-${planned.part}-van-${planned.parts}.eml`);
      await writeFileAtomic(file, info.message as Buffer);
      summary.emlFiles.push(file);
      o.onEvent?.({ type: 'message', status: 'dry-run', planned, detail: file });
    }
    return summary;
  }

  const settings = o.smtp!;
  const transport = createSmtpTransport(settings);
  const minInterval = 60_000 / Math.max(1, o.perMinute);
  let lastSent = 0;
  try {
    for (const planned of plan.messages) {
      // Never send a PDF other than the one the manifest describes.
      const mismatch = await firstChangedPdf(planned);
      if (mismatch) {
        summary.failed++;
        o.onEvent?.({ type: 'message', status: 'failed', planned, detail: messages.pdfChanged(mismatch) });
        continue;
      }
      let attempt = 0;
      for (;;) {
        const wait = lastSent + minInterval - Date.now();
        if (wait > 0) await sleep(wait);
        lastSent = Date.now();
        try {
          const info = await transport.sendMail(composeMessage(template, planned, from, sender));
          const rejected = ((info.rejected ?? []) as (string | { address: string })[]).map((a) => (typeof a === 'string' ? a : a.address));
          await appendSendLog(logPath, {
            sentAt: new Date().toISOString(),
            messageId: info.messageId,
            bevoegdGezag: planned.recipient.bevoegdGezag,
            bestuur: planned.recipient.bestuur,
            to: planned.recipient.emails,
            rejected,
            part: planned.part,
            parts: planned.parts,
            files: planned.reports.map((r) => ({ code: r.code, file: r.file, sha256: r.sha256! })),
          });
          summary.sent++;
          if (rejected.length) summary.failed++;
          o.onEvent?.({ type: 'message', status: 'sent', planned, detail: info.messageId, rejected });
          break;
        } catch (error) {
          const text = redact(`${(error as Error).message}`, settings.secrets);
          if (isTemporary(error) && attempt < o.retries) {
            const waitMs = o.backoffMs * 2 ** attempt;
            attempt++;
            o.onEvent?.({ type: 'retry', planned, error: text, waitMs });
            await sleep(waitMs);
            continue;
          }
          summary.failed++;
          o.onEvent?.({ type: 'message', status: 'failed', planned, detail: text });
          break;
        }
      }
    }
  } finally {
    transport.close();
  }
  return summary;
}

async function firstChangedPdf(planned: PlannedMessage): Promise<string | undefined> {
  for (const [i, r] of planned.reports.entries()) {
    const path = planned.paths[i];
    if (!existsSync(path) || (await sha256File(path)) !== r.sha256) return path;
  }
  return undefined;
}
