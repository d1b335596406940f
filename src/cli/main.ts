/**
 * The command line: run(argv) returns an exit code and never exits itself.
 * Logs go to stderr; stdout is kept for --json.
 */
import { brandColourWarning } from '../contrast.js';
import { readFileSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { parse } from 'yaml';
import { messages } from '../util/messages.js';
import type { Dataset } from '../data/load-dataset.js';
import { toolInputsHash } from '../pipeline/inputs-hash.js';
import { MANIFEST_FILE, mergeManifests } from '../pipeline/manifest.js';
import { parseShard, resolveRegionSet, shardOf } from '../pipeline/region-sets.js';
import { renderBatch, type BatchJob } from '../pipeline/render-batch.js';
import { lockFolder } from '../util/folder-lock.js';
import { removeStaleTempFiles, writeFileAtomic } from '../util/write-atomic.js';
import { createProgress } from './progress.js';
import { runSend } from '../send/send.js';
import { startPreview } from '../preview/server.js';
import { onInterrupt } from '../util/interrupt.js';
import { redact, resolveSmtp } from '../send/smtp.js';
import yargs, { type Argv } from 'yargs';
import { ExitCode, ReportError } from '../util/errors.js';
import { indicatorList, yearLabel, indicatorYears, domainTitles } from '../data/catalogue.js';
import { BrowserSession } from '../print/browser-session.js';
import { getDataset, loadRegionArgument, prepareReport, renderRegionToPdf } from '../pipeline/render-region.js';
import { defaultDataDir, defaultTemplatesDir, projectRoot, toolVersion } from '../paths.js';
import { displayPath, MAX_CONFIG_BYTES } from '../config/load.js';
import { editions, type Edition } from '../config/schema.js';
import { formatNumber } from '../format.js';
import { dataCommand } from '../fetch/cli.js';
import { escapeControlChars, shown } from '../util/escape.js';
import { ALLOW_OUTSIDE_FILES_ENV, setOutsideFilesAllowed } from '../config/files.js';

import type { CliContext, GlobalArgs, Io } from './command.js';
import { reportError } from './report-error.js';
import { configCommands } from './commands/config-commands.js';
export type { Io } from './command.js';

/** --edition on render, batch and preview. */
const editionOption = {
  choices: editions,
  describe: 'kort: the short edition a meeting reads; volledig: every figure, table and definition',
  defaultDescription: "the config's edition, else kort",
} as const;

const defaultIo: Io = { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) };

