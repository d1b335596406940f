/**
 * Reads a region config (YAML), keeping source positions so that each schema
 * problem is reported with file, line, field path and a fix.
 */
import { open, readFile, stat } from 'node:fs/promises';
import { relative } from 'node:path';
import { LineCounter, isMap, isNode, isScalar, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { ReportError } from '../util/errors.js';
import { editDistance } from '../util/edit-distance.js';
import { messages } from '../util/messages.js';
import { RegionConfig } from './schema.js';

export interface LoadedConfig {
  config: RegionConfig;
  /** Absolute path of the config file. */
  file: string;
  /** Path as shown to users (relative to cwd). */
  displayFile: string;
  /** Line of a field path in the file, for later errors (unknown indicator at sections[2].figures[1]). */
  lineOf: (path: (string | number)[]) => number | undefined;
}

export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') || rel === '' ? file : rel;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : `${out ? '.' : ''}${String(p)}`;
  return out;
}

/** A region config is a few kB; anything this large is a mistake or an attack, and is not parsed. */
export const MAX_CONFIG_BYTES = 256 * 1024;
/** Alias uses, weighted by what each expands to, that a config may make ("billion laughs" is refused). */
export const MAX_YAML_ALIASES = 100;

export async function loadRegionConfig(file: string): Promise<LoadedConfig> {
  return parseRegionConfig(await readRegionConfigText(file), file);
}

/** The text of a config file; a ReportError when it is missing, not a file or too large. */
export async function readRegionConfigText(file: string): Promise<string> {
  const displayFile = displayPath(file);
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new Error('not a file');
    if (info.size > MAX_CONFIG_BYTES) throw new ReportError(messages.configTooLarge(displayFile, info.size, MAX_CONFIG_BYTES, await lineAtLimit(file)), 'config');
    return await readFile(file, 'utf8');
  } catch (cause) {
    if (cause instanceof ReportError) throw cause;
    throw new ReportError(messages.configNotFound(displayFile), 'config', { cause });
  }
}

/** The line (1-based) that holds byte `at` of the text: where a config passes the size limit. */
function lineOfByte(bytes: Uint8Array, at: number): number {
  let line = 1;
  for (let i = 0; i < Math.min(at, bytes.length); i++) if (bytes[i] === 10) line++;
  return line;
}

/** The line where a config file passes MAX_CONFIG_BYTES, reading only that far. */
async function lineAtLimit(file: string): Promise<number | undefined> {
  try {
    const handle = await open(file, 'r');
    try {
      const buf = Buffer.alloc(MAX_CONFIG_BYTES);
      const { bytesRead } = await handle.read(buf, 0, MAX_CONFIG_BYTES, 0);
      return lineOfByte(buf.subarray(0, bytesRead), MAX_CONFIG_BYTES);
    } finally {
      await handle.close();
    }
  } catch {
    return undefined;
  }
}

/** One problem of a config: where it is and the whole message (file:line: field: problem. Fix.). */
export interface ConfigProblem {
  /** The config as shown (relative to the working directory). */
  file: string;
  line?: number;
  /** Field path, e.g. "sections[2].figures[1]"; empty for the file as a whole. */
  field: string;
  message: string;
}

/** A config parsed as YAML, not yet checked against the schema. */
export interface ParsedRegionDocument {
  file: string;
  displayFile: string;
  /** The plain value of the document (aliases resolved). */
  plain: unknown;
  lineOf: (path: (string | number)[]) => number | undefined;
  lineOfKey: (path: (string | number)[], key: string) => number | undefined;
}

/** Parses the YAML; a ReportError for a file too large, a syntax error or an alias bomb (nothing else can be checked then). */
export function parseRegionDocument(text: string, file: string): ParsedRegionDocument {
  const displayFile = displayPath(file);
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_CONFIG_BYTES) throw new ReportError(messages.configTooLarge(displayFile, bytes, MAX_CONFIG_BYTES, lineOfByte(Buffer.from(text, 'utf8'), MAX_CONFIG_BYTES)), 'config');
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const pos = lineCounter.linePos(e.pos[0]);
    // The yaml package's words for two problems a user cannot act on as written.
    const reason =
      e.code === 'MULTIPLE_DOCS'
        ? 'the file holds more than one YAML document (a second "---")'
        : e.code === 'RESOURCE_EXHAUSTION'
          ? 'the lists or maps are nested too deeply to read'
          : e.message.split('\n')[0];
    throw new ReportError(messages.configYamlSyntax(displayFile, pos.line, pos.col, reason), 'config');
  }
  let plain: unknown;
  try {
    plain = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (cause) {
    // The yaml package throws a ReferenceError for excessive or unresolved aliases.
    if (cause instanceof ReferenceError) throw new ReportError(messages.configYamlAliases(displayFile, MAX_YAML_ALIASES, cause.message), 'config', { cause });
    throw cause;
  }
  return {
    file,
    displayFile,
    plain: plain ?? {},
    lineOf: (path) => lineOfPath(doc, lineCounter, path),
    lineOfKey: (path, key) => lineOfKey(doc, lineCounter, path, key),
  };
}

