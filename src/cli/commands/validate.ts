/**
 * `validate <region..>`: first the configs alone (schema, names, codes, files, colours, logo; every
 * problem at once, from the light lists of the data directory), and only when they are clean the
 * dataset and the data checks. Config problems stop before the dataset is read (exit 3).
 */
import type { CliCommand, GlobalArgs, Io } from '../command.js';
import { ExitCode, ReportError } from '../../util/errors.js';
import { escapeControlChars } from '../../util/escape.js';
import { reportError } from '../report-error.js';
import { hideGlobals } from '../options.js';

interface ValidateArgs extends GlobalArgs {
  region: string[];
  configOnly: boolean;
  json: boolean;
}

interface Problem {
  file?: string;
  line?: number;
  field?: string;
  message: string;
}

interface RegionResult {
  region: string;
  file?: string;
  ok: boolean;
  problems: Problem[];
  warnings: string[];
  report?: { name: string; sections: number; figures: number; comparisons: string[] };
  /** Names and codes not checked for want of the light lists: said when validate stops before the data (which would say it). */
  namesUnchecked?: string;
  /** Warnings of the extra-data files: said when validate stops before the data (which would say them). */
  dataWarnings?: string[];
}

export const validateCommand: CliCommand = ({ io, setExit }) => ({
  command: 'validate <region..>',
  describe: 'Check region configs: every config problem at once (before any data is read), then the data',
  builder: (y) =>
    hideGlobals(y, ['browser'])
      .positional('region', { type: 'string', array: true, describe: 'Region config(s) (.yaml), codes or names', demandOption: true })
      .option('config-only', { type: 'boolean', default: false, describe: 'Check the configs only (names and codes too), not the data: no dataset is loaded' })
      .option('json', { type: 'boolean', default: false, describe: 'The result as JSON on stdout: per region its problems (file, line, field, message) and warnings' })
      .example('$0 validate regions/voorbeeld-regio.yaml', 'check a config, then its data')
      .example('$0 validate regio.yaml --config-only', 'only the config: answers in about a second'),
  handler: async (a) => {
    const args = a as unknown as ValidateArgs;
    setExit(await validate(args, io));
  },
});

async function validate(args: ValidateArgs, io: Io): Promise<number> {
  const { checkRegionConfigFile, referenceData } = await import('../../pipeline/config-check.js');
  const { resolve } = await import('node:path');
  const ref = referenceData(args.data);
  const results: RegionResult[] = [];

  // 1. The configs, before any data.
  for (const arg of args.region) {
    if (/\.ya?ml$/i.test(arg)) {
      const check = await checkRegionConfigFile(resolve(arg), ref);
      results.push({ region: arg, file: check.displayFile, ok: check.problems.length === 0, problems: check.problems, warnings: check.warnings, namesUnchecked: check.namesUnchecked, dataWarnings: check.dataWarnings });
    } else {
      results.push(await checkRegionName(arg, ref));
    }
  }
  const text = !args.json;
  const warn = (w: string) => text && io.stderr(`contextkaart: warning: ${escapeControlChars(w)}\n`);
  const { messages } = await import('../../util/messages.js');
  const stopsHere = args.configOnly || results.some((r) => !r.ok);
  for (const r of results) {
    if (r.namesUnchecked && stopsHere) r.warnings.push(r.namesUnchecked);
    if (r.dataWarnings && stopsHere) r.warnings.push(...r.dataWarnings);
    for (const w of r.warnings) warn(w);
    if (r.ok || !text) continue;
    if (r.file) {
      io.stderr(`contextkaart: ${messages.configProblems(r.file, r.problems.length)}\n`);
      for (const p of r.problems) io.stderr(`  ${escapeControlChars(p.message)}\n`);
    } else for (const p of r.problems) io.stderr(`contextkaart: ${escapeControlChars(p.message)}\n`);
  }
  // A gemeente typed on the command line that does not exist is a bad command line (exit 2, as in render
  // and batch); a config file's problems stay exit 3, and win when both occur (the config needs fixing too).
  if (results.some((r) => !r.ok)) return finish(args, io, results, false, results.some((r) => !r.ok && r.file) ? ExitCode.invalidInput : ExitCode.usage);
  if (args.configOnly) {
    if (text && !args.quiet) for (const r of results) io.stderr(`${escapeControlChars(`✓ ${r.file ?? r.region}: config ok (data not checked: --config-only)`)}\n`);
    return finish(args, io, results, false, ExitCode.ok);
  }

  // 2. The data: load the dataset once, then each region as a render prepares it.
  const { getDataset, loadRegionArgument, prepareReport } = await import('../../pipeline/render-region.js');
  let worst: number = ExitCode.ok;
  let dataset;
  try {
    dataset = await getDataset(args.data);
  } catch (e) {
    if (!args.json) throw e;
    const failed = e instanceof ReportError ? e : undefined;
    for (const r of results) Object.assign(r, { ok: false, problems: [{ message: failed?.message ?? String(e) }] });
    return finish(args, io, results, true, failed?.exitCode ?? ExitCode.regionFailed);
  }
  for (const r of results) {
    try {
      const loaded = await loadRegionArgument(r.region, dataset);
      const report = await prepareReport(loaded, dataset);
      const figures = report.sections.reduce((n, s) => n + s.figures.length, 0);
      r.report = { name: report.region.name, sections: report.sections.length, figures, comparisons: report.comparisons.map((c) => c.name) };
      for (const w of report.warnings ?? []) {
        r.warnings.push(w.message);
        warn(w.message);
      }
      if (text && !args.quiet) {
        io.stderr(`${escapeControlChars(`✓ ${loaded.displayFile}: ${report.region.name}, ${report.sections.length} sections, ${figures} figures, compared with ${r.report.comparisons.join(', ')}`)}\n`);
      }
    } catch (e) {
      r.ok = false;
      if (e instanceof ReportError) r.problems.push({ message: e.message });
      else r.problems.push({ message: `internal error: ${(e as Error)?.message ?? String(e)}` });
      const code = args.json ? (e instanceof ReportError ? e.exitCode : ExitCode.regionFailed) : reportError(e, io, args.debug, [], args.region.length > 1 ? r.region : undefined);
      worst = Math.max(worst, code);
    }
  }
  return finish(args, io, results, true, worst);
}

/** A gemeente code or name (the standard contextkaart): checked against the gemeente list. */
async function checkRegionName(arg: string, ref: import('../../pipeline/config-check.js').ReferenceData): Promise<RegionResult> {
  const { gemeenteNotFound, lookupGemeente } = await import('../../data/gemeente-names.js');
  const { messages } = await import('../../util/messages.js');
  try {
    const { gemeenten } = await ref.gemeenten();
    if (lookupGemeente(gemeenten, arg)) return { region: arg, ok: true, problems: [], warnings: [] };
    return { region: arg, ok: false, problems: [{ message: escapeControlChars(gemeenteNotFound(gemeenten, arg)) }], warnings: [] };
  } catch (e) {
    if (!(e instanceof ReportError)) throw e;
    // The data stage says what is wrong with the data directory.
    return { region: arg, ok: true, problems: [], warnings: [] };
  }
}

function finish(args: ValidateArgs, io: Io, results: RegionResult[], dataChecked: boolean, code: number): number {
  if (args.json) io.stdout(`${JSON.stringify({ ok: code === ExitCode.ok, dataChecked, regions: results }, null, 2)}\n`);
  return code;
}
