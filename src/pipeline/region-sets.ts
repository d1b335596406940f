/**
 * Which gemeenten a batch renders: "all", "gka", a file of codes or names, or a
 * comma-separated list. Unknown entries fail before any work, with suggestions.
 * A list is rendered in the order given; a gemeente or config named twice (also as
 * "Enschede" and "GM0153") is kept once, with a warning naming both entries.
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

/** One region of a set: a gemeente (its standard contextkaart) or a region config. */
export type SetMember = { kind: 'gemeente'; gemeente: GemeenteInfo } | { kind: 'config'; path: string };

export interface RegionSet {
  /** The whole set, each region once, in the order given ("all" and "gka": by code). */
  members: SetMember[];
  /** The gemeenten of members, in that order. */
  gemeenten: GemeenteInfo[];
  /** Region configs (.yaml) named in a list or file, as absolute paths, in that order. */
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
    return { members: asMembers(gemeenten), gemeenten, configs: [], description: `alle ${gemeenten.length} gemeenten`, warnings: [] };
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
const asMembers = (gemeenten: GemeenteInfo[]): SetMember[] => gemeenten.map((gemeente) => ({ kind: 'gemeente', gemeente }));

function listSet(entries: { line: number; text: string }[], dataset: Dataset, file?: string): RegionSet {
  if (entries.length === 0) throw new ReportError(messages.emptyRegionSet(file ?? 'the list'), 'usage');
  const problems: string[] = [];
  const warnings: string[] = [];
  const members: SetMember[] = [];
  // The entry that first named a region (by gemeente code or config path), to name it in a duplicate's warning.
  const firstNamedAs = new Map<string, string>();
  const where = (e: { line: number; text: string }) => (file ? `${file}:${e.line}: ${e.text}` : e.text);
  const once = (key: string, e: { line: number; text: string }, warn: (first: string, again: string) => string): boolean => {
    const first = firstNamedAs.get(key);
    if (first === undefined) {
      firstNamedAs.set(key, where(e));
      return true;
    }
    warnings.push(warn(first, where(e)));
    return false;
  };
  for (const e of entries) {
    if (isYaml(e.text)) {
      // Paths in a list file are relative to that file.
      const path = resolve(file ? dirname(file) : '.', e.text);
      if (!existsSync(path)) problems.push(messages.configNotFound(`${file ? `${file}:${e.line}: ` : ''}${e.text}`));
      else if (once(`config:${path}`, e, messages.sameConfigTwice)) members.push({ kind: 'config', path });
      continue;
    }
    try {
      const g = findGemeente(dataset, e.text);
      if (once(`gemeente:${g.code}`, e, (first, again) => messages.sameGemeenteTwice(first, again, `${g.code} ${g.name}`))) members.push({ kind: 'gemeente', gemeente: g });
    } catch (err) {
      if (!(err instanceof ReportError)) throw err;
      problems.push(messages.unknownInSet(file, e.line, e.text, suggestGemeenten(dataset, e.text)));
    }
  }
  if (problems.length) throw new ReportError(problems[0], 'usage', { detail: problems.slice(1).join('\n') || undefined });
  const gemeenten = members.flatMap((m) => (m.kind === 'gemeente' ? [m.gemeente] : []));
  const configs = members.flatMap((m) => (m.kind === 'config' ? [m.path] : []));
  const parts = [gemeenten.length ? `${gemeenten.length} gemeenten` : '', configs.length ? `${configs.length} regioconfiguraties` : ''].filter(Boolean).join(' en ');
  return { members, gemeenten, configs, description: file ? `${parts} uit ${file}` : parts, warnings };
}

function gkaSet(dataset: Dataset): RegionSet {
  const file = join(dataset.dataDir, GKA_FILE);
  if (!existsSync(file)) throw new ReportError(messages.dataFileMissing(dataset.dataDir, GKA_FILE), 'usage');
  const { records } = parseCsvRecords(readFileSync(file, 'utf8'));
  // A gemeente on two rows of the list is rendered once.
  const gemeenten = [...new Set(records.map((r) => dataset.gemeenten.get(r.values.gemeentecode)).filter((g): g is GemeenteInfo => !!g))].sort((a, b) =>
    a.code.localeCompare(b.code),
  );
  return {
    members: asMembers(gemeenten),
    gemeenten,
    configs: [],
    description: `GKA-gemeenten (${gemeenten.length} van de ${GKA_MEMBERS_TOTAL} bekend)`,
    warnings: [messages.gkaPartial(gemeenten.length, GKA_MEMBERS_TOTAL, GKA_FILE)],
  };
}

/** Shard k of n (1-based): every n-th region of the set in its order, so n shards cover it exactly once. */
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