/**
 * Every schema problem of a parsed config, in file order, each with its line and fix. An unknown
 * field that is a misspelt required one ("aera") is one problem, not two.
 */
export function schemaProblems(parsed: ParsedRegionDocument): { config?: RegionConfig; problems: ConfigProblem[] } {
  const result = RegionConfig.safeParse(parsed.plain);
  if (result.success) return { config: result.data, problems: [] };
  const problems: (ConfigProblem & { suggests?: string })[] = [];
  for (const issue of result.error.issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      // One problem per unknown key, at the key itself.
      for (const key of issue.keys) {
        const suggestion = nearField(path, key);
        const line = parsed.lineOfKey(path, key) ?? parsed.lineOf(path);
        const field = formatPath([...path, key]);
        const fix = suggestion ? `Did you mean "${suggestion}"?` : 'Remove it or correct the spelling (see `contextkaart schema`).';
        problems.push({ file: parsed.displayFile, line, field, message: messages.configInvalid(parsed.displayFile, line, field, 'is not a known field', fix), suggests: suggestion && formatPath([...path, suggestion]) });
      }
      continue;
    }
    const line = parsed.lineOf(path);
    const field = formatPath(path);
    const given = valueAt(parsed.plain, path);
    problems.push({ file: parsed.displayFile, line, field, message: messages.configInvalid(parsed.displayFile, line, field, describeIssue(issue, given), fixFor(issue, given)) });
  }
  // "aera: …" and "area: is required" are one mistake: keep the one with the suggestion.
  const suggested = new Set(problems.map((p) => p.suggests).filter(Boolean));
  const kept = problems.filter((p) => !(suggested.has(p.field) && /: is required\./.test(p.message)));
  kept.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { problems: kept.map(({ suggests: _s, ...p }) => p) };
}

/** Every value given twice where each may occur once, as problems; also of a config the schema refused (read from its plain value). */
export function repeatProblems(parsed: ParsedRegionDocument, config: RegionConfig | unknown): ConfigProblem[] {
  return allRepeats(config).map((r) => {
    const line = parsed.lineOf(r.path);
    return { file: parsed.displayFile, line, field: formatPath(r.path), message: messages.configRepeated(parsed.displayFile, line, formatPath(r.path), r.value, formatPath(r.firstPath)) };
  });
}

/**
 * Parses and checks a config against the schema; throws the first problem, with the others
 * listed under it (a render stops at the first; `validate` lists every problem, names and files too).
 */
export function parseRegionConfig(text: string, file: string): LoadedConfig {
  const parsed = parseRegionDocument(text, file);
  const { config, problems } = schemaProblems(parsed);
  const all = [...problems, ...repeatProblems(parsed, config ?? parsed.plain)];
  if (all.length > 0) {
    // An unknown field is often a misspelt required one ("aera"): report it first, with the suggestion.
    const first = all.find((p) => p.message.includes(': is not a known field.')) ?? all[0];
    const others = all.filter((p) => p !== first);
    const detail = others.length
      ? `${others.length} more problem${others.length === 1 ? '' : 's'} in this config:\n${others.map((p) => `  ${p.message}`).join('\n')}\n\`contextkaart validate ${shownArg(parsed.displayFile)}\` lists every problem, names, codes and files too.`
      : undefined;
    throw new ReportError(first.message, 'config', { detail });
  }
  return { config: config!, file, displayFile: parsed.displayFile, lineOf: parsed.lineOf };
}

function shownArg(file: string): string {
  return /^[\w./-]+$/.test(file) ? file : `'${file.replace(/'/g, "'\\''")}'`;
}

/**
 * Every value given twice where each may occur once: a section's domain, a figure or
 * table indicator of a section, an excluded indicator, a gemeente, wijk or peer, or the id
 * of a client's own indicator.
 */