export async function run(argv: string[], io: Io = defaultIo): Promise<number> {
  let exitCode: number = ExitCode.ok;
  // Lines that quote input (names, paths) never pass control characters to the terminal.
  const log = (args: { quiet?: boolean }, s: string) => {
    if (!args.quiet) io.stderr(`${escapeControlChars(s)}\n`);
  };

  const ctx: CliContext = { io, argv, setExit: (code) => (exitCode = code) };
  const parser: Argv<GlobalArgs> = yargs(argv)
    .scriptName('contextkaart')
    .usage('$0 <command> [options]\n\nMaakt een contextkaart kansengelijkheid (PDF) voor een Nederlandse regio uit openbare cijfers.')
    .option('data', {
      type: 'string',
      describe: 'Data directory with the CBS/DUO/PDOK files (staged, or fetched with `data fetch`)',
      default: process.env.CONTEXTKAART_DATA ?? defaultDataDir,
      defaultDescription: '$CONTEXTKAART_DATA, else ../shared/data if there, else ~/.cache/contextkaart/data',
      global: true,
    })
    .option('browser', { type: 'string', describe: 'Path to Chromium/Chrome (default: $PUPPETEER_EXECUTABLE_PATH or the usual install paths)', global: true })
    .option('debug', { type: 'boolean', default: false, describe: 'Print stack traces', global: true })
    .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'Print only errors', global: true })
    .option('allow-outside-files', {
      type: 'boolean',
      default: false,
      describe: `Let region configs read files outside their own folder (absolute paths, .., symlinks out); also ${ALLOW_OUTSIDE_FILES_ENV}=1`,
      global: true,
    })
    .middleware((a) => setOutsideFilesAllowed(a.allowOutsideFiles === true))
    .command(
      'render <region..>',
      'Render the contextkaart of one or more regions to PDF',
      (y) =>
        y
          .positional('region', { type: 'string', array: true, describe: 'A region config (.yaml), a CBS gemeente code (GM0796) or a gemeente name', demandOption: true })
          .option('output', { alias: 'o', type: 'string', describe: 'Output PDF (one region) or folder (several regions)', defaultDescription: 'out/<id>.pdf' })
          .option('html', { type: 'boolean', default: false, describe: 'Also write the HTML beside the PDF (same name, .html)' })
          .option('timeout', { type: 'number', default: 60_000, describe: 'ms for one page to load and print' })
          .option('edition', editionOption)
          .example('$0 render GM0796 -o out/den-bosch.pdf', 'standard contextkaart of one gemeente')
          .example('$0 render GM0796 --edition volledig', 'the full edition: every figure, table and definition')
          .example('$0 render "\'s-Hertogenbosch"', 'by name; writes out/gm0796.pdf')
          .example('$0 render regions/voorbeeld-regio.yaml --html', 'a region config, with the HTML beside the PDF'),
      async (args) => {
        exitCode = await renderCommand(args as unknown as RenderArgs, io, log);
      },
    )
    .command(
      'batch',
      'Render the standard contextkaart of many gemeenten (or many region configs) with one browser',
      (y) =>
        y
          .option('gemeenten', {
            alias: 'g',
            type: 'string',
            demandOption: true,
            describe: '"all" (342), "gka" (the GKA list in the data directory), a file with one code, name or .yaml per line, or a comma-separated list',
          })
          .option('output', { alias: 'o', type: 'string', demandOption: true, describe: 'Output folder: <id>.pdf per region and manifest.json' })
          .option('concurrency', { alias: 'c', type: 'number', default: defaultConcurrency(), defaultDescription: 'the number of cores', describe: 'Pages printed at once' })
          .option('shard', { type: 'string', describe: 'k/n: render only the k-th of n equal parts (k from 1; e.g. JOB_COMPLETION_INDEX + 1)' })
          .option('force', { type: 'boolean', default: false, describe: 'Render every region again, even when its PDF is up to date' })
          .option('timeout', { type: 'number', default: 60_000, describe: 'ms for one page; a page past it is closed and the region retried once' })
          .option('json', { type: 'boolean', default: false, describe: 'NDJSON on stdout: one line per region and a summary' })
          .option('edition', editionOption)
          .example('$0 batch --gemeenten all -o out/alle-gemeenten/', 'all 342 gemeenten')
          .example('$0 batch --gemeenten gka -o out/gka/', 'the GKA gemeenten')
          .example('$0 batch --gemeenten GM0363,GM0599 --concurrency 2 -o out/x/', 'a list')
          .example('$0 batch --gemeenten all --shard 3/8 -o out/x/', 'one eighth, for a job runner'),
      async (args) => {
        exitCode = await batchCommand(args as unknown as BatchArgs, io);
      },
    )
    .command(
      'merge-manifests <manifests..>',
      'Merge the manifest.json files of shards into one',
      (y) =>
        y
          .positional('manifests', { type: 'string', array: true, demandOption: true, describe: 'manifest.json files' })
          .option('output', { alias: 'o', type: 'string', demandOption: true, describe: 'The merged manifest (file paths are made relative to it)' })
          .example('$0 merge-manifests out/shard-*/manifest.json -o out/manifest.json', 'after a sharded run'),
      async (args) => {
        exitCode = await mergeCommand(args as unknown as { manifests: string[]; output: string; quiet: boolean }, io);
      },
    )
    .command(
      'send',
      'Send the contextkaarten of a batch to school boards by e-mail (a dry run unless --send)',
      (y) =>
        y
          .option('manifest', { type: 'string', demandOption: true, describe: 'manifest.json of a batch output folder' })
          .option('recipients', { type: 'string', demandOption: true, describe: 'CSV: bestuur,bevoegd_gezag,email,gemeenten (";" between addresses and between gemeenten)' })
          .option('send', { type: 'boolean', default: false, describe: 'Really send; without it, write each message as .eml and send nothing' })
          .option('smtp', { type: 'string', describe: 'smtp://user:password@host:587 or smtps://…:465', defaultDescription: '$SMTP_URL' })
          .option('smtp-config', { type: 'string', describe: 'JSON file: {"host","port","secure","user","passwordEnv","from","requireTLS"}' })
          .option('require-tls', { type: 'boolean', default: false, describe: 'Refuse to send unless the connection is encrypted (STARTTLS or smtps)' })
          .option('from', { type: 'string', describe: 'Sender, e.g. "Programma GKA <gka@example.nl>"', defaultDescription: '$SMTP_FROM or the SMTP config' })
          .option('template', { type: 'string', describe: 'Mail template (first line "Onderwerp: …")', defaultDescription: 'templates/mail/contextkaart.hbs' })
          .option('max-size', { type: 'number', default: 10, describe: 'MB of attachments per message; more is split over several messages' })
          .option('resend-changed', { type: 'boolean', default: false, describe: 'Send a contextkaart again when its PDF changed since it was sent' })
          .option('in-doubt', {
            choices: ['hold', 'resend', 'sent'] as const,
            default: 'hold' as const,
            describe: 'Messages a killed run handed to the server without recording its answer: hold (name them, send nothing), resend, or sent (record them as arrived)',
          })
          .option('rate', { type: 'number', default: 20, describe: 'Messages per minute at most' })
          .option('retries', { type: 'number', default: 3, describe: 'Tries after the first on temporary SMTP errors (with backoff)' })
          .option('eml-dir', { type: 'string', describe: 'Where a dry run writes its .eml files', defaultDescription: '<manifest folder>/mail' })
          .example('$0 send --manifest out/gka/manifest.json --recipients besturen.csv', 'dry run: look at out/gka/mail/*.eml')
          .example('$0 send --manifest out/gka/manifest.json --recipients besturen.csv --send', 'send for real (SMTP from $SMTP_URL)'),
      async (args) => {
        exitCode = await sendCommand(args as unknown as SendArgs, io);
      },
    )
    .command(
      'preview <region>',
      'Show the report live in a browser; it re-renders when you save the config, a text, extra data or a template',
      (y) =>
        y
          .positional('region', { type: 'string', demandOption: true, describe: 'A region config (.yaml), a CBS gemeente code or a gemeente name' })
          .option('port', { type: 'number', default: 4321, describe: 'Port on 127.0.0.1' })
          .option('edition', editionOption)
          .example('$0 preview regions/voorbeeld-regio.yaml', 'open http://127.0.0.1:4321/')
          .example('$0 preview GM0363 --port 5000', 'another port'),
      async (args) => {
        exitCode = await previewCommand(args as unknown as GlobalArgs & { region: string; port: number; edition?: Edition }, io);
      },
    )
    .command(configCommands.map((c) => c(ctx)))
    // data fetch / status / check (issue 14)
    .command(dataCommand(argv, io, (code) => (exitCode = code)))
    .demandCommand(1, 'Give a command: render, batch, send, preview, validate, indicators, data or merge-manifests.')
    .strict()
    .version(toolVersion)
    .help()
    .alias('h', 'help')
    .wrap(Math.min(110, process.stdout.columns || 100))
    .fail((msg, err) => {
      // An option value refused by its coerce (e.g. --retries -1): yargs wraps the message in a YError; a usage error (exit 2).
      if (err?.name === 'YError' && msg) throw new ReportError(msg, 'usage');
      if (err) throw err;
      throw new ReportError(msg, 'usage');
    })
    .exitProcess(false);

  try {
    let help = '';
    await parser.parseAsync(argv, {}, (_err, _argv, output) => {
      help = output;
    });
    if (help) io.stdout(`${help}\n`);
  } catch (e) {
    return reportError(e, io, argv.includes('--debug'), argv);
  }
  return exitCode;
}

