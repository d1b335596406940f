/**
 * What a table must hold to be taken: its shape (columns, codes, years) and whether its values
 * are plausible (issue 21): unique keys, numbers where numbers belong and within the band the
 * source module gives per variable, wijken adding up to their gemeente, every coordinate of every
 * feature in the Netherlands, school points inside their gemeente, every row of the year asked, and
 * no cell that a spreadsheet would run as a formula. The same rules run on a freshly fetched table
 * (before the switch), in `data import` and in `data check` on any data directory.
 */
import { parseCsvRecords } from '../util/csv.js';

import type { FileCheck, NumberBand, ValueRules } from '../data/sources/types.js';

/** How a file is checked: declared by its source module (src/data/sources/types.ts). */
export type { FileCheck };

/** Another file of the directory being checked (staging first, then the data directory), or null. */
export type OtherFile = (file: string) => string | null;

const NL_LON: [number, number] = [3.0, 7.6];
const NL_LAT: [number, number] = [50.6, 53.8];
/** Problems listed per file before "… and N more". */
const SHOWN = 10;

/** Problems found, empty when the text passes. Each problem says what is wrong in plain words, with the row. */
export function checkText(check: FileCheck, text: string, other?: OtherFile): string[] {
  const problems = (() => {
    switch (check.kind) {
      case 'csv':
        return checkCsv(check, text);
      case 'kwb-json':
        return checkKwbJson(check, text);
      case 'geojson':
        return checkGeojson(check, text, other);
      case 'rows':
        return check.problems(text);
    }
  })();
  return problems.length > SHOWN ? [...problems.slice(0, SHOWN), `… and ${problems.length - SHOWN} more`] : problems;
}

/** One row of any kind of file, as the value rules see it: where it is ("line 12", "feature 3 (GM0363)") and its cells. */
interface Row {
  at: string;
  values: Record<string, unknown>;
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
    // The year asked is the year answered: every row of a year column is one of the years expected.
    if (y.column && header.includes(y.column)) {
      const last = Math.max(...y.expect);
      const asked = (v: string) => y.expect.some((year) => v.startsWith(String(year))) || (!!y.later && /^\d{4}/.test(v) && Number(v.slice(0, 4)) > last);
      const other = records.find((r) => r.values[y.column!] !== '' && !asked(r.values[y.column!]));
      if (other) problems.push(`line ${other.line}: "${y.column}" is "${other.values[y.column]}", not ${y.expect.join(' or ')}${y.later ? ` or later` : ''} (year asked ≠ year answered)`);
    }
  }
  if (problems.length) return problems;
  return valueProblems(check.values, header, records.map((r) => ({ at: `line ${r.line}`, values: r.values })));
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
  const bad = entries.find(([, row]) => !row || typeof row !== 'object' || Array.isArray(row));
  if (bad) problems.push(`region ${bad[0]}: not an object of variables`);
  if (problems.length) return problems;
  // JSON.parse keeps the last of two equal keys: count them in the text itself.
  const seen = new Map<string, number>();
  const dup: string[] = [];
  for (const m of text.matchAll(/"((?:GM|WK)[0-9A-Z]{4,6})"\s*:\s*\{/g)) {
    const n = (seen.get(m[1]) ?? 0) + 1;
    seen.set(m[1], n);
    if (n === 2) dup.push(`region ${m[1]} appears twice (the first and a later entry; JSON keeps only the last): unique keys`);
  }
  const rows = entries.map(([code, row]) => ({ at: `region ${code}`, values: { $key: code, ...row } }));
  return [...dup, ...valueProblems(check.values, ['$key', ...check.variables], rows)];
}

type Position = [number, number];
interface Feature {
  properties?: Record<string, unknown> | null;
  geometry?: { type?: string; coordinates?: unknown } | null;
}

