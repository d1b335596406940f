/** `preview <region>`: the report live in a browser, re-rendered when a file it reads is saved. */
import type { CliCommand, GlobalArgs, Io } from '../command.js';
import type { Edition } from '../../config/schema.js';
import { ExitCode } from '../../util/errors.js';
import { escapeControlChars } from '../../util/escape.js';
import { messages } from '../../util/messages.js';
import { editionOption, numberInRange } from '../options.js';
import { OPENER_ENV } from '../open-url.js';

interface PreviewArgs extends GlobalArgs {
  region: string;
  port: number;
  edition?: Edition;
  open: boolean;
}

export const previewCommand: CliCommand = ({ io, argv, setExit }) => ({
  command: 'preview <region>',
  describe: 'Show the report live in a browser; it re-renders when you save the config, a text, extra data or a template',
  builder: (y) =>
    y
      .positional('region', { type: 'string', demandOption: true, describe: 'A region config (.yaml), a CBS gemeente code or a gemeente name' })
      .option('port', { type: 'number', default: 4321, coerce: numberInRange(argv, 'port', 0, 65_535, 'port', { expected: 'a port number from 0 to 65,535 (0: any free port)' }), describe: 'Port on 127.0.0.1 (0: any free port)' })
      .option('open', { type: 'boolean', default: false, describe: `Open the address in the default browser (xdg-open, open or start; $${OPENER_ENV} to use another command)` })
      .option('edition', editionOption)
      .example('$0 preview regions/voorbeeld-regio.yaml --open', 'serve http://127.0.0.1:4321/ and open it')
      .example('$0 preview GM0363 --port 5000', 'another port'),
  handler: async (a) => setExit(await preview(a as unknown as PreviewArgs, io)),
});

async function preview(args: PreviewArgs, io: Io): Promise<number> {
  const { getDataset } = await import('../../pipeline/render-region.js');
  const { startPreview } = await import('../../preview/server.js');
  const { onInterrupt } = await import('../../util/interrupt.js');
  const { openUrl } = await import('../open-url.js');
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
  if (args.open) {
    const opened = await openUrl(server.url);
    if (!opened.ok) io.stderr(`contextkaart: warning: ${messages.openFailed(opened.command, opened.reason)}\n`);
  }
  await new Promise(() => undefined);
  return ExitCode.ok;
}