function allRepeats(value: unknown): { path: (string | number)[]; firstPath: (string | number)[]; value: string }[] {
  // Read defensively: a config the schema refused is checked too, so every problem shows in one run.
  const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
  const strings = (v: unknown): (string | undefined)[] => list(v).map((x) => (typeof x === 'string' ? x : undefined));
  const config = obj(value);
  const sections = list(config.sections).map(obj);
  const area = obj(config.area);
  const found: { path: (string | number)[]; firstPath: (string | number)[]; value: string }[] = [];
  const lists: { values: (string | undefined)[]; path: (i: number) => (string | number)[]; key?: (v: string) => string }[] = [
    { values: sections.map((s) => (typeof s.domain === 'string' ? s.domain : undefined)), path: (i) => ['sections', i, 'domain'] },
    ...sections.flatMap((s, si) => [
      { values: strings(s.figures), path: (i: number) => ['sections', si, 'figures', i] },
      { values: strings(s.indicators), path: (i: number) => ['sections', si, 'indicators', i] },
    ]),
    { values: strings(obj(config.interpretation).exclude), path: (i) => ['interpretation', 'exclude', i] },
    { values: strings(area.gemeenten), path: (i) => ['area', 'gemeenten', i], key: (v) => v.trim().toLowerCase() },
    { values: strings(area.wijken), path: (i) => ['area', 'wijken', i], key: (v) => v.trim().toUpperCase() },
    { values: strings(obj(config.comparisons).peers), path: (i) => ['comparisons', 'peers', i], key: (v) => v.trim().toLowerCase() },
  ];
  const extraIds = list(config.extraData).flatMap((e, ei) =>
    list(obj(e).indicators).map((ind, ii) => ({ id: typeof obj(ind).id === 'string' ? (obj(ind).id as string) : undefined, path: ['extraData', ei, 'indicators', ii, 'id'] })),
  );
  lists.push({ values: extraIds.map((x) => x.id), path: (i) => extraIds[i].path });
  for (const list of lists) {
    const firstAt = new Map<string, number>();
    for (const [i, v] of list.values.entries()) {
      if (v === undefined) continue;
      const k = list.key ? list.key(v) : v;
      const first = firstAt.get(k);
      if (first !== undefined) found.push({ path: list.path(i), firstPath: list.path(first), value: v });
      else firstAt.set(k, i);
    }
  }
  return found;
}

/** Line of the deepest node on the path that exists (the parent when the field is missing). */
function lineOfPath(doc: Document, lineCounter: LineCounter, path: (string | number)[]): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
  }
  return undefined;
}

function lineOfKey(doc: Document, lineCounter: LineCounter, path: (string | number)[], key: string): number | undefined {
  const map = path.length ? doc.getIn(path, true) : doc.contents;
  if (!isMap(map)) return undefined;
  const pair = map.items.find((p) => isScalar(p.key) && p.key.value === key);
  return isNode(pair?.key) && pair.key.range ? lineCounter.linePos(pair.key.range[0]).line : undefined;
}

const knownTopLevel = Object.keys(RegionConfig.shape);

/** The value at a path of the plain document, for messages. */
function valueAt(plain: unknown, path: (string | number)[]): unknown {
  let v: unknown = plain;
  for (const p of path) v = v && typeof v === 'object' ? (v as Record<string | number, unknown>)[p] : undefined;
  return v;
}

/** A scalar as typed, for a message: "#e67e2"; nothing for lists, objects and absent values. */
const shownGiven = (given: unknown) => (typeof given === 'string' ? ` (given: ${JSON.stringify(given.length > 60 ? `${given.slice(0, 60)}…` : given)})` : typeof given === 'number' || typeof given === 'boolean' ? ` (given: ${given})` : '');

function describeIssue(issue: z.core.$ZodIssue, given?: unknown): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return `is not a known field${issue.keys.length > 1 ? ` (nor ${issue.keys.slice(1).map((k) => `"${k}"`).join(', ')})` : ''}`;
    case 'invalid_type':
      return issue.message.includes('received undefined') ? 'is required' : `must be ${issue.expected === 'array' ? 'a list' : `a ${issue.expected}`}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}${shownGiven(given)}`;
    case 'too_small':
      return issue.origin === 'array' ? `needs at least ${issue.minimum} entr${issue.minimum === 1 ? 'y' : 'ies'}` : issue.message;
    default:
      return `${issue.message}${shownGiven(given)}`;
  }
}

function fixFor(issue: z.core.$ZodIssue, given?: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.message.includes('received undefined') ? 'Add this field.' : 'Correct the value type.';
    case 'invalid_value': {
      const near = typeof given === 'string' ? issue.values.map(String).filter((v) => editDistance(given.toLowerCase(), v.toLowerCase()) <= 2).sort((a, b) => editDistance(given, a) - editDistance(given, b))[0] : undefined;
      return near ? `Did you mean "${near}"?` : 'Use one of the listed values.';
    }
    default:
      return 'Correct the value (see `contextkaart schema`).';
  }
}

/** The known field at a config path nearest to a mistyped one, for "did you mean". */
function nearField(path: readonly PropertyKey[], key: string): string | undefined {
  const known = path.length === 0 ? knownTopLevel : knownFieldsAt(path);
  return known.filter((c) => editDistance(key, c) <= 2).sort((a, b) => editDistance(key, a) - editDistance(key, b))[0];
}

/** Field names of the object schema at a config path (for "did you mean"). */
function knownFieldsAt(path: readonly PropertyKey[]): string[] {
  let schema: unknown = RegionConfig;
  for (const p of path) {
    let s = schema as { shape?: Record<string, unknown>; unwrap?: () => unknown; element?: unknown; def?: { innerType?: unknown; type?: string } };
    while (s && !s.shape && !s.element && s.def?.innerType) s = s.def.innerType as typeof s;
    if (typeof p === 'number') schema = s?.element;
    else schema = s?.shape?.[String(p)];
  }
  let s = schema as { shape?: Record<string, unknown>; def?: { innerType?: unknown } };
  while (s && !s.shape && s.def?.innerType) s = s.def.innerType as typeof s;
  return Object.keys(s?.shape ?? {});
}