function checkGeojson(check: Extract<FileCheck, { kind: 'geojson' }>, text: string, other?: OtherFile): string[] {
  const { value, problem } = parseJson(text);
  if (problem) return [problem];
  const fc = value as { type?: string; features?: Feature[] };
  if (fc?.type !== 'FeatureCollection' || !Array.isArray(fc.features)) return ['not a GeoJSON FeatureCollection'];
  if (fc.features.some((f) => !f || typeof f !== 'object')) return ['a feature is not an object'];
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
  const label = (f: Feature, i: number) => `feature ${i + 1}${typeof f.properties?.[check.codeProperty] === 'string' ? ` (${String(f.properties[check.codeProperty])})` : ''}`;
  if (check.year) {
    // Every feature says the year asked (a layer of another year is refused, not taken).
    const y = check.year;
    const i = fc.features.findIndex((f) => Number(f.properties?.[y.property]) !== y.expect);
    if (i >= 0) problems.push(`${label(fc.features[i], i)}: "${y.property}" is ${String(fc.features[i].properties?.[y.property] ?? '(missing)')}, expected ${y.expect} (year asked ≠ year answered)`);
  }
  // Every coordinate of every feature in the Netherlands, not only the first one.
  let outside = 0;
  let first: { at: string; p: Position } | null = null;
  for (const [i, f] of fc.features.entries()) {
    const bad = positions(f.geometry?.coordinates).find((p) => !inNl(p));
    if (bad) {
      outside++;
      first ??= { at: label(f, i), p: bad };
    }
  }
  if (first) {
    const where = fc.features.length > 1 ? `; ${outside} of ${fc.features.length} features have coordinates outside the Netherlands (the first: ${first.at})` : '';
    problems.push(`coordinates [${first.p.join(', ')}] are not longitude/latitude in the Netherlands (axis order swapped, or not EPSG:4326?)${where}`);
  }
  if (problems.length) return problems;
  const rows = fc.features.map((f, i) => ({ at: label(f, i), values: { ...(f.properties ?? {}) } }));
  const out = valueProblems(check.values, [...check.properties, check.codeProperty], rows);
  if (check.values?.points) out.push(...pointProblems(check.values.points, fc.features, label, other));
  return out;
}

const inNl = (p: Position) => p[0] >= NL_LON[0] && p[0] <= NL_LON[1] && p[1] >= NL_LAT[0] && p[1] <= NL_LAT[1];

/** Every position of a geometry's coordinates (any nesting); a position that is not two numbers counts as [NaN, NaN]. */
function positions(c: unknown, out: Position[] = []): Position[] {
  if (!Array.isArray(c)) return out;
  if (c.length >= 2 && !Array.isArray(c[0])) {
    out.push(typeof c[0] === 'number' && typeof c[1] === 'number' ? [c[0], c[1]] : [NaN, NaN]);
    return out;
  }
  for (const x of c) positions(x, out);
  return out;
}

/* ------------------------------------------------------------------ value rules */

const NUMBER = /^[-+]?(\d+([.,]\d+)?|[.,]\d+)([eE][-+]?\d+)?$/;
/** A cell a spreadsheet would run as a formula (=, +, -, @, or a tab/CR before them), unless it is a plain number. */
const FORMULA = /^[\t\r]*[=+\-@]/;

function toNumber(v: unknown): number | null | 'text' {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : 'text';
  if (typeof v !== 'string') return 'text';
  const s = v.trim();
  if (s === '') return null;
  // DUO's exam file of 2014-2019 writes shares as "83,3%" (and ",0%").
  const n = s.endsWith('%') ? s.slice(0, -1) : s;
  return NUMBER.test(n) ? Number(n.replace(',', '.')) : 'text';
}

const matches = (cols: NumberBand['columns'], c: string) => (cols instanceof RegExp ? cols.test(c) : cols.includes(c));

/** The value rules of a file over its rows (any kind of file): each problem names the row, the column and the rule. */
export function valueProblems(rules: ValueRules | undefined, header: readonly string[], rows: Row[]): string[] {
  const problems: string[] = [];
  // Cells a spreadsheet would run as a formula: refused in every file (no published table has one).
  for (const r of rows) {
    for (const [k, v] of Object.entries(r.values)) {
      if (typeof v === 'string' && FORMULA.test(v) && !NUMBER.test(v.trim())) problems.push(`${r.at}, "${k}": "${v.slice(0, 40)}" starts like a spreadsheet formula (= + - @): refused`);
    }
  }
  if (!rules) return problems;
  if (rules.key) {
    const key = rules.key;
    const first = new Map<string, string>();
    for (const r of rows) {
      const k = key.map((c) => String(r.values[c] ?? '')).join(' | ');
      if (key.every((c) => String(r.values[c] ?? '') === '')) continue;
      const earlier = first.get(k);
      if (earlier) problems.push(`${r.at} repeats ${earlier} (${key.join(' + ')} "${k}"): unique keys; a table has one row per ${key.join(' + ')}`);
      else first.set(k, r.at);
    }
  }
  const notNumber = new Set<string>();
  const allColumns = new Set(header);
  for (const r of rows) for (const k in r.values) allColumns.add(k);
  for (const band of rules.numbers ?? []) {
    const columns = [...allColumns].filter((c) => matches(band.columns, c));
    for (const r of rows) {
      if (band.rows && !band.rows.pattern.test(String(r.values[band.rows.column] ?? ''))) continue;
      for (const c of columns) {
        const raw = r.values[c];
        if (typeof raw === 'string' && band.missing?.includes(raw.trim())) continue;
        const n = toNumber(raw);
        if (n === null) continue;
        if (n === 'text') {
          if (!notNumber.has(`${r.at}|${c}`)) problems.push(`${r.at}, "${c}": "${String(raw).slice(0, 40)}" is not a number (numbers where numbers belong)`);
          notNumber.add(`${r.at}|${c}`);
        } else if ((band.min !== undefined && n < band.min) || (band.max !== undefined && n > band.max)) {
          problems.push(`${r.at}, "${c}": ${n} is outside ${band.min ?? '−∞'} to ${band.max ?? '∞'} (${band.why})`);
        }
      }
    }
  }
  if (rules.wijkTotals) problems.push(...totalProblems(rules.wijkTotals, rows));
  return problems;
}

