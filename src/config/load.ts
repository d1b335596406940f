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
  const displayFile = displayPath(file);
  let text: string;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new Error('not a file');
    if (info.size > MAX_CONFIG_BYTES) throw new ReportError(messages.configTooLarge(displayFile, info.size, MAX_CONFIG_BYTES, await lineAtLimit(file)), 'config');
    text = await readFile(file, 'utf8');
  } catch (cause) {
    if (cause instanceof ReportError) throw cause;
    throw new ReportError(messages.configNotFound(displayFile), 'config', { cause });
  }
  return parseRegionConfig(text, file);
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

export function parseRegionConfig(text: string, file: string): LoadedConfig {
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
  const lineOf = (path: (string | number)[]): number | undefined => lineOfPath(doc, lineCounter, path);
  let plain: unknown;
  try {
    plain = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (cause) {
    // The yaml package throws a ReferenceError for excessive or unresolved aliases.
    if (cause instanceof ReferenceError) throw new ReportError(messages.configYamlAliases(displayFile, MAX_YAML_ALIASES, cause.message), 'config', { cause });
    throw cause;
  }
  const result = RegionConfig.safeParse(plain ?? {});
  if (!result.success) {
    // An unknown field is often a misspelt required one ("aera"): report it first, with the suggestion.
    const issue = result.error.issues.find((i) => i.code === 'unrecognized_keys') ?? result.error.issues[0];
    let path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    let line = lineOf(path);
    if (issue.code === 'unrecognized_keys') {
      // Point at the unknown key itself.
      line = lineOfKey(doc, lineCounter, path, issue.keys[0]) ?? line;
      path = [...path, issue.keys[0]];
    }
    throw new ReportError(
      messages.configInvalid(displayFile, line, formatPath(path), describeIssue(issue), fixFor(issue)),
      'config',
      { detail: result.error.issues.length > 1 ? `${result.error.issues.length - 1} more problem(s) after this one` : undefined },
    );
  }
  const repeated = firstRepeat(result.data);
  if (repeated) {
    const line = lineOf(repeated.path);
    throw new ReportError(messages.configRepeated(displayFile, line, formatPath(repeated.path), repeated.value, formatPath(repeated.firstPath)), 'config');
  }
  return { config: result.data, file, displayFile, lineOf };
}

/**
 * The first value given twice where each may occur once: a section's domain, a figure or
 * table indicator of a section, an excluded indicator, a gemeente, wijk or peer, or the id
 * of a client's own indicator.
 */
function firstRepeat(config: RegionConfig): { path: (string | number)[]; firstPath: (string | number)[]; value: string } | undefined {
  const lists: { values: (string | undefined)[]; path: (i: number) => (string | number)[]; key?: (v: string) => string }[] = [
    { values: (config.sections ?? []).map((s) => s.domain), path: (i) => ['sections', i, 'domain'] },
    ...(config.sections ?? []).flatMap((s, si) => [
      { values: s.figures ?? [], path: (i: number) => ['sections', si, 'figures', i] },
      { values: s.indicators ?? [], path: (i: number) => ['sections', si, 'indicators', i] },
    ]),
    { values: config.interpretation.exclude, path: (i) => ['interpretation', 'exclude', i] },
    { values: config.area.gemeenten ?? [], path: (i) => ['area', 'gemeenten', i], key: (v) => v.trim().toLowerCase() },
    { values: config.area.wijken ?? [], path: (i) => ['area', 'wijken', i], key: (v) => v.trim().toUpperCase() },
    { values: config.comparisons.peers ?? [], path: (i) => ['comparisons', 'peers', i], key: (v) => v.trim().toLowerCase() },
  ];
  const extraIds = config.extraData.flatMap((e, ei) => e.indicators.map((ind, ii) => ({ id: ind.id, path: ['extraData', ei, 'indicators', ii, 'id'] })));
  lists.push({ values: extraIds.map((x) => x.id), path: (i) => extraIds[i].path });
  for (const list of lists) {
    const firstAt = new Map<string, number>();
    for (const [i, v] of list.values.entries()) {
      if (v === undefined) continue;
      const k = list.key ? list.key(v) : v;
      const first = firstAt.get(k);
      if (first !== undefined) return { path: list.path(i), firstPath: list.path(first), value: v };
      firstAt.set(k, i);
    }
  }
  return undefined;
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

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return `is not a known field${issue.keys.length > 1 ? ` (nor ${issue.keys.slice(1).map((k) => `"${k}"`).join(', ')})` : ''}`;
    case 'invalid_type':
      return issue.message.includes('received undefined') ? 'is required' : `must be ${issue.expected === 'array' ? 'a list' : `a ${issue.expected}`}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
      return issue.origin === 'array' ? `needs at least ${issue.minimum} entr${issue.minimum === 1 ? 'y' : 'ies'}` : issue.message;
    default:
      return issue.message;
  }
}

function fixFor(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = issue.path.length === 0 ? knownTopLevel : knownFieldsAt(issue.path);
      const near = issue.keys.flatMap((k) => known.filter((c) => editDistance(k, c) <= 2));
      return near.length ? `Did you mean "${near[0]}"?` : 'Remove it or correct the spelling (see regions/region.schema.json).';
    }
    case 'invalid_type':
      return issue.message.includes('received undefined') ? 'Add this field.' : 'Correct the value type.';
    case 'invalid_value':
      return 'Use one of the listed values.';
    default:
      return 'Correct the value (see regions/region.schema.json).';
  }
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
