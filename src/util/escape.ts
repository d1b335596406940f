/**
 * Input quoted in a message is shown with its control characters escaped, so a
 * value from a config, a CSV or a file name can never clear the screen, set the
 * window title or hide text on a terminal (ESC → \x1b, BEL → \x07, bidi overrides → \u202e).
 */

// C0 controls except tab and newline, DEL, C1 controls, line/paragraph separators, bidi overrides and isolates.
const unsafeInText = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// In one quoted value a tab or newline is escaped too: it could fake a line of output.
const unsafeInValue = /[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function escapeChar(c: string): string {
  const code = c.charCodeAt(0);
  if (c === '\n') return '\\n';
  if (c === '\t') return '\\t';
  if (c === '\r') return '\\r';
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** A whole message: control characters escaped, its own line breaks and tabs kept. */
export function escapeControlChars(text: string): string {
  return text.replace(unsafeInText, escapeChar);
}

/** One value from the input, in double quotes, every control character escaped. */
export function quote(value: string): string {
  return `"${value.replace(unsafeInValue, escapeChar)}"`;
}

/** One value from the input without quotes (a path, a name), every control character escaped. */
export function shown(value: string): string {
  return value.replace(unsafeInValue, escapeChar);
}