interface RenderArgs extends GlobalArgs {
  region: string[];
  output?: string;
  html: boolean;
  timeout: number;
  edition?: Edition;
}

async function renderCommand(args: RenderArgs, io: Io, log: (a: { quiet?: boolean }, s: string) => void): Promise<number> {
  const dataset = await getDataset(args.data);
  await using session = new BrowserSession({ executablePath: args.browser, timeout: args.timeout });
  let failed = 0;
  for (const arg of args.region) {
    try {
      const loaded = await loadRegionArgument(arg, dataset);
      const report = await prepareReport(loaded, dataset, { edition: args.edition });
      const id = report.config.id;
      const pdfPath = resolve(
        args.output ? (args.region.length === 1 && args.output.toLowerCase().endsWith('.pdf') ? args.output : `${args.output.replace(/\/$/, '')}/${id}.pdf`) : `out/${id}.pdf`,
      );
      for (const w of report.warnings ?? []) io.stderr(`contextkaart: warning: ${escapeControlChars(w.message)}\n`);
      const lightBrand = brandColourWarning(loaded.displayFile, report.config.brand.primary);
      if (lightBrand) io.stderr(`contextkaart: warning: ${lightBrand}\n`);
      // A render killed earlier (SIGKILL) may have left its hidden temp file beside the PDF.
      await removeStaleTempFiles(dirname(pdfPath));
      const r = await renderRegionToPdf(report, session, { pdfPath, html: args.html });
      log(args, `✓ ${r.regionName}: ${displayPath(r.pdfPath)} (${r.pages} pages, ${formatNumber(r.bytes / 1024)} kB, ${formatNumber(r.ms / 1000, 1)} s)${r.htmlPath ? ` + ${displayPath(r.htmlPath)}` : ''}`);
    } catch (e) {
      if (args.region.length === 1 || (e instanceof ReportError && e.code === 'browser')) throw e;
      failed++;
      reportError(e, io, args.debug, [], arg);
    }
  }
  return failed ? ExitCode.regionFailed : ExitCode.ok;
}

