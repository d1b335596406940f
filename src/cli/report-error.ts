/** How an error reaches the user: a ReportError as its message and exit code; anything else as an internal error (exit 4). */
import { ReportError, ExitCode } from '../util/errors.js';
import { escapeControlChars } from '../util/escape.js';
import type { Io } from './command.js';

export function reportError(e: unknown, io: Io, debug: boolean, argv: string[], region?: string): number {
  if (e instanceof ReportError) {
    io.stderr(`contextkaart: ${region ? `${escapeControlChars(region)}: ` : ''}${e.message}\n`);
    if (e.detail) io.stderr(`${e.detail}\n`);
    if (e.code === 'usage' && argv.length) io.stderr('Run `contextkaart --help` for usage.\n');
    if (debug && e.stack) io.stderr(`${e.stack}\n`);
    return e.exitCode;
  }
  const err = e as Error;
  io.stderr(`contextkaart: internal error: ${escapeControlChars(err?.message ?? String(e))}\n`);
  if (debug && err?.stack) io.stderr(`${err.stack}\n`);
  return ExitCode.regionFailed;
}