/** The wijken of a gemeente add up to the gemeente's own figure (CBS rounds wijk counts, hence the tolerance). */
function totalProblems(t: NonNullable<ValueRules['wijkTotals']>, rows: Row[]): string[] {
  const gm = new Map<string, { at: string; value: number }>();
  const sums = new Map<string, { sum: number; complete: boolean; n: number }>();
  for (const r of rows) {
    const code = String(r.values[t.code] ?? '');
    const v = toNumber(r.values[t.column]);
    if (/^GM\d{4}$/.test(code)) {
      if (typeof v === 'number') gm.set(code, { at: r.at, value: v });
    } else if (/^WK\d{4}/.test(code)) {
      const key = `GM${code.slice(2, 6)}`;
      const s = sums.get(key) ?? { sum: 0, complete: true, n: 0 };
      if (typeof v === 'number') s.sum += v;
      else s.complete = false;
      s.n++;
      sums.set(key, s);
    }
  }
  const problems: string[] = [];
  for (const [code, s] of sums) {
    const g = gm.get(code);
    if (!g || !s.complete || g.value <= 0) continue;
    const off = Math.abs(s.sum - g.value) / g.value;
    if (off > t.tolerance) problems.push(`${g.at}: "${t.column}" is ${g.value}, its ${s.n} wijken add up to ${s.sum} (${(off * 100).toFixed(1)} % apart; at most ${(t.tolerance * 100).toFixed(1)} %): wijk totals against their gemeente`);
  }
  return problems;
}

/* ------------------------------------------------------------------ points in their gemeente */

type Points = NonNullable<ValueRules['points']>;
type Polygon = Position[][];

