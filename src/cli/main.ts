/**
 * The command line: run(argv) returns an exit code and never exits itself.
 * Only the parser, the global options, the commands' registration and error reporting live here;
 * each command is a module in ./commands/ that imports its heavy modules inside its handler.
 * Logs go to stderr; stdout is kept for --json.
 */
import yargs, { type Argv } from 'yargs';
import { basename, resolve } from 'node:path';
import { ReportError, ExitCode } from '../util/errors.js';
import { messages } from '../util/messages.js';
import { defaultDataDir, toolVersion } from '../paths.js';
import { ALLOW_OUTSIDE_FILES_ENV, setOutsideFilesAllowed } from '../config/files.js';
import type { CliCommand, CliContext, GlobalArgs, Io } from './command.js';
import { reportError, setCommandNames } from './report-error.js';
import { invalidChoiceMessage, missingOptionMessage, missingPositionalMessage, strayOptionLines, unknownCommandMessage, unknownOptionMessage } from './suggest.js';
import { valueRequired } from './options.js';
import { renderCommand } from './commands/render.js';
import { batchCommand } from './commands/batch.js';
import { mergeManifestsCommand } from './commands/merge-manifests.js';
import { sendCommand } from './commands/send.js';
import { previewCommand } from './commands/preview.js';
import { DATA_SUBCOMMANDS, dataCommand } from './commands/data.js';
import { configCommands } from './commands/config-commands.js';
export type { Io } from './command.js';
export { defaultConcurrency } from './commands/batch.js';

/** The commands in the order --help lists them; configCommands (validate, lists, …) come from their own module. */
const commands: CliCommand[] = [renderCommand, batchCommand, mergeManifestsCommand, sendCommand, previewCommand, ...configCommands, dataCommand];

/** The command that prints the shell completion script (yargs' own; named here so the command list includes it). */
const COMPLETION_COMMAND = 'completion';

/** String options with a default (yargs would take the default for `--data` typed last), and what they need. */
const OPTIONS_WITH_DEFAULT: [string, string][] = [
  ['--data', 'a data directory (staged, or fetched with `contextkaart data fetch`)'],
  ['--client', 'the client organisation printed on the cover'],
];

const defaultIo: Io = { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) };

/**
 * yargs' completion script asks `contextkaart --get-yargs-completions`, which is not on the PATH
 * of someone running a clone with npx: the script calls the file it was generated from instead
 * (bin/contextkaart.js, or the installed link), when that file is a contextkaart bin.
 */
export function completionScript(script: string, binPath: string | undefined): string {
  if (!binPath || !/^contextkaart(\.js)?$/.test(basename(binPath))) return script;
  const quoted = `'${resolve(binPath).replace(/'/g, `'\\''`)}'`;
  return script.replace(/\bcontextkaart --get-yargs-completions/g, `node ${quoted} --get-yargs-completions`);
}

export async function run(argv: string[], io: Io = defaultIo): Promise<number> {
  let exitCode: number = ExitCode.ok;
  const ctx: CliContext = { io, argv, setExit: (code) => (exitCode = code) };
  const modules = commands.map((c) => c(ctx));
  const commandNames = [...modules.map((m) => String(m.command).split(' ')[0]), COMPLETION_COMMAND];
  setCommandNames(commandNames, DATA_SUBCOMMANDS);
  // Each command's first positional ("render <region..>" → region), for "render needs a region: …".
  const positionals = new Map(modules.flatMap((m) => {
    const [name, ...rest] = String(m.command).split(' ');
    const p = /^<([^.>]+)(\.\.)?>$/.exec(rest.find((r) => r.startsWith('<')) ?? '');
    return p ? [[name, p[1]] as const] : [];
  }));
  const parser: Argv<GlobalArgs> = yargs(argv)
    .scriptName('contextkaart')
    .usage('$0 <command> [options]\n\nMakes a contextkaart kansengelijkheid (a PDF report of public figures) for a Dutch region.')
    .option('data', {
      type: 'string',
      describe: 'Data directory with the CBS/DUO/PDOK files (staged, or fetched with `data fetch`)',
      default: process.env.CONTEXTKAART_DATA || defaultDataDir,
      coerce: valueRequired('data', 'a data directory (staged, or fetched with `contextkaart data fetch`)'),
      defaultDescription: '$CONTEXTKAART_DATA, else ../shared/data beside a clone when it is there, else ~/.cache/contextkaart/data',
      global: true,
    })
    .option('browser', {
      type: 'string',
      describe: 'Path to Chromium/Chrome (default: $PUPPETEER_EXECUTABLE_PATH or the usual install paths)',
      coerce: valueRequired('browser', 'the path of a Chromium or Chrome executable'),
      global: true,
    })
    .option('debug', { type: 'boolean', default: false, describe: 'Print stack traces', global: true })
    .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'Print only errors', global: true })
    .option('allow-outside-files', {
      type: 'boolean',
      default: false,
      describe: `Let region configs read files outside their own folder (absolute paths, .., symlinks out); also ${ALLOW_OUTSIDE_FILES_ENV}=1`,
      global: true,
    })
    .middleware((a) => setOutsideFilesAllowed(a.allowOutsideFiles === true))
    .command(modules)
    .completion(COMPLETION_COMMAND, 'Print a bash/zsh completion script (add `source <(contextkaart completion)` to ~/.bashrc)')
    .demandCommand(1, `give a command: ${commandNames.join(', ')}.`)
    .strict()
    .recommendCommands()
    .version(toolVersion)
    .help()
    .alias('h', 'help')
    .wrap(Math.min(110, process.stdout.columns || 100))
    .fail((msg, err, y) => {
      // An option value refused by its coerce (e.g. --retries -1): yargs wraps the message in a YError; a usage error (exit 2).
      if (err?.name === 'YError' && msg) throw new ReportError(msg, 'usage');
      if (err) throw err;
      const explained =
        unknownOptionMessage(msg, argv, y) ??
        unknownCommandMessage(msg, argv) ??
        missingOptionMessage(msg, argv, y) ??
        invalidChoiceMessage(msg) ??
        missingPositionalMessage(msg, argv, y, positionals);
      if (explained) throw new ReportError(explained, 'usage');
      // Another complaint (no command given, …) while an option was mistyped: the typo first, it is the likelier cause.
      const strays = strayOptionLines(argv, y);
      throw new ReportError(strays.length ? [...strays, msg].join('\n') : msg, 'usage');
    })
    .exitProcess(false);

  try {
    // yargs gives a string option with a default its default when typed without a value: refused instead.
    for (const [flag, what] of OPTIONS_WITH_DEFAULT) {
      const i = argv.indexOf(flag);
      if (i >= 0 && (i + 1 === argv.length || argv[i + 1].startsWith('-'))) throw new ReportError(messages.optionNeedsValue(flag, what), 'usage');
    }
    let help = '';
    await parser.parseAsync(argv, {}, (_err, _argv, output) => {
      help = output;
    });
    if (help) io.stdout(`${argv[0] === COMPLETION_COMMAND ? completionScript(help, process.argv[1]) : help}\n`);
  } catch (e) {
    return reportError(e, io, argv.includes('--debug'), argv);
  }
  return exitCode;
}
