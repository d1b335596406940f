/** `validate <region..>`: check region configs and their data without a browser. */
import type { CliCommand, GlobalArgs } from '../command.js';
import { ExitCode } from '../../util/errors.js';
import { escapeControlChars } from '../../util/escape.js';
import { reportError } from '../report-error.js';

interface ValidateArgs extends GlobalArgs {
  region: string[];
}

export const validateCommand: CliCommand = ({ io, setExit }) => ({
  command: 'validate <region..>',
  describe: 'Check region configs and their data files without a browser',
  builder: (y) =>
    y
      .positional('region', { type: 'string', array: true, describe: 'Region config(s) (.yaml), codes or names', demandOption: true })
      .example('$0 validate regions/voorbeeld-regio.yaml', 'check a config'),
  handler: async (a) => {
    const args = a as unknown as ValidateArgs;
    const { getDataset, loadRegionArgument, prepareReport } = await import('../../pipeline/render-region.js');
    const { brandColourWarning } = await import('../../contrast.js');
    const dataset = await getDataset(args.data);
    let worst: number = ExitCode.ok;
    for (const arg of args.region) {
      try {
        const loaded = await loadRegionArgument(arg, dataset);
        const report = await prepareReport(loaded, dataset);
        const figures = report.sections.reduce((n, s) => n + s.figures.length, 0);
        for (const w of report.warnings ?? []) io.stderr(`contextkaart: warning: ${escapeControlChars(w.message)}\n`);
        const lightBrand = brandColourWarning(loaded.displayFile, report.config.brand.primary);
        if (lightBrand) io.stderr(`contextkaart: warning: ${lightBrand}\n`);
        if (!args.quiet) io.stderr(`${escapeControlChars(`✓ ${loaded.displayFile}: ${report.region.name}, ${report.sections.length} secties, ${figures} figuren, vergeleken met ${report.comparisons.map((c) => c.name).join(', ')}`)}\n`);
      } catch (e) {
        const code = reportError(e, io, args.debug, [], args.region.length > 1 ? arg : undefined);
        worst = Math.max(worst, code);
      }
    }
    setExit(worst);
  },
});
