/** `send`: the contextkaarten of a batch to school boards by e-mail (a dry run unless --send). */
import type { CliCommand, GlobalArgs, Io } from '../command.js';
import type { SendEvent, SendSummary } from '../../send/send.js';
import { ExitCode, ReportError } from '../../util/errors.js';
import { escapeControlChars } from '../../util/escape.js';
import { messages } from '../../util/messages.js';
import { cliKb, cliSeconds } from '../../util/cli-number.js';
import { hideGlobals, jsonLine, jsonOption, numberInRange, valueRequired } from '../options.js';

interface SendArgs extends GlobalArgs {
  manifest: string;
  recipients: string;
  send: boolean;
  smtp?: string;
  smtpConfig?: string;
  requireTls: boolean;
  from?: string;
  template?: string;
  maxSize: number;
  resendChanged: boolean;
  inDoubt: 'hold' | 'resend' | 'sent';
  rate: number;
  retries: number;
  emlDir?: string;
  json: boolean;
}

export const sendCommand: CliCommand = ({ io, argv, setExit }) => ({
  command: 'send',
  describe: 'Send the contextkaarten of a batch to school boards by e-mail (a dry run unless --send)',
  builder: (y) =>
    hideGlobals(y, ['browser', 'allow-outside-files'])
      .option('manifest', { type: 'string', demandOption: true, coerce: valueRequired('manifest', 'the manifest.json of a batch output folder'), describe: 'manifest.json of a batch output folder' })
      .option('recipients', { type: 'string', demandOption: true, coerce: valueRequired('recipients', 'the recipients CSV'), describe: 'CSV: bestuur,bevoegd_gezag,email,gemeenten (";" between addresses and between gemeenten)' })
      .option('send', { type: 'boolean', default: false, describe: 'Really send (needs a sender: --from, SMTP_FROM or "from" in the SMTP config); without it, write each message as .eml and send nothing' })
      .option('smtp', { type: 'string', coerce: valueRequired('smtp', 'an smtp:// or smtps:// URL'), describe: 'smtp://user:password@host:587 or smtps://…:465', defaultDescription: '$SMTP_URL' })
      .option('smtp-config', { type: 'string', coerce: valueRequired('smtp-config', 'a JSON file'), describe: 'JSON file: {"host","port","secure","user","passwordEnv","from","requireTLS"}' })
      .option('require-tls', { type: 'boolean', default: false, describe: 'Refuse to send unless the connection is encrypted (STARTTLS or smtps)' })
      .option('from', { type: 'string', coerce: valueRequired('from', 'a sender such as "Programma GKA <gka@example.nl>"'), describe: 'Sender, e.g. "Programma GKA <gka@example.nl>"', defaultDescription: '$SMTP_FROM or the SMTP config' })
      .option('template', { type: 'string', coerce: valueRequired('template', 'a mail template file'), describe: 'Mail template (first line "Onderwerp: …")', defaultDescription: 'templates/mail/contextkaart.hbs' })
      .option('max-size', { type: 'number', default: 10, coerce: numberInRange(argv, 'max-size', 0.1, 1_000, 'MB', { whole: false }), describe: 'MB of attachments per message; more is split over several messages' })
      .option('resend-changed', { type: 'boolean', default: false, describe: 'Send a contextkaart again when its PDF changed since it was sent' })
      .option('in-doubt', {
        choices: ['hold', 'resend', 'sent'] as const,
        default: 'hold' as const,
        describe: 'Messages a killed run handed to the server without recording its answer: hold (name them, send nothing), resend, or sent (record them as arrived)',
      })
      .option('rate', { type: 'number', default: 20, coerce: numberInRange(argv, 'rate', 0.1, 100_000, 'messages per minute', { whole: false }), describe: 'Messages per minute at most' })
      .option('retries', { type: 'number', default: 3, coerce: numberInRange(argv, 'retries', 0, 20, 'tries'), describe: 'Tries after the first on temporary SMTP errors (with backoff)' })
      .option('eml-dir', { type: 'string', coerce: valueRequired('eml-dir', 'a folder'), describe: 'Where a dry run writes its .eml files', defaultDescription: '<manifest folder>/mail' })
      .option('json', jsonOption('NDJSON on stdout: the plan, one line per message (and retry), then the summary'))
      .example('$0 send --manifest out/gka/manifest.json --recipients besturen.csv', 'dry run: look at out/gka/mail/*.eml')
      .example('$0 send --manifest out/gka/manifest.json --recipients besturen.csv --send --from "Programma GKA <gka@example.nl>"', 'send for real (SMTP from $SMTP_URL)'),
  handler: async (a) => setExit(await send(a as unknown as SendArgs, io)),
});

