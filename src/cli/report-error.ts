/** How an error reaches the user: a ReportError as its message and exit code; anything else as an internal error (exit 4). */
import { ReportError, ExitCode } from '../util/errors.js';
import { escapeControlChars } from '../util/escape.js';
import type { Io } from './command.js';

export function reportError(e: unknown, io: Io, debug: boolean, argv: string[], region?: string): number {
  if (e instanceof ReportError) {
    io.stderr(`contextkaart: ${region ? `${escapeControlChars(region)}: ` : ''}${e.message}\n`);
    if (e.detail) io.stderr(`${e.detail}\n`);
    if (e.code === 'usage' && argv.length) io.stderr(`Run \`${helpCommand(argv)}\` for usage.\n`);
    if (debug && e.stack) io.stderr(`${e.stack}\n`);
    return e.exitCode;
  }
  const err = e as Error;
  io.stderr(`contextkaart: internal error: ${escapeControlChars(err?.message ?? String(e))}\n`);
  if (debug && err?.stack) io.stderr(`${err.stack}\n`);
  return ExitCode.regionFailed;
}

/** The top-level command names and the subcommands of `data`, set by main.ts when it registers them (for the help hint). */
const commandNames = { top: new Set<string>(), data: new Set<string>() };

export function setCommandNames(top: string[], data: readonly string[]): void {
  commandNames.top = new Set(top);
  commandNames.data = new Set(data);
}

/** The help of the command that was typed: `contextkaart data fetch --help`, `contextkaart render --help`, else `contextkaart --help`. */
function helpCommand(argv: string[]): string {
  const path: string[] = [];
  if (commandNames.top.has(argv[0])) path.push(argv[0]);
  if (argv[0] === 'data' && commandNames.data.has(argv[1])) path.push(argv[1]);
  return ['contextkaart', ...path, '--help'].join(' ');
}
