/**
 * The command line: run(argv) returns an exit code and never exits itself.
 * Logs go to stderr; stdout is kept for --json.
 */
import { resolve } from 'node:path';
import yargs, { type Argv } from 'yargs';
import { ExitCode, ReportError } from '../errors.js';
import { indicatorList, yearLabel, indicatorYears, domainTitles } from '../data/catalogue.js';
import { BrowserSession } from '../print/browser-session.js';
import { defaultDataDir, getDataset, loadRegionArgument, prepareReport, renderRegionToPdf, toolVersion } from '../pipeline/render-region.js';
import { displayPath } from '../config/load.js';
import { formatNumber } from '../format.js';

interface GlobalArgs {
  data: string;
  browser?: string;
  debug: boolean;
  quiet: boolean;
}

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

const defaultIo: Io = { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) };

export async function run(argv: string[], io: Io = defaultIo): Promise<number> {
  let exitCode: number = ExitCode.ok;
  const log = (args: { quiet?: boolean }, s: string) => {
    if (!args.quiet) io.stderr(`${s}\n`);
  };

  const parser: Argv<GlobalArgs> = yargs(argv)
    .scriptName('contextkaart')
    .usage('$0 <command> [options]\n\nMaakt een contextkaart kansengelijkheid (PDF) voor een Nederlandse regio uit openbare cijfers.')
    .option('data', {
      type: 'string',
      describe: 'Data directory with the staged CBS/DUO/PDOK files',
      default: process.env.CONTEXTKAART_DATA ?? defaultDataDir,
      defaultDescription: '$CONTEXTKAART_DATA or ../shared/data',
      global: true,
    })
    .option('browser', { type: 'string', describe: 'Path to Chromium/Chrome (default: $PUPPETEER_EXECUTABLE_PATH or the usual install paths)', global: true })
    .option('debug', { type: 'boolean', default: false, describe: 'Print stack traces', global: true })
    .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'Print only errors', global: true })
    .command(
      'render <region..>',
      'Render the contextkaart of one or more regions to PDF',
      (y) =>
        y
          .positional('region', { type: 'string', array: true, describe: 'A region config (.yaml), a CBS gemeente code (GM0796) or a gemeente name', demandOption: true })
          .option('output', { alias: 'o', type: 'string', describe: 'Output PDF (one region) or folder (several regions)', defaultDescription: 'out/<id>.pdf' })
          .option('html', { type: 'boolean', default: false, describe: 'Also write the HTML beside the PDF (same name, .html)' })
          .option('timeout', { type: 'number', default: 60_000, describe: 'ms for one page to load and print' })
          .example('$0 render GM0796 -o out/den-bosch.pdf', 'standard contextkaart of one gemeente')
          .example('$0 render "\'s-Hertogenbosch"', 'by name; writes out/gm0796.pdf')
          .example('$0 render regions/voorbeeld-regio.yaml --html', 'a region config, with the HTML beside the PDF'),
      async (args) => {
        exitCode = await renderCommand(args as unknown as RenderArgs, io, log);
      },
    )
    .command(
      'validate <region..>',
      'Check region configs and their data files without a browser',
      (y) =>
        y
          .positional('region', { type: 'string', array: true, describe: 'Region config(s) (.yaml), codes or names', demandOption: true })
          .example('$0 validate regions/voorbeeld-regio.yaml', 'check a config'),
      async (args) => {
        exitCode = await validateCommand(args as unknown as RenderArgs, io, log);
      },
    )
    .command(
      'indicators',
      'List the indicator catalogue',
      (y) => y.option('json', { type: 'boolean', default: false, describe: 'As JSON on stdout' }),
      async (args) => {
        if (args.json) io.stdout(`${JSON.stringify(indicatorList.filter((d) => !d.internal), null, 2)}\n`);
        else {
          for (const d of indicatorList.filter((x) => !x.internal)) {
            const levels = (['gemeente', 'wijk'] as const).filter((l) => d.fields[l]).map((l) => `${l} ${indicatorYears(d, l).map((y) => yearLabel(d, y)).join(', ')}`);
            io.stdout(`${d.id.padEnd(28)} ${domainTitles[d.domain].padEnd(22)} ${d.label} (${levels.join('; ')})\n`);
          }
        }
      },
    )
    .demandCommand(1, 'Give a command: render, validate or indicators.')
    .strict()
    .version(toolVersion)
    .help()
    .alias('h', 'help')
    .wrap(Math.min(110, process.stdout.columns || 100))
    .fail((msg, err) => {
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
}

async function renderCommand(args: RenderArgs, io: Io, log: (a: { quiet?: boolean }, s: string) => void): Promise<number> {
  const dataset = await getDataset(args.data);
  await using session = new BrowserSession({ executablePath: args.browser, timeout: args.timeout });
  let failed = 0;
  for (const arg of args.region) {
    try {
      const loaded = await loadRegionArgument(arg, dataset);
      const report = await prepareReport(loaded, dataset);
      const id = report.config.id;
      const pdfPath = resolve(
        args.output ? (args.region.length === 1 && args.output.toLowerCase().endsWith('.pdf') ? args.output : `${args.output.replace(/\/$/, '')}/${id}.pdf`) : `out/${id}.pdf`,
      );
      const r = await renderRegionToPdf(report, session, { pdfPath, html: args.html });
      log(args, `✓ ${r.regionName}: ${displayPath(r.pdfPath)} (${r.pages} pagina's, ${formatNumber(r.bytes / 1024)} kB, ${formatNumber(r.ms / 1000, 1)} s)${r.htmlPath ? ` + ${displayPath(r.htmlPath)}` : ''}`);
    } catch (e) {
      if (args.region.length === 1 || (e instanceof ReportError && e.code === 'browser')) throw e;
      failed++;
      reportError(e, io, args.debug, [], arg);
    }
  }
  return failed ? ExitCode.regionFailed : ExitCode.ok;
}

async function validateCommand(args: RenderArgs, io: Io, log: (a: { quiet?: boolean }, s: string) => void): Promise<number> {
  const dataset = await getDataset(args.data);
  let worst: number = ExitCode.ok;
  for (const arg of args.region) {
    try {
      const loaded = await loadRegionArgument(arg, dataset);
      const report = await prepareReport(loaded, dataset);
      const figures = report.sections.reduce((n, s) => n + s.figures.length, 0);
      log(args, `✓ ${loaded.displayFile}: ${report.region.name}, ${report.sections.length} secties, ${figures} figuren, vergeleken met ${report.comparisons.map((c) => c.name).join(', ')}`);
    } catch (e) {
      const code = reportError(e, io, args.debug, [], args.region.length > 1 ? arg : undefined);
      worst = Math.max(worst, code);
    }
  }
  return worst;
}

function reportError(e: unknown, io: Io, debug: boolean, argv: string[], region?: string): number {
  if (e instanceof ReportError) {
    io.stderr(`contextkaart: ${region ? `${region}: ` : ''}${e.message}\n`);
    if (e.detail) io.stderr(`${e.detail}\n`);
    if (e.code === 'usage' && argv.length) io.stderr('Run `contextkaart --help` for usage.\n');
    if (debug && e.stack) io.stderr(`${e.stack}\n`);
    return e.exitCode;
  }
  const err = e as Error;
  io.stderr(`contextkaart: internal error: ${err?.message ?? String(e)}\n`);
  if (debug && err?.stack) io.stderr(`${err.stack}\n`);
  return ExitCode.regionFailed;
}
