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
