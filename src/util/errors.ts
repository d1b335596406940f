/** Error codes and the exit code each maps to (see README "Exit codes"). */
import { escapeControlChars } from './escape.js';

export const ExitCode = {
  ok: 0,
  regionFailed: 1,
  usage: 2,
  invalidInput: 3,
  browser: 4,
  /** data fetch: some tables did not arrive; the others were switched in, the failed ones keep their previous version or are absent. */
  partial: 5,
  /** data fetch: no connection to any publisher (offline, or a proxy is needed): nothing was fetched. */
  offline: 6,
  /** The folder is in use by another run (EX_TEMPFAIL, as BSD lockf(1) exits on a held lock): try again later. */
  locked: 75,
  interrupted: 130,
} as const;

export type ErrorCode =
  | 'usage'
  | 'config'
  | 'data'
  | 'unknown-region'
  | 'browser'
  | 'render'
  | 'locked'
  | 'offline'
  | 'interrupted';

const exitCodeByErrorCode: Record<ErrorCode, number> = {
  usage: ExitCode.usage,
  config: ExitCode.invalidInput,
  data: ExitCode.invalidInput,
  'unknown-region': ExitCode.invalidInput,
  browser: ExitCode.browser,
  render: ExitCode.regionFailed,
  locked: ExitCode.locked,
  offline: ExitCode.offline,
  interrupted: ExitCode.interrupted,
};

/** The one error type the library throws; only the CLI turns it into an exit code. */
export class ReportError extends Error {
  readonly code: ErrorCode;
  readonly exitCode: number;
  /** Code frame or stderr of a failed stage, printed under the message. */
  readonly detail?: string;

  constructor(message: string, code: ErrorCode, options: { detail?: string; cause?: unknown } = {}) {
    // Messages quote input: no control character reaches a terminal, a log or the preview page.
    super(escapeControlChars(message), { cause: options.cause });
    this.name = 'ReportError';
    this.code = code;
    this.exitCode = exitCodeByErrorCode[code];
    this.detail = options.detail === undefined ? undefined : escapeControlChars(options.detail);
  }
}

export function fail(message: string, code: ErrorCode, options?: { detail?: string; cause?: unknown }): never {
  throw new ReportError(message, code, options);
}
