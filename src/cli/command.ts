/**
 * What every command module gets: the output streams and a way to set the exit code.
 * A command module exports a function (ctx) => yargs CommandModule; main.ts registers it.
 * Heavy modules (data, charts, browser) are imported inside the handler, so `--help`
 * and config-only commands start fast.
 */
import type { CommandModule } from 'yargs';

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

export interface GlobalArgs {
  data: string;
  browser?: string;
  debug: boolean;
  quiet: boolean;
}

export interface CliContext {
  io: Io;
  /** The raw arguments, for messages that quote what was typed. */
  argv: string[];
  setExit: (code: number) => void;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type CliCommand = (ctx: CliContext) => CommandModule<any, any>;
