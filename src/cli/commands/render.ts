/** `render <region..>`: one or more regions to PDF, one browser for all. */
import type { CliCommand, GlobalArgs } from '../command.js';
import type { Edition } from '../../config/schema.js';
import { ExitCode, ReportError } from '../../util/errors.js';
import { escapeControlChars } from '../../util/escape.js';
import { reportError } from '../report-error.js';
import { cliKb, cliSeconds } from '../../util/cli-number.js';
import { editionOption, jsonLine, jsonOption, numberInRange, valueRequired } from '../options.js';
import { messages } from '../../util/messages.js';

interface RenderArgs extends GlobalArgs {
  region: string[];
  output?: string;
  html: boolean;
  timeout: number;
  edition?: Edition;
  json: boolean;
}

export const renderCommand: CliCommand = ({ io, argv, setExit }) => ({
  command: 'render <region..>',
  describe: 'Render the contextkaart of one or more regions to PDF',
  builder: (y) =>
    y
      .positional('region', { type: 'string', array: true, describe: 'A region config (.yaml), a CBS gemeente code (GM0796) or a gemeente name', demandOption: true })
      .option('output', {
        alias: 'o',
        type: 'string',
        describe: 'Output PDF (one region) or folder (several regions)',
        defaultDescription: 'out/<id>.pdf',
        coerce: valueRequired('output', 'a PDF file (one region) or a folder (several regions)', 'o'),
      })
      .option('html', { type: 'boolean', default: false, describe: 'Also write the HTML beside the PDF (same name, .html)' })
      .option('timeout', { type: 'number', default: 60_000, coerce: numberInRange(argv, 'timeout', 1_000, 86_400_000, 'milliseconds'), describe: 'ms for one page to load and print' })
      .option('edition', editionOption)
      .option('json', jsonOption('NDJSON on stdout: one object per region ({id, name, pdf, pages, bytes, ms} or {region, error, exitCode})'))
      .example('$0 render GM0796 -o out/den-bosch.pdf', 'standard contextkaart of one gemeente')
      .example('$0 render GM0796 --edition volledig', 'the full edition: every figure, table and definition')
      .example('$0 render "\'s-Hertogenbosch"', 'by name; writes out/gm0796.pdf')
      .example('$0 render regions/voorbeeld-regio.yaml --html', 'a region config, with the HTML beside the PDF')
      .example('$0 render GM0363 GM0599 -o out/ --json', 'two regions, a JSON line for each on stdout'),
  handler: async (a) => setExit(await render(a as unknown as RenderArgs, io)),
});

async function render(args: RenderArgs, io: Parameters<CliCommand>[0]['io']): Promise<number> {
  // One PDF name for several regions would be made a folder of that name: refused before any data is read.
  if (args.output && args.region.length > 1 && args.output.toLowerCase().endsWith('.pdf')) throw new ReportError(messages.outputPdfForSeveral(args.output, args.region.length), 'usage');
  const { resolve, dirname } = await import('node:path');
  const { getDataset, loadRegionArgument, prepareReport, renderRegionToPdf } = await import('../../pipeline/render-region.js');
  const { BrowserSession } = await import('../../print/browser-session.js');
  const { brandColourWarning } = await import('../../contrast.js');
  const { removeStaleTempFiles } = await import('../../util/write-atomic.js');
  const { displayPath } = await import('../../config/load.js');
  const { createStageReporter, progressMode } = await import('../progress.js');
  // The stages of each render on one redrawn line, on a terminal only (not in logs, --quiet or --json).
  const mode = progressMode({ json: args.json, quiet: args.quiet });
  const log = (s: string) => {
    if (!args.quiet) io.stderr(`${escapeControlChars(s)}\n`);
  };
  const loading = createStageReporter({ mode, label: 'contextkaart', stderr: io.stderr });
  loading.stage('loading data');
  const dataset = await getDataset(args.data).finally(() => loading.done());
  await using session = new BrowserSession({ executablePath: args.browser, timeout: args.timeout });
  let failed = 0;
  const { isInterrupted } = await import('../../util/interrupt.js');
  for (const arg of args.region) {
    if (isInterrupted()) break;
    const stages = createStageReporter({ mode, label: arg, stderr: io.stderr });
    try {
      const loaded = await loadRegionArgument(arg, dataset);
      const report = await prepareReport(loaded, dataset, { edition: args.edition, onStage: stages.stage });
      const id = report.config.id;
      const pdfPath = resolve(
        args.output ? (args.region.length === 1 && args.output.toLowerCase().endsWith('.pdf') ? args.output : `${args.output.replace(/\/$/, '')}/${id}.pdf`) : `out/${id}.pdf`,
      );
      for (const w of report.warnings ?? []) io.stderr(`contextkaart: warning: ${escapeControlChars(w.message)}\n`);
      const lightBrand = brandColourWarning(loaded.displayFile, report.config.brand.primary);
      if (lightBrand) io.stderr(`contextkaart: warning: ${lightBrand}\n`);
      // A render killed earlier (SIGKILL) may have left its hidden temp file beside the PDF.
      await removeStaleTempFiles(dirname(pdfPath));
      const r = await renderRegionToPdf(report, session, { pdfPath, html: args.html }, { onStage: stages.stage });
      stages.done();
      if (args.json) jsonLine(io.stdout, { id, name: r.regionName, pdf: r.pdfPath, ...(r.htmlPath ? { html: r.htmlPath } : {}), pages: r.pages, bytes: r.bytes, ms: Math.round(r.ms) });
      log(`✓ ${r.regionName}: ${displayPath(r.pdfPath)} (${r.pages} pages, ${cliKb(r.bytes)}, ${cliSeconds(r.ms)})${r.htmlPath ? ` + ${displayPath(r.htmlPath)}` : ''}`);
    } catch (caught) {
      stages.done();
      const e = typedGemeenteAsUsage(arg, caught);
      // After Ctrl-C the next regions are not tried: the signal handler exits 130.
      const fatal = args.region.length === 1 || isInterrupted() || (e instanceof ReportError && (e.code === 'browser' || e.code === 'interrupted'));
      if (args.json) jsonLine(io.stdout, errorObject(arg, e));
      if (fatal) throw e;
      failed++;
      reportError(e, io, args.debug, [], arg);
    }
  }
  return failed ? ExitCode.regionFailed : ExitCode.ok;
}

/**
 * An unknown gemeente typed on the command line is a bad command line (exit 2, as batch gives);
 * a gemeente in a config file stays a config problem (exit 3).
 */
function typedGemeenteAsUsage(arg: string, e: unknown): unknown {
  if (e instanceof ReportError && e.code === 'unknown-region' && !/\.ya?ml$/i.test(arg)) return new ReportError(e.message, 'usage', { detail: e.detail, cause: e });
  return e;
}

/** A failed region as --json reports it. */
export function errorObject(region: string, e: unknown): { region: string; error: string; code: string; exitCode: number } {
  if (e instanceof ReportError) return { region, error: e.message, code: e.code, exitCode: e.exitCode };
  return { region, error: (e as Error)?.message ?? String(e), code: 'internal', exitCode: ExitCode.regionFailed };
}