async function send(args: SendArgs, io: Io): Promise<number> {
  const { dirname, join, resolve } = await import('node:path');
  const { redact, resolveSmtp } = await import('../../send/smtp.js');
  const { checkSender, runSend } = await import('../../send/send.js');
  const { defaultTemplatesDir } = await import('../../paths.js');
  const { displayPath } = await import('../../config/load.js');
  const { getDataset } = await import('../../pipeline/render-region.js');
  const smtp = args.send ? resolveSmtp({ smtp: args.smtp, smtpConfig: args.smtpConfig, env: process.env, requireTls: args.requireTls }) : undefined;
  const from = args.from ?? smtp?.from ?? process.env.SMTP_FROM;
  // Before the data is read: a send without a sender stops at once; a dry run says what the .eml files will show.
  const senderWarning = checkSender(from, args.send);
  if (senderWarning) io.stderr(`contextkaart: ${senderWarning}\n`);
  const log = (s: string) => {
    // Board names and addresses come from the recipients file: control characters escaped.
    if (!args.quiet) io.stderr(`${escapeControlChars(s)}\n`);
  };
  const dataset = await getDataset(args.data);
  const manifestPath = resolve(args.manifest);
  try {
    const summary = await runSend({
      manifestPath,
      recipientsPath: resolve(args.recipients),
      displayRecipients: args.recipients,
      dataset,
      send: args.send,
      smtp,
      from,
      templatePath: resolve(args.template ?? join(defaultTemplatesDir, 'mail', 'contextkaart.hbs')),
      displayTemplate: args.template ?? 'templates/mail/contextkaart.hbs',
      maxBytes: args.maxSize * 1024 * 1024,
      resendChanged: args.resendChanged,
      inDoubt: args.inDoubt,
      perMinute: args.rate,
      retries: args.retries,
      backoffMs: 2000,
      emlDir: resolve(args.emlDir ?? join(dirname(manifestPath), 'mail')),
      log,
      onEvent: (e) => {
        if (args.json) jsonLine(io.stdout, eventJson(e));
        logEvent(e, args, io, log, displayPath);
      },
    });
    if (args.json) jsonLine(io.stdout, { type: 'summary', dryRun: !args.send, ...summaryJson(summary) });
    if (!args.quiet || summary.failed || summary.inDoubt) {
      io.stderr(
        `${args.send ? `${summary.sent} sent, ${summary.failed} failed` : `${summary.emlFiles.length} messages written as .eml, nothing sent`}; ${summary.upToDate} up to date${summary.changedNotSent ? `; ${summary.changedNotSent} changed PDF(s) not sent again` : ''}${summary.inDoubt ? `; ${summary.inDoubt} in doubt, not sent again (see above)` : ''}.\n`,
      );
    }
    return summary.failed || (args.send && summary.inDoubt) ? ExitCode.regionFailed : ExitCode.ok;
  } catch (e) {
    // Whatever went wrong, the SMTP password is never printed.
    if (e instanceof ReportError && smtp) throw new ReportError(redact(e.message, smtp.secrets), e.code, { detail: e.detail && redact(e.detail, smtp.secrets) });
    if (e instanceof Error && smtp) throw new Error(redact(e.message, smtp.secrets));
    throw e;
  }
}

function logEvent(e: SendEvent, args: SendArgs, io: Io, log: (s: string) => void, displayPath: (f: string) => string): void {
  if (e.type === 'plan') {
    log(`${e.messages} message${e.messages === 1 ? '' : 's'} to send; ${e.upToDate} board${e.upToDate === 1 ? '' : 's'} already up to date${args.send ? '' : ' (dry run: nothing is sent)'}`);
    for (const c of e.changed) log(`  not sent again: ${c.gemeente} for ${c.bestuur} changed since it was sent (use --resend-changed)`);
    // In doubt is printed even with --quiet: someone has to decide.
    if (e.inDoubtMode === 'hold') for (const m of e.inDoubt) io.stderr(`contextkaart: ${escapeControlChars(messages.sendInDoubt(m.bestuur, m.bevoegdGezag, m.to, m.messageId, m.at))}\n`);
    else for (const m of e.inDoubt) log(`  in doubt, ${args.send ? '' : 'would be '}${e.inDoubtMode === 'resend' ? 'sent again' : 'recorded as sent'}: ${m.bestuur} (${m.bevoegdGezag}), Message-ID ${m.messageId}`);
    return;
  }
  if (e.type === 'retry') {
    log(`  retrying ${e.planned.recipient.bestuur} in ${cliSeconds(e.waitMs)}: ${e.error}`);
    return;
  }
  const p = e.planned;
  const what = `${p.recipient.bestuur} (${p.recipient.bevoegdGezag}) <${p.recipient.emails.join(', ')}>, part ${p.part}/${p.parts}: ${p.reports.map((r) => r.name).join(', ')} (${cliKb(p.bytes)})`;
  if (e.status === 'dry-run') log(`would send to ${what} → ${displayPath(e.detail)}`);
  else if (e.status === 'sent') log(`sent to ${what}${e.rejected?.length ? `; refused by the server: ${e.rejected.join(', ')}` : ''}`);
  else log(`FAILED ${what}: ${e.detail}`);
}

/** A send event as one JSON line: names, addresses, files and sizes, no message bodies. */
function eventJson(e: SendEvent): Record<string, unknown> {
  if (e.type === 'plan') return { type: 'plan', messages: e.messages, upToDate: e.upToDate, changed: e.changed, inDoubt: e.inDoubt.map((m) => ({ bestuur: m.bestuur, bevoegdGezag: m.bevoegdGezag, to: m.to, messageId: m.messageId, at: m.at })), inDoubtMode: e.inDoubtMode };
  const p = e.planned;
  const message = { bestuur: p.recipient.bestuur, bevoegdGezag: p.recipient.bevoegdGezag, to: p.recipient.emails, part: p.part, parts: p.parts, gemeenten: p.reports.map((r) => r.name), files: p.paths, bytes: p.bytes };
  if (e.type === 'retry') return { type: 'retry', ...message, error: e.error, waitMs: e.waitMs };
  return { type: 'message', status: e.status, ...message, ...(e.status === 'dry-run' ? { eml: e.detail } : e.status === 'failed' ? { error: e.detail } : { messageId: e.detail }), ...(e.rejected?.length ? { rejected: e.rejected } : {}) };
}

const summaryJson = (s: SendSummary) => ({ planned: s.planned, sent: s.sent, failed: s.failed, upToDate: s.upToDate, changedNotSent: s.changedNotSent, inDoubt: s.inDoubt, emlFiles: s.emlFiles });
