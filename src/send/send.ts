/**
 * Sending the contextkaarten to school boards. Dry run by default: every message
 * is written as an .eml file to look at, nothing is sent. With send: each message
 * goes out at most once (the send log), gently (a rate limit, retries with
 * backoff on temporary errors), and only with the PDFs the manifest vouches for.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { Transform } from 'node:stream';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import nodemailer from 'nodemailer';
import { ReportError } from '../util/errors.js';
import { messages } from '../util/messages.js';
import type { Dataset } from '../data/load-dataset.js';
import { sha256File, type Manifest } from '../pipeline/manifest.js';
import { writeFileAtomic } from '../util/write-atomic.js';
import { composeMessage, loadMailTemplate } from './compose.js';
import { planMessages, type InDoubtMode, type PlannedMessage } from './plan.js';
import { loadRecipients } from './recipients.js';
import { appendSendLog, readSendLog, SEND_LOG_FILE, type SendingEntry } from './send-log.js';
import { removeStaleTempFiles } from '../util/write-atomic.js';
import { lockFolder } from '../util/folder-lock.js';
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
  /** Messages in doubt after a crash: hold them (default), send them again, or record them as sent. */
  inDoubt?: InDoubtMode;
  onEvent?: (e: SendEvent) => void;
  /** Notes outside the events (a stale lock taken over). */
  log?: (line: string) => void;
}

export type SendEvent =
  | { type: 'plan'; messages: number; upToDate: number; changed: { bestuur: string; gemeente: string }[]; inDoubt: SendingEntry[]; inDoubtMode: InDoubtMode }
  | { type: 'message'; status: 'dry-run' | 'sent' | 'failed'; planned: PlannedMessage; detail: string; rejected?: string[] }
  | { type: 'retry'; planned: PlannedMessage; error: string; waitMs: number };

