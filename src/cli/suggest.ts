/** "did you mean --output?" for an option the command does not know (yargs suggests commands itself). */
import { editDistance } from '../util/edit-distance.js';
import { messages } from '../util/messages.js';

/**
 * The options of the failing command's context. yargs hands .fail() its usage instance, whose
 * descriptions are keyed by every option registered there (with or without a description).
 */
function knownOptions(usage: unknown): string[] {
  const descriptions = (usage as { getDescriptions?: () => Record<string, unknown> })?.getDescriptions?.();
  return descriptions ? Object.keys(descriptions) : [];
}

/** The closest known option to `typed` (without dashes), if it is close enough to be a typo. */
export function nearestOption(typed: string, known: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    if (k.length === 1) continue;
    const d = editDistance(typed.toLowerCase(), k.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best !== undefined && bestDistance <= Math.max(1, Math.min(3, Math.floor(typed.length / 3))) ? best : undefined;
}

/**
 * yargs' "Unknown argument(s): outptu" as one line per option typed: "unknown option --outptu; did
 * you mean --output?" when a known option is near; a stray word as "unexpected argument". Undefined
 * for other messages.
 */
export function unknownOptionMessage(msg: string | null | undefined, argv: string[], usage: unknown): string | undefined {
  const m = /^Unknown arguments?: (.+)$/.exec(msg ?? '');
  if (!m) return undefined;
  const names = m[1].split(', ');
  const known = knownOptions(usage);
  const lines: string[] = [];
  for (const name of names) {
    // yargs names an unknown --max-page twice, also as maxPage.
    if (/[A-Z]/.test(name) && names.includes(name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`))) continue;
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const typed = argv.find((a) => new RegExp(`^--?(no-)?${escaped}(=|$)`).test(a));
    if (!typed) {
      lines.push(messages.unexpectedArgument(name));
      continue;
    }
    const option = `${name.length === 1 ? '-' : '--'}${name}`;
    const near = nearestOption(name, known);
    lines.push(near ? messages.unknownOptionSuggestion(option, `--${near}`) : `unknown option ${option}`);
  }
  return lines.join('\n');
}

/** yargs' "Did you mean render?" (from .recommendCommands()) with the word typed: 'unknown command "rendr"; did you mean render?'. */
export function unknownCommandMessage(msg: string | null | undefined, argv: string[]): string | undefined {
  const m = /^Did you mean (.+)\?$/.exec(msg ?? '');
  if (!m) return undefined;
  const words = argv.filter((a) => !a.startsWith('-'));
  const typed = words.sort((a, b) => editDistance(a, m[1]) - editDistance(b, m[1]))[0];
  return typed ? messages.unknownCommandSuggestion(typed, m[1]) : undefined;
}

/** The options typed on the command line (without dashes and any "=value"), in order. */
function typedOptions(argv: string[]): string[] {
  const out: string[] = [];
  for (const a of argv) {
    if (a === '--') break;
    const m = /^--?(?:no-)?([^=\s-][^=\s]*)/.exec(a);
    // Long options only: yargs' descriptions do not list the one-letter aliases.
    if (m && a.startsWith('--') && m[1].length > 1) out.push(m[1]);
  }
  return out;
}

const camel = (s: string) => s.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** Typed options the failing command's context does not know, each with the known option nearest to it (if any). */
function strayOptions(argv: string[], usage: unknown): { typed: string; near?: string }[] {
  const known = knownOptions(usage);
  if (!known.length) return [];
  const knownSet = new Set(known.flatMap((k) => [k, camel(k)]));
  return [...new Set(typedOptions(argv))].filter((t) => !knownSet.has(t)).map((t) => ({ typed: t, near: nearestOption(t, known) }));
}

/** "A region config" → "a region config" in mid-sentence; "CSV: …" stays. */
const lowerFirst = (s: string) => (/^[A-Z](?![A-Z])/.test(s) ? `${s[0].toLowerCase()}${s.slice(1)}` : s);

const dashed = (name: string) => `${name.length === 1 ? '-' : '--'}${name}`;

/**
 * yargs' "Missing required argument: gemeenten" with what the option takes, and, when an unknown
 * option near it was typed (--gemeente), that one: "missing --gemeenten (you typed --gemeente; did
 * you mean --gemeenten?): …". Other unknown options typed are named too.
 */
export function missingOptionMessage(msg: string | null | undefined, argv: string[], usage: unknown): string | undefined {
  const m = /^Missing required arguments?: (.+)$/.exec(msg ?? '');
  if (!m) return undefined;
  const descriptions = (usage as { getDescriptions?: () => Record<string, string | undefined> })?.getDescriptions?.() ?? {};
  const strays = strayOptions(argv, usage);
  const lines = m[1].split(', ').map((name) => {
    const stray = strays.find((s) => s.near === name);
    if (stray) strays.splice(strays.indexOf(stray), 1);
    const what = (descriptions[name] ?? '').replace(/\.$/, '');
    return messages.missingOption(`--${name}`, what ? lowerFirst(what) : 'give it a value', stray && dashed(stray.typed));
  });
  for (const s of strays) lines.push(s.near ? messages.unknownOptionSuggestion(dashed(s.typed), `--${s.near}`) : `unknown option ${dashed(s.typed)}`);
  return lines.join('\n');
}

/** An unknown option near a known one, typed where yargs first complains of something else (`contextkaart --versoin`: no command). */
export function strayOptionLines(argv: string[], usage: unknown): string[] {
  return strayOptions(argv, usage).map((s) => (s.near ? messages.unknownOptionSuggestion(dashed(s.typed), `--${s.near}`) : `unknown option ${dashed(s.typed)}`));
}

/**
 * yargs' "Invalid values: Argument: edition, Given: "volldig", Choices: "kort", "volledig"" as
 * "unknown value "volldig" for --edition; choose kort or volledig (did you mean volledig?)".
 */
export function invalidChoiceMessage(msg: string | null | undefined): string | undefined {
  if (!/^Invalid values?:/.test(msg ?? '')) return undefined;
  const lines: string[] = [];
  for (const m of (msg ?? '').matchAll(/Argument: (\S+), Given: (.+?), Choices: (.+)$/gm)) {
    const parseValue = (s: string) => {
      try {
        return String(JSON.parse(s));
      } catch {
        return s;
      }
    };
    const given = parseValue(m[2].trim());
    const choices = m[3].split(/, (?=")/).map((c) => parseValue(c.trim()));
    const ranked = choices.map((c) => ({ c, d: editDistance(given.toLowerCase(), c.toLowerCase()) })).sort((a, b) => a.d - b.d);
    const near = ranked[0] && ranked[0].d <= Math.max(1, Math.min(3, Math.floor(given.length / 3))) ? ranked[0].c : undefined;
    lines.push(messages.unknownChoice(`--${m[1]}`, given, choices, near));
  }
  return lines.length ? lines.join('\n') : undefined;
}

/**
 * yargs' "Not enough non-option arguments: got 0, need at least 1" as what is missing:
 * "render needs a region: a region config (.yaml), …". `positionals` maps each command to the name
 * of its positional (from the registered command strings); its description is the one registered.
 */
export function missingPositionalMessage(msg: string | null | undefined, argv: string[], usage: unknown, positionals: ReadonlyMap<string, string>): string | undefined {
  if (!/^Not enough non-option arguments/.test(msg ?? '')) return undefined;
  const command = argv.find((a) => !a.startsWith('-'));
  const name = command === undefined ? undefined : positionals.get(command);
  if (!name || command === undefined) return undefined;
  const describe = ((usage as { getDescriptions?: () => Record<string, string | undefined> })?.getDescriptions?.() ?? {})[name] ?? '';
  const what = describe.replace(/\.$/, '');
  const shownName = name.endsWith('s') ? name : `${/^[aeiou]/i.test(name) ? 'an' : 'a'} ${name}`;
  const example = name === 'region' || name === 'gemeente' ? 'GM0796' : undefined;
  return messages.missingPositional(command, shownName, what ? lowerFirst(what) : shownName, example);
}
