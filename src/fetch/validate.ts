/**
 * What a table must hold to be taken: columns, codes, years. The same checks run on a
 * freshly fetched table (before the switch) and in `data check` on any data directory.
 */
import { parseCsvRecords } from '../util/csv.js';

import type { FileCheck } from '../data/sources/types.js';

/** How a file is checked: declared by its source module (src/data/sources/types.ts). */
export type { FileCheck };

const NL_LON: [number, number] = [3.0, 7.6];
const NL_LAT: [number, number] = [50.6, 53.8];

/** Problems found, empty when the text passes. Each problem says what is wrong in plain words. */
export function checkText(check: FileCheck, text: string): string[] {
  switch (check.kind) {
    case 'csv':
      return checkCsv(check, text);
    case 'kwb-json':
      return checkKwbJson(check, text);
    case 'geojson':
      return checkGeojson(check, text);
    case 'rows': {
      const problems = check.problems(text);
      return problems.length > 10 ? [...problems.slice(0, 10), `… and ${problems.length - 10} more`] : problems;
    }
  }
}

function checkCsv(check: Extract<FileCheck, { kind: 'csv' }>, text: string): string[] {
  const { header, records } = parseCsvRecords(text, check.sep);
  const problems: string[] = [];
  const missing = check.columns.filter((c) => !header.includes(c));
  if (missing.length) problems.push(`column${missing.length > 1 ? 's' : ''} ${missing.map((c) => `"${c}"`).join(', ')} missing (header has ${header.slice(0, 8).map((h) => `"${h}"`).join(', ')}${header.length > 8 ? ', …' : ''})`);
  if (!records.length) problems.push('no data rows');
  if (check.codes && header.includes(check.codes.column)) {
    const good = new Set<string>();
    let bad = '';
    for (const { values } of records) {
      const v = values[check.codes.column] ?? '';
      if (check.codes.pattern.test(v)) good.add(v);
      else if (!bad && v !== '') bad = v;
    }
    if (good.size < check.codes.min) problems.push(`only ${good.size} codes in "${check.codes.column}" match ${check.codes.pattern} (at least ${check.codes.min} expected${bad ? `; e.g. "${bad}"` : ''})`);
  }
  if (check.years) {
    const y = check.years;
    for (const year of y.expect) {
      const found = y.column ? records.some((r) => (r.values[y.column!] ?? '').startsWith(String(year))) : header.some((h) => h.includes(y.headerPattern!(year)));
      if (!found) problems.push(`year ${year} not in ${y.column ? `column "${y.column}"` : 'the header'}`);
    }
  }
  return problems;
}

function parseJson(text: string): { value?: unknown; problem?: string } {
  try {
    return { value: JSON.parse(text) };
  } catch (e) {
    return { problem: `not valid JSON (${(e as Error).message})` };
  }
}

function checkKwbJson(check: Extract<FileCheck, { kind: 'kwb-json' }>, text: string): string[] {
  const { value, problem } = parseJson(text);
  if (problem) return [problem];
  if (!value || typeof value !== 'object' || Array.isArray(value)) return ['not an object keyed by region code'];
  const entries = Object.entries(value as Record<string, Record<string, unknown>>);
  const gm = entries.filter(([k]) => /^GM\d{4}$/.test(k));
  const wk = entries.filter(([k]) => /^WK\d{4}[0-9A-Z]{2}$/.test(k));
  const problems: string[] = [];
  const odd = entries.find(([k]) => !/^GM\d{4}$/.test(k) && !/^WK\d{4}[0-9A-Z]{2}$/.test(k));
  if (odd) problems.push(`region code "${odd[0]}" is not GMnnnn or WKnnnnnn (padded or trimmed wrongly?)`);
  if (gm.length < check.minGemeenten) problems.push(`${gm.length} gemeenten (at least ${check.minGemeenten} expected)`);
  if (wk.length < check.minWijken) problems.push(`${wk.length} wijken (at least ${check.minWijken} expected)`);
  const missing = check.variables.filter((v) => !gm.some(([, row]) => v in row));
  if (missing.length) problems.push(`variable${missing.length > 1 ? 's' : ''} ${missing.map((v) => `"${v}"`).join(', ')} missing`);
  return problems;
}

function checkGeojson(check: Extract<FileCheck, { kind: 'geojson' }>, text: string): string[] {
  const { value, problem } = parseJson(text);
  if (problem) return [problem];
  const fc = value as { type?: string; features?: { properties?: Record<string, unknown>; geometry?: { coordinates?: unknown } | null }[] };
  if (fc?.type !== 'FeatureCollection' || !Array.isArray(fc.features)) return ['not a GeoJSON FeatureCollection'];
  const problems: string[] = [];
  const codes = new Set<string>();
  for (const f of fc.features) {
    const c = f.properties?.[check.codeProperty];
    if (typeof c === 'string' && check.pattern.test(c)) codes.add(c);
  }
  if (codes.size < check.min) problems.push(`${codes.size} features with a "${check.codeProperty}" matching ${check.pattern} (at least ${check.min} expected)`);
  const features = fc.features;
  const missing = check.properties.filter((p) => !features.some((f) => f.properties && p in f.properties));
  if (missing.length) problems.push(`propert${missing.length > 1 ? 'ies' : 'y'} ${missing.map((p) => `"${p}"`).join(', ')} missing`);
  if (check.year) {
    const y = check.year;
    const other = fc.features.find((f) => f.properties && y.property in f.properties && Number(f.properties[y.property]) !== y.expect);
    if (other) problems.push(`"${y.property}" is ${String(other.properties![y.property])}, expected ${y.expect}`);
  }
  const first = firstPosition(fc.features.find((f) => f.geometry)?.geometry?.coordinates);
  if (first && !(first[0] >= NL_LON[0] && first[0] <= NL_LON[1] && first[1] >= NL_LAT[0] && first[1] <= NL_LAT[1])) {
    problems.push(`coordinates [${first.join(', ')}] are not longitude/latitude in the Netherlands (axis order swapped, or not EPSG:4326?)`);
  }
  return problems;
}

function firstPosition(c: unknown): [number, number] | null {
  let x = c;
  while (Array.isArray(x) && Array.isArray(x[0])) x = x[0];
  return Array.isArray(x) && typeof x[0] === 'number' ? [x[0], x[1] as number] : null;
}