const norm = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z]/g, '');
const firstWord = (s: string) => norm(s.split(/[\s(,-]+/)[0] ?? '');

/** Gemeente polygons by name, from the boundaries file (null when it is not there). */
function gemeentePolygons(p: Points, other?: OtherFile): Map<string, Polygon[]> | null {
  const text = other?.(p.file);
  if (!text) return null;
  let fc: { features?: Feature[] };
  try {
    fc = JSON.parse(text) as { features?: Feature[] };
  } catch {
    return null;
  }
  const out = new Map<string, Polygon[]>();
  for (const f of fc.features ?? []) {
    const name = f.properties?.[p.nameProperty];
    const g = f.geometry;
    if (typeof name !== 'string' || !g) continue;
    const polys = (g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : []) as Polygon[];
    out.set(name, polys);
  }
  return out.size ? out : null;
}

/** The gemeente a school's name (DUO: "BERGEN NH", "NUENEN CA", "'S-GRAVENHAGE") means among the boundaries' names. */
function gemeenteMatcher(names: string[]): (name: string) => string | null {
  const exact = new Map(names.map((n) => [norm(n.replace(/\s*\((gemeente)\)\s*$/i, '')), n]));
  const byWord = new Map<string, string[]>();
  for (const n of names) byWord.set(firstWord(n), [...(byWord.get(firstWord(n)) ?? []), n]);
  const cache = new Map<string, string | null>();
  return (name) => {
    if (cache.has(name)) return cache.get(name)!;
    const n = norm(name);
    let hit = exact.get(n) ?? null;
    if (!hit) {
      // "Bergen (NH.)" is a prefix of "BERGEN NH"; "Bergen (L.)" of "BERGEN LB": the longest wins.
      const prefixes = names.filter((x) => n.startsWith(norm(x))).sort((a, b) => norm(b).length - norm(a).length);
      hit = prefixes[0] ?? null;
    }
    if (!hit) {
      const same = byWord.get(firstWord(name)) ?? [];
      if (same.length === 1 && firstWord(name).length >= 4) hit = same[0];
    }
    cache.set(name, hit);
    return hit;
  };
}

function inRing(x: number, y: number, ring: Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
const inPolygons = (x: number, y: number, polys: Polygon[]) => polys.some((p) => p.length > 0 && inRing(x, y, p[0]) && !p.slice(1).some((h) => inRing(x, y, h)));

/** Distance in km from a point to the nearest edge of the polygons. */
function kmToPolygons(x: number, y: number, polys: Polygon[]): number {
  const kx = Math.cos((y * Math.PI) / 180) * 111.32;
  const ky = 110.57;
  let best = Infinity;
  for (const p of polys) {
    for (const ring of p) {
      for (let i = 1; i < ring.length; i++) {
        const ax = (ring[i - 1][0] - x) * kx;
        const ay = (ring[i - 1][1] - y) * ky;
        const dx = (ring[i][0] - x) * kx - ax;
        const dy = (ring[i][1] - y) * ky - ay;
        const t = Math.max(0, Math.min(1, -(ax * dx + ay * dy) / (dx * dx + dy * dy || 1)));
        best = Math.min(best, Math.hypot(ax + t * dx, ay + t * dy));
      }
    }
  }
  return best;
}

/** Which point features lie outside the gemeente they belong to (beyond the tolerance); null when the boundaries are not at hand. */
export function pointsOutsideGemeente(p: Points, features: Feature[], other?: OtherFile): { outside: Set<number>; unknown: number } | null {
  const polys = gemeentePolygons(p, other);
  if (!polys) return null;
  const match = gemeenteMatcher([...polys.keys()]);
  const outside = new Set<number>();
  let unknown = 0;
  features.forEach((f, i) => {
    const name = f.properties?.[p.gemeenteProperty];
    const c = f.geometry?.coordinates as unknown[] | undefined;
    if (typeof name !== 'string' || !Array.isArray(c) || typeof c[0] !== 'number' || typeof c[1] !== 'number') return;
    const g = match(name);
    if (!g) return void unknown++;
    const [x, y] = c as Position;
    if (!inPolygons(x, y, polys.get(g)!) && kmToPolygons(x, y, polys.get(g)!) > p.toleranceKm) outside.add(i);
  });
  return { outside, unknown };
}

function pointProblems(p: Points, features: Feature[], label: (f: Feature, i: number) => string, other?: OtherFile): string[] {
  const problems: string[] = [];
  if (!features.length) return problems;
  // All (or most) schools at one point: a geocoder that answered one place for every address.
  const distinct = new Set(features.map((f) => JSON.stringify(f.geometry?.coordinates ?? null))).size;
  if (distinct < features.length * p.minDistinctShare) problems.push(`${features.length} points at only ${distinct} places (at least ${Math.round(p.minDistinctShare * 100)} % distinct expected): a geocoder answered one place for many addresses`);
  const r = pointsOutsideGemeente(p, features, other);
  if (!r) return problems;
  if (r.unknown > features.length * 0.05) problems.push(`${r.unknown} of ${features.length} points name a gemeente ("${p.gemeenteProperty}") not in ${p.file}`);
  if (r.outside.size) {
    const first = [...r.outside][0];
    problems.push(`${r.outside.size} of ${features.length} points lie more than ${p.toleranceKm} km outside the gemeente they belong to (e.g. ${label(features[first], first)} in ${String(features[first].properties?.[p.gemeenteProperty])}: ${JSON.stringify(features[first].geometry?.coordinates)}); a fetch leaves such points out (up to ${Math.round(p.maxLeftOut * 100)} %) and geocodes them again next time`);
  }
  return problems;
}

/**
 * A geocoded points file with the points outside their gemeente left out, when they are few (at most
 * `maxLeftOut` of all): the fetch writes this text and says how many it left out. Null when the file
 * has no such rule, or the boundaries are not at hand; the text unchanged when nothing is outside.
 */
export function leaveOutStrayPoints(check: FileCheck, text: string, other?: OtherFile): { text: string; leftOut: number; of: number } | null {
  if (check.kind !== 'geojson' || !check.values?.points) return null;
  const p = check.values.points;
  let fc: { features?: Feature[]; metadata?: Record<string, unknown> };
  try {
    fc = JSON.parse(text) as typeof fc;
  } catch {
    return null;
  }
  if (!Array.isArray(fc.features)) return null;
  const r = pointsOutsideGemeente(p, fc.features, other);
  if (!r || !r.outside.size || r.outside.size > fc.features.length * p.maxLeftOut) return r ? { text, leftOut: 0, of: fc.features.length } : null;
  const kept = fc.features.filter((_, i) => !r.outside.has(i));
  const metadata = fc.metadata ? { ...fc.metadata, leftOutOutsideGemeente: r.outside.size } : undefined;
  return { text: `${JSON.stringify({ ...fc, ...(metadata ? { metadata } : {}), features: kept })}\n`, leftOut: r.outside.size, of: fc.features.length };
}
