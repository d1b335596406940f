/**
 * Which gemeenten a batch renders: "all", "gka", a file of codes or names, or a
 * comma-separated list. Unknown entries fail before any work, with suggestions.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ReportError } from '../util/errors.js';
import { messages } from '../util/messages.js';
import { parseCsvRecords } from '../util/csv.js';
import { findGemeente, suggestGemeenten, type Dataset, type GemeenteInfo } from '../data/load-dataset.js';

export const GKA_FILE = 'gka/gka_gemeenten_gedeeltelijk.csv';
/** Members of the Gelijke Kansen Alliantie according to the programme. */
export const GKA_MEMBERS_TOTAL = 101;

export interface RegionSet {
  gemeenten: GemeenteInfo[];
  /** Region configs (.yaml) named in a list or file, as absolute paths. */
  configs: string[];
  /** What the set is, for logs and the manifest ("alle 342 gemeenten"). */
  description: string;
  /** Things the user must know about the set (a partial GKA list). */
  warnings: string[];
}

export function resolveRegionSet(spec: string, dataset: Dataset): RegionSet {
  const s = spec.trim();
  if (s.toLowerCase() === 'all' || s.toLowerCase() === 'alle') {
    const gemeenten = [...dataset.gemeenten.values()].sort((a, b) => a.code.localeCompare(b.code));
    return { gemeenten, configs: [], description: `alle ${gemeenten.length} gemeenten`, warnings: [] };
  }
  if (s.toLowerCase() === 'gka') return gkaSet(dataset);
  if (existsSync(s) && !isYaml(s)) {
    const entries = readFileSync(s, 'utf8')
      .split(/\r?\n/)
      .map((line, i) => ({ line: i + 1, text: line.replace(/#.*$/, '').trim() }))
      .filter((e) => e.text !== '');
    return listSet(entries, dataset, s);
  }
  const entries = s.split(',').map((text, i) => ({ line: i + 1, text: text.trim() })).filter((e) => e.text);
  return listSet(entries, dataset);
}

const isYaml = (p: string) => /\.ya?ml$/i.test(p);

function listSet(entries: { line: number; text: string }[], dataset: Dataset, file?: string): RegionSet {
  if (entries.length === 0) throw new ReportError(messages.emptyRegionSet(file ?? 'the list'), 'usage');
  const problems: string[] = [];
  const found = new Map<string, GemeenteInfo>();
  const configs: string[] = [];
  for (const e of entries) {
    if (isYaml(e.text)) {
      // Paths in a list file are relative to that file.
      const path = resolve(file ? dirname(file) : '.', e.text);
      if (existsSync(path)) configs.push(path);
      else problems.push(messages.configNotFound(`${file ? `${file}:${e.line}: ` : ''}${e.text}`));
      continue;
    }
    try {
      const g = findGemeente(dataset, e.text);
      found.set(g.code, g);
    } catch (err) {
      if (!(err instanceof ReportError)) throw err;
      problems.push(messages.unknownInSet(file, e.line, e.text, suggestGemeenten(dataset, e.text)));
    }
  }
  if (problems.length) throw new ReportError(problems[0], 'usage', { detail: problems.slice(1).join('\n') || undefined });
  const gemeenten = [...found.values()].sort((a, b) => a.code.localeCompare(b.code));
  const parts = [gemeenten.length ? `${gemeenten.length} gemeenten` : '', configs.length ? `${configs.length} regioconfiguraties` : ''].filter(Boolean).join(' en ');
  return { gemeenten, configs, description: file ? `${parts} uit ${file}` : parts, warnings: [] };
}

function gkaSet(dataset: Dataset): RegionSet {
  const file = join(dataset.dataDir, GKA_FILE);
  if (!existsSync(file)) throw new ReportError(messages.dataFileMissing(dataset.dataDir, GKA_FILE), 'usage');
  const { records } = parseCsvRecords(readFileSync(file, 'utf8'));
  const gemeenten = records
    .map((r) => dataset.gemeenten.get(r.values.gemeentecode))
    .filter((g): g is GemeenteInfo => !!g)
    .sort((a, b) => a.code.localeCompare(b.code));
  return {
    gemeenten,
    configs: [],
    description: `GKA-gemeenten (${gemeenten.length} van de ${GKA_MEMBERS_TOTAL} bekend)`,
    warnings: [messages.gkaPartial(gemeenten.length, GKA_MEMBERS_TOTAL, GKA_FILE)],
  };
}

/** Shard k of n (1-based): every n-th region of the sorted set, so n shards cover it exactly once. */
export function shardOf<T>(items: T[], shard: { k: number; n: number } | undefined): T[] {
  if (!shard) return items;
  return items.filter((_, i) => i % shard.n === shard.k - 1);
}

export function parseShard(value: string): { k: number; n: number } {
  const m = /^(\d+)\/(\d+)$/.exec(value.trim());
  const k = m ? Number(m[1]) : NaN;
  const n = m ? Number(m[2]) : NaN;
  if (!m || n < 1 || k < 1 || k > n) throw new ReportError(messages.badShard(value), 'usage');
  return { k, n };
}