async function previewCommand(args: GlobalArgs & { region: string; port: number; edition?: Edition }, io: Io): Promise<number> {
  if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535) throw new ReportError(messages.badPort(String(args.port)), 'usage');
  const dataset = await getDataset(args.data);
  const server = await startPreview({
    region: args.region,
    dataset,
    port: args.port,
    browser: args.browser,
    edition: args.edition,
    onLog: (line) => {
      if (!args.quiet) io.stderr(`${escapeControlChars(line)}\n`);
    },
  });
  io.stdout(`${server.url}\n`);
  io.stderr(`preview of ${escapeControlChars(args.region)} at ${server.url} (Ctrl-C stops)\n`);
  // Runs until Ctrl-C: the bin's signal handler calls this clean-up, then exits.
  onInterrupt(() => server.close());
  await new Promise(() => undefined);
  return ExitCode.ok;
}

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
}

async function sendCommand(args: SendArgs, io: Io): Promise<number> {
  const smtp = args.send ? resolveSmtp({ smtp: args.smtp, smtpConfig: args.smtpConfig, env: process.env, requireTls: args.requireTls }) : undefined;
  const log = (s: string) => {
    // Board names and addresses come from the recipients file: control characters escaped.
    if (!args.quiet) io.stderr(`${escapeControlChars(s)}\n`);
  };
  const kb = (n: number) => `${formatNumber(n / 1024)} kB`;
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
      from: args.from ?? smtp?.from ?? process.env.SMTP_FROM,
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
        if (e.type === 'plan') {
          log(`${e.messages} message${e.messages === 1 ? '' : 's'} to send; ${e.upToDate} board${e.upToDate === 1 ? '' : 's'} already up to date${args.send ? '' : ' (dry run: nothing is sent)'}`);
          for (const c of e.changed) log(`  not sent again: ${c.gemeente} for ${c.bestuur} changed since it was sent (use --resend-changed)`);
          // In doubt is printed even with --quiet: someone has to decide.
          if (e.inDoubtMode === 'hold') for (const m of e.inDoubt) io.stderr(`contextkaart: ${escapeControlChars(messages.sendInDoubt(m.bestuur, m.bevoegdGezag, m.to, m.messageId, m.at))}\n`);
          else for (const m of e.inDoubt) log(`  in doubt, ${args.send ? '' : 'would be '}${e.inDoubtMode === 'resend' ? 'sent again' : 'recorded as sent'}: ${m.bestuur} (${m.bevoegdGezag}), Message-ID ${m.messageId}`);
          return;
        }
        if (e.type === 'retry') {
          log(`  retrying ${e.planned.recipient.bestuur} in ${formatNumber(e.waitMs / 1000, 1)} s: ${e.error}`);
          return;
        }
        const p = e.planned;
        const what = `${p.recipient.bestuur} (${p.recipient.bevoegdGezag}) <${p.recipient.emails.join(', ')}>, part ${p.part}/${p.parts}: ${p.reports.map((r) => r.name).join(', ')} (${kb(p.bytes)})`;
        if (e.status === 'dry-run') log(`would send to ${what} → ${displayPath(e.detail)}`);
        else if (e.status === 'sent') log(`sent to ${what}${e.rejected?.length ? `; refused by the server: ${e.rejected.join(', ')}` : ''}`);
        else log(`FAILED ${what}: ${e.detail}`);
      },
    });
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

