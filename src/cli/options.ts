/** Options several command modules share. Free of heavy imports (schema.ts pulls in zod): every builder reads it. */
import type { Argv } from 'yargs';
import type { Edition } from '../config/schema.js';
import { ReportError } from '../util/errors.js';
import { messages } from '../util/messages.js';

/** The editions of src/config/schema.ts; the type check below fails if the two lists part. */
const editionChoices = ['kort', 'volledig'] as const satisfies readonly Edition[];
const everyEdition: Exclude<Edition, (typeof editionChoices)[number]> extends never ? true : never = true;
void everyEdition;

/** --edition on render, batch and preview. */
export const editionOption = {
  choices: editionChoices,
  describe: 'kort: the short edition a meeting reads; volledig: every figure, table and definition',
  defaultDescription: "the config's edition, else kort",
} as const;

/** --json on commands that report: results on stdout, logs stay on stderr. */
export const jsonOption = (describe: string) => ({ type: 'boolean', default: false, describe }) as const;

/** One JSON object per line on stdout (NDJSON). */
export const jsonLine = (stdout: (s: string) => void, value: unknown): void => stdout(`${JSON.stringify(value)}\n`);

/** The value of --name as typed (yargs has made a number of it, NaN for "abc"). */
export function typedValue(argv: string[], name: string, parsed: unknown, alias?: string): string {
  const flags = [`--${name}`, ...(alias ? [alias.length === 1 ? `-${alias}` : `--${alias}`] : [])];
  for (let i = argv.length - 1; i >= 0; i--) {
    for (const flag of flags) {
      if (argv[i] === flag && i + 1 < argv.length) return argv[i + 1];
      if (argv[i].startsWith(`${flag}=`)) return argv[i].slice(flag.length + 1);
    }
  }
  return String(parsed);
}

const shownBound = (n: number) => n.toLocaleString('en-GB');

/**
 * A yargs coerce for a numeric option: a whole number (or, with `whole: false`, any number) from
 * `min` to `max`, else a usage error (exit 2) naming the option and the value as typed. yargs runs
 * it while parsing, so a bad value stops before any data is read.
 */
export const numberInRange =
  (argv: string[], name: string, min: number, max: number, unit: string, o: { whole?: boolean; alias?: string; expected?: string } = {}) =>
  (v: unknown): number => {
    const whole = o.whole ?? true;
    const n = typeof v === 'number' ? v : Number(String(v).trim() || NaN);
    if (Array.isArray(v) || !Number.isFinite(n) || (whole && !Number.isInteger(n)) || n < min || n > max) {
      const shownValue = Array.isArray(v) ? v.map((x) => typedValue(argv, name, x, o.alias)).join(' ') : typedValue(argv, name, v, o.alias);
      throw new ReportError(messages.fetchBadOption(`--${name}`, shownValue, o.expected ?? `${whole ? 'a whole number' : 'a number'} of ${unit} from ${shownBound(min)} to ${shownBound(max)}`), 'usage');
    }
    return n;
  };

/**
 * A yargs coerce for a string option that needs a value: `-o` typed last (or `-o ""`) is a usage
 * error naming the option, not silently the default.
 */
export const valueRequired =
  (name: string, what: string, alias?: string) =>
  (v: string): string => {
    if (v === '') throw new ReportError(messages.optionNeedsValue(`${alias ? `-${alias}/` : ''}--${name}`, what), 'usage');
    return v;
  };

/**
 * Global options a command has no use for, hidden from its --help (still accepted, as globals).
 * --browser only matters where a page is printed; --allow-outside-files where a region config is read.
 */
export function hideGlobals<T>(y: Argv<T>, names: readonly ('browser' | 'allow-outside-files')[]): Argv<T> {
  return names.reduce((acc, n) => acc.hide(n), y);
}
