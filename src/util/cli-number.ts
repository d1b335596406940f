/**
 * Numbers in CLI lines, in one English format: "1,455 kB", "12.3 s". The report itself is Dutch
 * (src/format.ts formatNumber); the terminal speaks English.
 */
const formats = new Map<number, Intl.NumberFormat>();

export function cliNumber(value: number, decimals = 0): string {
  let f = formats.get(decimals);
  if (!f) formats.set(decimals, (f = new Intl.NumberFormat('en-GB', { minimumFractionDigits: decimals, maximumFractionDigits: decimals })));
  return f.format(value);
}

/** A size in kB: "1,455 kB". */
export const cliKb = (bytes: number): string => `${cliNumber(bytes / 1024)} kB`;

/** Seconds from milliseconds: "12.3 s". */
export const cliSeconds = (ms: number): string => `${cliNumber(ms / 1000, 1)} s`;