interface BatchArgs extends GlobalArgs {
  gemeenten: string;
  output: string;
  concurrency: number;
  shard?: string;
  force: boolean;
  timeout: number;
  json: boolean;
  edition?: Edition;
}

export function defaultConcurrency(): number {
  return Math.max(1, Math.min(8, availableParallelism()));
}

async function batchCommand(args: BatchArgs, io: Io): Promise<number> {
  if (!Number.isInteger(args.concurrency) || args.concurrency < 1) throw new ReportError(messages.badConcurrency(String(args.concurrency)), 'usage');
  const shard = args.shard ? parseShard(args.shard) : undefined;
  const dataset = await getDataset(args.data);
  const jobs = batchJobs(args.gemeenten, dataset);
  const mode = args.json ? 'json' : args.quiet ? 'quiet' : process.stderr.isTTY && !process.env.CI ? 'tty' : 'lines';
  for (const w of jobs.warnings) if (mode !== 'quiet') io.stderr(`note: ${w}
`);
  const mine = shardOf(jobs.jobs, shard);
  const outDir = resolve(args.output);
  const progress = createProgress({ mode, stderr: io.stderr, stdout: io.stdout });
  await using session = new BrowserSession({ executablePath: args.browser, timeout: args.timeout });
  const summary = await renderBatch({
    jobs: mine,
    outDir,
    dataset,
    session,
    toolHash: toolInputsHash(projectRoot, toolVersion, defaultTemplatesDir),
    edition: args.edition,
    concurrency: args.concurrency,
    force: args.force,
    set: jobs.description,
    shard: args.shard ?? null,
    onEvent: progress.onEvent,
    log: (line) => mode !== 'quiet' && io.stderr(`${escapeControlChars(line)}\n`),
  });
  progress.finish(summary, displayPath(join(outDir, MANIFEST_FILE)));
  return summary.failed ? ExitCode.regionFailed : ExitCode.ok;
}

/** The set as jobs: gemeenten by code, and region configs (.yaml) by their id. */
function batchJobs(spec: string, dataset: Dataset): { jobs: BatchJob[]; description: string; warnings: string[] } {
  const set = resolveRegionSet(spec, dataset);
  const jobs: BatchJob[] = [
    ...set.gemeenten.map((g) => ({ arg: g.code, key: g.code, name: g.name })),
    ...set.configs.map((c) => ({ arg: c, key: configId(c), name: configId(c) })),
  ];
  const keys = new Set<string>();
  for (const j of jobs) {
    if (keys.has(j.key)) throw new ReportError(messages.duplicateInSet(j.key), 'usage');
    keys.add(j.key);
  }
  return { jobs, description: set.description, warnings: set.warnings };
}

/** The id of a region config, read without validating (validation happens when it renders). */
function configId(path: string): string {
  try {
    if (statSync(path).size > MAX_CONFIG_BYTES) throw new Error('too large to be a config');
    const id = (parse(readFileSync(path, 'utf8')) as { id?: unknown })?.id;
    if (typeof id === 'string' && /^[a-z0-9][a-z0-9-]*$/.test(id)) return id;
  } catch {
    // fall back to the file name
  }
  return shown(basename(path).replace(/\.ya?ml$/i, ''));
}

async function mergeCommand(args: { manifests: string[]; output: string; quiet: boolean }, io: Io): Promise<number> {
  const out = resolve(args.output);
  await mkdir(dirname(out), { recursive: true });
  // The merged manifest is what a send of that folder reads: not while a batch or send works there.
  await using _lock = await lockFolder(dirname(out), { command: 'contextkaart merge-manifests' });
  const merged = mergeManifests(
    args.manifests.map((m) => resolve(m)),
    (manifestPath, file) => relative(dirname(out), join(dirname(manifestPath), file)),
  );
  await writeFileAtomic(out, `${JSON.stringify(merged, null, 2)}\n`);
  const failed = merged.reports.filter((r) => r.status === 'failed').length;
  if (!args.quiet) io.stderr(`merged ${args.manifests.length} manifests: ${merged.reports.length} regions, ${failed} failed → ${displayPath(out)}\n`);
  return failed ? ExitCode.regionFailed : ExitCode.ok;
}
