/**
 * Name matching for gemeenten: sources spell names differently (DUO in capitals,
 * "HENGELO" for "Hengelo (O.)", old names of merged gemeenten, broken diacritics).
 */
import { editDistance } from '../util/edit-distance.js';
import { messages } from '../util/messages.js';

/** Lower-case, no diacritics, no "(gemeente)"/"(O.)" qualifiers, only letters and digits. */
export function normalizeName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’`]/g, "'")
    .replace(/\([^)]*\)/g, '')
    .replace(/[^a-z0-9]/g, '');
}

/** Other names people and sources use for a current gemeente (indeling 2023). */
export const nameAliases: Record<string, string> = {
  denhaag: 'GM0518',
  sgravenhage: 'GM0518',
  denbosch: 'GM0796',
  nuenenca: 'GM0820',
  // DUO files with broken diacritics ("S·DWEST-FRYSLÔN").
  sdwestfryslon: 'GM1900',
  noardeastfryslon: 'GM1970',
};

/** A gemeente as the koppeltabel (indeling 2023) lists it. */
export interface GemeenteInfo {
  code: string;
  /** Name for print: "Groningen", not the koppeltabel's "Groningen (gemeente)". */
  name: string;
  provinceCode: string;
  provinceName: string;
}

export const provinceNames: Record<string, string> = {
  PV20: 'Groningen',
  PV21: 'Fryslân',
  PV22: 'Drenthe',
  PV23: 'Overijssel',
  PV24: 'Flevoland',
  PV25: 'Gelderland',
  PV26: 'Utrecht',
  PV27: 'Noord-Holland',
  PV28: 'Zuid-Holland',
  PV29: 'Zeeland',
  PV30: 'Noord-Brabant',
  PV31: 'Limburg',
};

/** The master list of gemeenten and provinces from the koppeltabel's records (columns checked by the caller). */
export function gemeentenFromKoppeltabel(records: { values: Record<string, string> }[]): {
  gemeenten: Map<string, GemeenteInfo>;
  provinces: Map<string, { code: string; name: string }>;
} {
  const gemeenten = new Map<string, GemeenteInfo>();
  const provinces = new Map<string, { code: string; name: string }>();
  for (const { values } of records) {
    const provinceCode = values.provincieCode;
    const provinceName = provinceNames[provinceCode] ?? values.Provincie;
    provinces.set(provinceCode, { code: provinceCode, name: provinceName });
    gemeenten.set(values.gemeentCode, { code: values.gemeentCode, name: values.gemeenteNaam.replace(/\s*\(gemeente\)$/, ''), provinceCode, provinceName });
  }
  return { gemeenten, provinces };
}

export const KOPPELTABEL_COLUMNS = ['gemeentCode', 'gemeenteNaam', 'provincieCode'] as const;

/** The name with its qualifier kept ("Bergen (L.)" → "bergenl"): tells the two Bergens apart. */
const qualifiedKey = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s*\(gemeente\)\s*$/, '')
    .replace(/[^a-z0-9]/g, '');

/**
 * The gemeenten a code or name can mean: by code (any case); else the name with its qualifier
 * ("Bergen (L.)", "bergen l"); else the name without ("Hengelo" for "Hengelo (O.)", any spelling
 * normalizeName folds) — two when the plain name is that of two gemeenten ("Bergen"); else an alias.
 */
export function gemeenteMatches<G extends { code: string; name: string }>(gemeenten: ReadonlyMap<string, G>, query: string): G[] {
  const q = query.trim();
  const byCode = gemeenten.get(q.toUpperCase());
  if (byCode) return [byCode];
  const all = [...gemeenten.values()];
  const qualified = all.filter((g) => qualifiedKey(g.name) === qualifiedKey(q));
  if (qualified.length) return qualified;
  const n = normalizeName(q);
  const plain = all.filter((g) => normalizeName(g.name) === n);
  if (plain.length) return plain;
  const alias = nameAliases[n];
  const g = alias ? gemeenten.get(alias) : undefined;
  return g ? [g] : [];
}

/** A gemeente by code or name; undefined when unknown or when the name is that of two gemeenten (see gemeenteMatches). */
export function lookupGemeente<G extends { code: string; name: string }>(gemeenten: ReadonlyMap<string, G>, query: string): G | undefined {
  const found = gemeenteMatches(gemeenten, query);
  return found.length === 1 ? found[0] : undefined;
}

/** The nearest gemeenten to a mistyped name, as "Name (GMxxxx)", for "did you mean". */
export function nearestGemeenten<G extends { code: string; name: string }>(gemeenten: ReadonlyMap<string, G>, query: string, max = 3): string[] {
  // A name two gemeenten bear ("Bergen"): both, and only them.
  const matches = gemeenteMatches(gemeenten, query);
  if (matches.length > 1) return matches.map((g) => `${g.name} (${g.code})`);
  const n = normalizeName(query);
  const candidates = [...[...gemeenten.values()].map((g) => ({ key: normalizeName(g.name), code: g.code })), ...Object.entries(nameAliases).map(([key, code]) => ({ key, code }))];
  const best = new Map<string, number>();
  for (const c of candidates) {
    if (!gemeenten.has(c.code)) continue;
    const d = editDistance(n, c.key);
    if (d < (best.get(c.code) ?? Infinity)) best.set(c.code, d);
  }
  return [...best]
    .sort((a, b) => a[1] - b[1])
    .slice(0, max)
    .map(([code]) => `${gemeenten.get(code)!.name} (${code})`);
}

/** Why a code or name found no one gemeente: the two it may mean, or the nearest names. */
export function gemeenteNotFound<G extends { code: string; name: string }>(gemeenten: ReadonlyMap<string, G>, query: string): string {
  const matches = gemeenteMatches(gemeenten, query);
  if (matches.length > 1) return messages.ambiguousGemeente(query.trim(), matches.map((g) => `${g.name} (${g.code})`));
  return messages.unknownGemeente(query, nearestGemeenten(gemeenten, query.trim()));
}