export interface SendSummary {
  planned: number;
  sent: number;
  failed: number;
  upToDate: number;
  changedNotSent: number;
  /** Messages in doubt held back (not sent again, not counted as sent). */
  inDoubt: number;
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

/** The sender of a dry run without --from: a reserved domain no mail can reach (RFC 2606). */
export const PLACEHOLDER_FROM = 'contextkaart <noreply@example.invalid>';

/**
 * A real send needs a real sender (--from, SMTP_FROM or "from" in the SMTP config): a usage error
 * naming the fix otherwise. A dry run may go without; it returns the warning to print then.
 */
export function checkSender(from: string | undefined, send: boolean): string | undefined {
  const address = from?.trim();
  if (!address) {
    if (send) throw new ReportError(messages.sendNoSender(PLACEHOLDER_FROM), 'usage');
    return messages.sendPlaceholderSender(PLACEHOLDER_FROM);
  }
  if (send && /\.invalid>?\s*$/i.test(address)) throw new ReportError(messages.sendInvalidSender(address), 'usage');
  return undefined;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runSend(o: SendOptions): Promise<SendSummary> {
  const manifest = readManifestFile(o.manifestPath, o.manifestPath);
  const dir = dirname(o.manifestPath);
  // One run at a time on the send log; a batch into this folder would rewrite the manifest and PDFs being sent.
  await using _lock = await lockFolder(dir, { command: `contextkaart send${o.send ? ' --send' : ' (dry run)'}`, log: o.log });
  const recipients = await loadRecipients(o.recipientsPath, o.displayRecipients, o.dataset, manifest);
  const template = loadMailTemplate(o.templatePath, o.displayTemplate);
  const logPath = join(dir, SEND_LOG_FILE);
  checkSender(o.from, o.send);
  const inDoubtMode = o.inDoubt ?? 'hold';
  let log = await readSendLog(logPath);
  if (o.send && inDoubtMode === 'sent' && log.inDoubt.length) {
    // The user checked that these arrived: record them as sent.
    for (const m of log.inDoubt) {
      await appendSendLog(logPath, { event: 'confirmed', sentAt: m.at, messageId: m.messageId, bevoegdGezag: m.bevoegdGezag, bestuur: m.bestuur, to: m.to, rejected: [], part: m.part, parts: m.parts, files: m.files });
    }
    log = await readSendLog(logPath);
  }
  const plan = planMessages(recipients, log, dir, { maxBytes: o.maxBytes, resendChanged: o.resendChanged, inDoubt: inDoubtMode });
  o.onEvent?.({
    type: 'plan',
    messages: plan.messages.length,
    upToDate: plan.upToDate.length,
    changed: plan.changed.map((c) => ({ bestuur: c.recipient.bestuur, gemeente: c.report.name })),
    inDoubt: plan.inDoubt,
    inDoubtMode,
  });

  const from = o.from?.trim() || PLACEHOLDER_FROM;
  const sender = from.replace(/\s*<[^>]*>\s*$/, '').replace(/^"|"$/g, '') || from;
  const summary: SendSummary = {
    planned: plan.messages.length,
    sent: 0,
    failed: 0,
    upToDate: plan.upToDate.length,
    changedNotSent: plan.changed.length,
    inDoubt: inDoubtMode === 'hold' ? plan.inDoubt.length : 0,
    emlFiles: [],
  };

  if (!o.send) {
    await mkdir(o.emlDir, { recursive: true });
    await removeStaleTempFiles(o.emlDir);
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
  // The moment before the final "." of a message: recorded, so that a crash before it is known not to have sent anything.
  transport.use('stream', (mail, done) => {
    const beforeCommit = (mail.data as { beforeCommit?: () => Promise<void> }).beforeCommit;
    if (beforeCommit) mail.message.transform(() => holdEndUntil(beforeCommit));
    done();
  });
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'contextkaart.invalid';
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
      const files = planned.reports.map((r) => ({ code: r.code, file: r.file, sha256: r.sha256! }));
      // An in-doubt message sent again keeps its Message-ID: a mail system that got it already can drop the copy.
      const messageId = planned.messageId ?? `<${randomUUID()}@${domain}>`;
      const sending: SendingEntry = {
        event: 'sending',
        at: new Date().toISOString(),
        messageId,
        bevoegdGezag: planned.recipient.bevoegdGezag,
        bestuur: planned.recipient.bestuur,
        to: planned.recipient.emails,
        part: planned.part,
        parts: planned.parts,
        files,
      };
      await appendSendLog(logPath, sending);
      let attempt = 0;
      for (;;) {
        const wait = lastSent + minInterval - Date.now();
        if (wait > 0) await sleep(wait);
        lastSent = Date.now();
        let committed = false;
        const beforeCommit = async () => {
          await appendSendLog(logPath, { event: 'committing', at: new Date().toISOString(), messageId });
          committed = true;
        };
        try {
          const info = await transport.sendMail({ ...composeMessage(template, planned, from, sender), messageId, beforeCommit } as Parameters<typeof transport.sendMail>[0]);
          const rejected = ((info.rejected ?? []) as (string | { address: string })[]).map((a) => (typeof a === 'string' ? a : a.address));
          await appendSendLog(logPath, {
            event: 'sent',
            sentAt: new Date().toISOString(),
            messageId: info.messageId,
            bevoegdGezag: planned.recipient.bevoegdGezag,
            bestuur: planned.recipient.bestuur,
            to: planned.recipient.emails,
            rejected,
            part: planned.part,
            parts: planned.parts,
            files,
          });
          summary.sent++;
          if (rejected.length) summary.failed++;
          o.onEvent?.({ type: 'message', status: 'sent', planned, detail: info.messageId, rejected });
          break;
        } catch (error) {
          const text = redact(`${(error as Error).message}`, settings.secrets);
          const answered = typeof (error as { responseCode?: unknown }).responseCode === 'number';
          if (committed && !answered) {
            // The whole message went out and the connection broke before the answer: it may have
            // been accepted. Not tried again here; the next run holds it as in doubt.
            summary.failed++;
            summary.inDoubt++;
            o.onEvent?.({ type: 'message', status: 'failed', planned, detail: messages.sendInDoubt(sending.bestuur, sending.bevoegdGezag, sending.to, messageId, sending.at) });
            break;
          }
          if (committed) await appendSendLog(logPath, { event: 'not-sent', at: new Date().toISOString(), messageId, error: text });
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

/**
 * A pass-through stage at the end of a message that, once the whole message has gone
 * downstream, waits for `before` before it ends; only then does the SMTP client write
 * the final "." that lets the server accept the message.
 */
function holdEndUntil(before: () => Promise<void>): Transform {
  const stage: Transform = new Transform({
    transform(chunk, _encoding, callback) {
      callback(null, chunk);
    },
    flush(callback) {
      // Wait until the client reads from this stage (piped or read()) and has taken everything.
      const drained = () => stage.readableFlowing !== null && stage.readableLength === 0;
      const wait = () => (drained() ? before().then(() => callback(), callback) : setTimeout(wait, 1));
      wait();
    },
  });
  return stage;
}
