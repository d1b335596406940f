/**
 * DUO "alle vestigingen bo" and "alle vestigingen vo" (state of December 2020,
 * indeling 2020): vestiging and BRIN → gemeente code. Also the explicit gemeente
 * name table that DUO rows without a register match are placed through, and the
 * vo pupils of 1 October 2019 per gemeente.
 *
 * Rows are joined on codes (vestiging → GEMEENTENUMMER). Names are matched only
 * through `GemeenteNames`, which keeps qualifiers ("BERGEN NH" ≠ "BERGEN LB") and
 * refuses a name that fits more than one gemeente.
 */
import { join } from 'node:path';
import { ReportError } from '../../util/errors.js';
import { messages } from '../../util/messages.js';
import { parseCsvRecords } from '../../util/csv.js';
import { HAAREN, TARGET_INDELING, codeIn2023, haarenByPlace, mergersSince } from '../mergers.js';
import { internalCount, type IndicatorDef } from '../indicator-def.js';
import { speciaalOnderwijs } from './duo-po-scholen.js';
import { koppeltabelSource } from './cbs-gebieden.js';
import type { SourceDef, SourceModule } from './types.js';
import { schoolCode } from './school-codes.js';
import { toNumber } from './data-files.js';
import type { DataFiles, SourceObservation, SourceReading } from './types.js';
import { count } from './plausible.js';

export const duoLeerlingenVo2019Source = {
  id: 'duo-leerlingen-vo-2019',
  publisher: 'DUO',
  citation: 'DUO, Leerlingen vo per vestiging 2019',
  table: 'Leerlingen vo per vestiging naar onderwijstype, teldatum 1 oktober 2019, met de gemeente uit het vestigingenregister vo van 2020',
  file: 'duo/vo/leerlingen_vo_per_vestiging_onderwijstype_2019.csv',
  files: ['duo/register/vestigingen_vo_duo_2020.csv'],
  indeling: 2020,
  countsBy: 'school',
  license: 'CC BY 4.0',
} satisfies SourceDef;


export const REGISTER_INDELING = 2020;
export const BO_REGISTER = 'duo/register/vestigingen_bo_duo_2020.csv';
export const VO_REGISTER = duoLeerlingenVo2019Source.files![0];

export interface DuoRegisters {
  /** '00AH00' → 'GM0153' (bo and vo). Haaren's vestigingen carry the 2023 gemeente of their village. */
  vestigingGemeente: Map<string, string>;
  /** 4-character BRIN → gemeente code → number of vestigingen. */
  brinGemeenten: Map<string, Map<string, number>>;
  /** BRIN → gemeente of its vestiging '00'. */
  brinHoofdGemeente: Map<string, string>;
  /** Vestigingen of the vo register. */
  voVestigingen: Set<string>;
  /** Vestigingen of Haaren (GM0788, split in 2021) placed by PLAATSNAAM: their code is of the indeling 2023. */
  haarenPlaced: Set<string>;
  /** GEMEENTENAAM → code as the registers write them (indeling 2020). */
  gemeenteNames: Map<string, string>;
  notes: string[];
}

/** 'GM' + 4 digits from '0114', ' 637' or '14'; null when not a number. */
export function gemeenteCode(nummer: string): string | null {
  const n = nummer.trim();
  return /^\d{1,4}$/.test(n) ? `GM${n.padStart(4, '0')}` : null;
}

/** BRIN + 2-digit vestigingsnummer; accepts a 2- or 6-character VESTIGINGSNUMMER. */
export function vestigingCode(brin: string, nummer: string): string {
  const n = nummer.trim().toUpperCase();
  return n.length === 2 ? `${brin.trim().toUpperCase()}${n}` : n;
}

/** Throws the usual data error when a column is missing. */
export function requireColumns(files: DataFiles, file: string, header: string[], columns: string[]): void {
  for (const col of columns) {
    if (!header.includes(col)) throw new ReportError(messages.dataColumnMissing(join(files.dataDir, file), col), 'data');
  }
}

const registerColumns = ['BRIN NUMMER', 'VESTIGINGSNUMMER', 'PLAATSNAAM', 'GEMEENTENUMMER', 'GEMEENTENAAM'];
const cache = new WeakMap<DataFiles, Promise<DuoRegisters>>();

/** Both 2020 registers (read once per DataFiles). */
export function readRegisters(files: DataFiles): Promise<DuoRegisters> {
  let p = cache.get(files);
  if (!p) {
    p = loadRegisters(files);
    cache.set(files, p);
    p.catch(() => cache.delete(files));
  }
  return p;
}

async function loadRegisters(files: DataFiles): Promise<DuoRegisters> {
  const reg: DuoRegisters = {
    vestigingGemeente: new Map(),
    brinGemeenten: new Map(),
    brinHoofdGemeente: new Map(),
    voVestigingen: new Set(),
    haarenPlaced: new Set(),
    gemeenteNames: new Map(),
    notes: [],
  };
  const skipped: string[] = [];
  for (const [kind, file] of [['bo', BO_REGISTER], ['vo', VO_REGISTER]] as const) {
    const { header, records } = parseCsvRecords(await files.text(file), ';');
    requireColumns(files, file, header, registerColumns);
    for (const { line, values } of records) {
      const brin = values['BRIN NUMMER'].toUpperCase();
      const vestiging = vestigingCode(brin, values.VESTIGINGSNUMMER);
      let code = gemeenteCode(values.GEMEENTENUMMER);
      if (!/^[0-9A-Z]{4}$/.test(brin) || !/^[0-9A-Z]{4}\d{2}$/.test(vestiging) || !vestiging.startsWith(brin) || !code) {
        skipped.push(`${file}:${line}`);
        continue;
      }
      const name = values.GEMEENTENAAM;
      if (name && !reg.gemeenteNames.has(name)) reg.gemeenteNames.set(name, code);
      if (code === HAAREN) {
        const to = haarenByPlace[values.PLAATSNAAM.trim().toUpperCase()];
        if (to) {
          code = to;
          reg.haarenPlaced.add(vestiging);
        } else {
          reg.notes.push(`DUO-vestigingenregister ${kind}: vestiging ${vestiging} in ${values.PLAATSNAAM} (voormalige gemeente Haaren) hoort bij geen van de dorpen waarover Haaren in 2021 is verdeeld; zij blijft bij Haaren.`);
        }
      }
      const known = reg.vestigingGemeente.get(vestiging);
      if (known && known !== code) {
        reg.notes.push(`DUO-vestigingenregister: vestiging ${vestiging} staat onder twee gemeenten (${known} en ${code}); de eerste is aangehouden.`);
        continue;
      }
      if (kind === 'vo') reg.voVestigingen.add(vestiging);
      if (known) continue;
      reg.vestigingGemeente.set(vestiging, code);
      const perGemeente = reg.brinGemeenten.get(brin) ?? new Map<string, number>();
      perGemeente.set(code, (perGemeente.get(code) ?? 0) + 1);
      reg.brinGemeenten.set(brin, perGemeente);
      if (vestiging.endsWith('00')) reg.brinHoofdGemeente.set(brin, code);
    }
  }
  if (skipped.length) {
    reg.notes.push(`DUO-vestigingenregisters: ${skipped.length} regels zonder leesbare BRIN, vestiging of gemeentenummer overgeslagen (${skipped.slice(0, 5).join(', ')}${skipped.length > 5 ? ', …' : ''}).`);
  }
  return reg;
}

/** Indeling of the code a register gives for a vestiging. */
export function vestigingIndeling(reg: DuoRegisters, vestiging: string): number {
  return reg.haarenPlaced.has(vestiging) ? TARGET_INDELING : REGISTER_INDELING;
}

/**
 * Gemeente of an instelling (4-character BRIN): its vestiging '00', else the gemeente
 * with most vestigingen (ties: the lowest code). Undefined when not in a register.
 */
export function brinPlacement(reg: DuoRegisters, brin: string): { code: string; indeling: number; via: 'hoofdvestiging' | 'meeste vestigingen' } | undefined {
  const hoofd = reg.brinHoofdGemeente.get(brin);
  if (hoofd) return { code: hoofd, indeling: vestigingIndeling(reg, `${brin}00`), via: 'hoofdvestiging' };
  const per = reg.brinGemeenten.get(brin);
  if (!per) return undefined;
  const [code] = [...per].sort(([a, n], [b, m]) => m - n || a.localeCompare(b))[0];
  const haaren = [...reg.haarenPlaced].some((v) => v.startsWith(brin) && reg.vestigingGemeente.get(v) === code);
  return { code, indeling: haaren ? TARGET_INDELING : REGISTER_INDELING, via: 'meeste vestigingen' };
}

// ---------------------------------------------------------------------------
// Gemeente names

export interface NameMatch {
  code: string;
  indeling: number;
  /** The table matched through, for notes. */
  table: string;
}
export type NameLookup = NameMatch | { code?: undefined; reason: 'onbekend' | 'dubbelzinnig' | 'opgesplitst' };

/** Lower case, no diacritics, only letters and digits; qualifiers are kept: "BERGEN (NH.)" → "bergennh". */
export function nameKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** The name without its qualifier: "Bergen (NH.)", "BERGEN LB", "Hengelo (O.)" → "bergen", "bergen", "hengelo". */
export function baseKey(name: string): string {
  return nameKey(
    name
      .replace(/\([^)]*\)/g, ' ')
      .trim()
      .replace(/\s+(NH|LB|L|ZH|Z|O|GLD|GL|NB|U|FR|DR|OV|GR|FL|ZL)\.?$/i, ''),
  );
}

/**
 * Explicit name → code tables, searched in the order they were added. A name matches
 * by its full key (qualifier included); an unqualified name also matches by base name,
 * but only when that base names one gemeente in all tables together: plain "BERGEN"
 * (Bergen NH. GM0373 or Bergen L. GM0893) is refused. Haaren (split in 2021) needs a place name.
 */
export class GemeenteNames {
  private readonly exact = new Map<string, NameMatch[]>();
  private readonly base = new Map<string, NameMatch[]>();

  add(name: string, code: string, indeling: number, table: string): this {
    const m: NameMatch = { code, indeling, table };
    for (const [map, key] of [[this.exact, nameKey(name)], [this.base, baseKey(name)]] as const) {
      if (!key) continue;
      const list = map.get(key) ?? [];
      if (!list.some((x) => x.code === code && x.table === table)) list.push(m);
      map.set(key, list);
    }
    return this;
  }

  lookup(name: string, plaats?: string): NameLookup {
    const key = nameKey(name);
    let found = pick(this.exact.get(key));
    if (!found && key === baseKey(name)) found = pick(this.base.get(key), true);
    if (!found) return { reason: 'onbekend' };
    if ('reason' in found) return found;
    if (found.code === HAAREN) {
      const to = plaats ? haarenByPlace[plaats.trim().toUpperCase()] : undefined;
      return to ? { code: to, indeling: TARGET_INDELING, table: 'plaatsnaam (Haaren)' } : { reason: 'opgesplitst' };
    }
    return found;
  }
}

/** First table's match; refused when a table gives two codes (or, for base names, any two tables). */
function pick(list: NameMatch[] | undefined, acrossTables = false): NameMatch | { reason: 'dubbelzinnig' } | undefined {
  if (!list?.length) return undefined;
  const scope = acrossTables ? list : list.filter((m) => m.table === list[0].table);
  const codes = new Set(scope.map((m) => m.code));
  return codes.size > 1 ? { reason: 'dubbelzinnig' } : list[0];
}

/**
 * Gemeenten merged between 2014 and 2020, by the name DUO used, → their 2020 code.
 * Empty on purpose: every GEMEENTENAAM in both exam files and in the schooladviezen is a
 * name of the 2020 registers, of the koppeltabel (2023) or of `duoMisspelled`
 * (checked in tests/unit/sources-duo-vo.test.ts); DUO labels the 2014-2019 exam rows with
 * the gemeenten of 2019/2020 (e.g. no SCHIJNDEL, 2017 → Meierijstad, or LEEUWARDERADEEL,
 * 2018 → Leeuwarden). Add an entry only for a name that actually occurs unmatched.
 */
export const formerGemeenten2020: Readonly<Record<string, { code: string; merged: number }>> = {};

/** Garbled spellings in DUO-derived files (Windows-1252 read as UTF-8, twice) → code. */
export const duoMisspelled: Readonly<Record<string, string>> = {
  'S\uFFFDdwest-Frysl\uFFFDn': 'GM1900',
  'S\u00C2\u00B7dwest-Frysl\u00C3\u0094n': 'GM1900',
};

/** Names of the koppeltabel (indeling 2023). */
export async function readKoppeltabelNames(files: DataFiles): Promise<{ name: string; code: string }[]> {
  const file = koppeltabelSource.file;
  const { header, records } = parseCsvRecords(await files.text(file), ';');
  requireColumns(files, file, header, ['gemeentCode', 'gemeenteNaam']);
  return records.map(({ values }) => ({ name: values.gemeenteNaam, code: values.gemeentCode })).filter((r) => /^GM\d{4}$/.test(r.code));
}

/**
 * The name table used by the DUO readers: register names (2020) first, then the
 * koppeltabel (2023; a gemeente unchanged since 2020 keeps indeling 2020, so a code
 * never appears in two indelingen), then former gemeenten and misspellings.
 */
export async function duoGemeenteNames(files: DataFiles, reg: DuoRegisters): Promise<GemeenteNames> {
  const names = new GemeenteNames();
  for (const [name, code] of reg.gemeenteNames) names.add(name, code, REGISTER_INDELING, 'vestigingenregister 2020');
  const registerCodes = new Set(reg.gemeenteNames.values());
  const changed = new Set([...mergersSince(REGISTER_INDELING).map((m) => m.into), ...Object.values(haarenByPlace)]);
  for (const { name, code } of await readKoppeltabelNames(files)) {
    const same = registerCodes.has(code) && !changed.has(code);
    names.add(name, code, same ? REGISTER_INDELING : TARGET_INDELING, 'koppeltabel 2023');
  }
  for (const [name, { code }] of Object.entries(formerGemeenten2020)) names.add(name, code, REGISTER_INDELING, 'voormalige gemeenten');
  for (const [name, code] of Object.entries(duoMisspelled)) names.add(name, code, REGISTER_INDELING, 'verminkte namen');
  return names;
}

// ---------------------------------------------------------------------------
// Sums per gemeente

/**
 * Per gemeente code, one entry, whatever indeling its parts came in: a code reached in
 * both 2020 and 2023 (a gemeente that received part of Haaren, or an unchanged one) is
 * filed under 2023, which then covers both parts.
 */
export class PerGemeente<T> {
  private readonly map = new Map<string, { code: string; indelingen: Set<number>; acc: T }>();
  constructor(private readonly init: () => T) {}

  at(code: string, indeling: number): T {
    let e = this.map.get(code);
    if (!e) {
      e = { code, indelingen: new Set(), acc: this.init() };
      this.map.set(code, e);
    }
    e.indelingen.add(indeling);
    return e.acc;
  }

  *entries(): Generator<{ code: string; indeling: number; mixed: boolean; acc: T }> {
    for (const e of this.map.values()) {
      const ids = [...e.indelingen];
      if (ids.length > 1 && ids.some((i) => codeIn2023(e.code, i) !== e.code)) {
        throw new Error(`internal: ${e.code} reached in indelingen ${ids.join(', ')} that map to different 2023 codes`);
      }
      yield { code: e.code, indeling: Math.max(...ids), mixed: ids.length > 1, acc: e.acc };
    }
  }
}

export function formatCount(n: number): string {
  return n.toLocaleString('nl-NL');
}

// ---------------------------------------------------------------------------
// Leerlingen vo 2019

const LEERLINGEN_YEAR = 2019;

/**
 * All vo pupils of 1 October 2019 (every leer- of verblijfsjaar, MAN + VROUW) per gemeente, via
 * the vo register, and per vestiging (code `school:<BRIN+vest>`).
 */
export async function readVoLeerlingen(files: DataFiles): Promise<SourceReading> {
  const reg = await readRegisters(files);
  const file = duoLeerlingenVo2019Source.file;
  const { header, records } = parseCsvRecords(await files.text(file), ';');
  requireColumns(files, file, header, ['BRIN NUMMER', 'VESTIGINGSNUMMER']);
  const countCols = header.filter((h) => /^LEER- OF VERBLIJFSJAAR \d+ - (MAN|VROUW)$/.test(h));
  if (countCols.length === 0) throw new ReportError(messages.dataColumnMissing(join(files.dataDir, file), 'LEER- OF VERBLIJFSJAAR 1 - MAN'), 'data');
  const sums = new PerGemeente(() => ({ pupils: 0 }));
  /** Per vestiging (all rows, in the register or not): an area of wijken places schools by address. */
  const perSchool = new Map<string, number>();
  const unmatched = new Map<string, number>();
  const unreadable: number[] = [];
  let total = 0;
  for (const { line, values } of records) {
    let pupils = 0;
    for (const c of countCols) {
      const raw = values[c];
      const n = toNumber(raw);
      if (n === null) {
        if (raw !== '') unreadable.push(line);
        continue;
      }
      pupils += n;
    }
    total += pupils;
    const vestiging = vestigingCode(values['BRIN NUMMER'], values.VESTIGINGSNUMMER);
    perSchool.set(vestiging, (perSchool.get(vestiging) ?? 0) + pupils);
    const code = reg.voVestigingen.has(vestiging) ? reg.vestigingGemeente.get(vestiging) : undefined;
    if (!code) {
      unmatched.set(vestiging, (unmatched.get(vestiging) ?? 0) + pupils);
      continue;
    }
    sums.at(code, vestigingIndeling(reg, vestiging)).pupils += pupils;
  }
  const observations: SourceObservation[] = [];
  for (const { code, indeling, acc } of sums.entries()) {
    observations.push({ code, indicator: 'leerlingen_vo', year: LEERLINGEN_YEAR, indeling, value: acc.pupils });
  }
  const schools: SourceObservation[] = [...perSchool].map(([vestiging, pupils]) => ({ code: schoolCode(vestiging), indicator: 'leerlingen_vo', year: LEERLINGEN_YEAR, indeling: TARGET_INDELING, value: pupils }));
  // The register's own notes travel with this reading only, so they are not repeated.
  const notes = [...reg.notes];
  const lost = [...unmatched.values()].reduce((a, b) => a + b, 0);
  if (unmatched.size) {
    notes.push(
      `DUO-leerlingen vo 2019: ${unmatched.size} vestigingen met ${formatCount(lost)} van de ${formatCount(total)} leerlingen staan niet in het vestigingenregister vo van 2020 en zijn niet meegeteld (${[...unmatched.keys()].sort().join(', ')}).`,
    );
  }
  if (unreadable.length) notes.push(`DUO-leerlingen vo 2019: ${unreadable.length} onleesbare aantallen (regels ${[...new Set(unreadable)].slice(0, 5).join(', ')}) niet meegeteld.`);
  return { observations, notes, schools };
}

const indicators: IndicatorDef[] = [
  ...speciaalOnderwijs([
    ['pct_vso', 'Leerlingen in het vso', 'het aandeel leerlingen in het voortgezet speciaal onderwijs', 'Leerlingen in het voortgezet speciaal onderwijs (vso) als percentage van alle leerlingen in vo en vso', 'duo-leerlingen-vo-2019'],
  ]),
  { ...internalCount('leerlingen_vo', 'Leerlingen vo (1 oktober 2019)', 'duo-leerlingen-vo-2019', { 2019: 'duo-leerlingen-vo-2019:derived' }), schoolLevel: 'vestiging' },
];

export const voLeerlingenModule: SourceModule = {
  id: 'duo-leerlingen-vo-2019',
  sources: [duoLeerlingenVo2019Source],
  indicators,
  fetchTables: (k) => [
    {
      name: 'duo-vestigingen-vo',
      sourceId: 'duo-leerlingen-vo-2019',
      publisher: 'duo',
      tableId: k.duoDatasets.vestigingenVo,
      year: 2020,
      file: duoLeerlingenVo2019Source.files![0],
      check: { kind: 'csv', sep: ';', columns: k.registerColumns, codes: { column: 'VESTIGINGSNUMMER', pattern: k.patterns.VESTIGING, min: 1000 }, values: { key: ['VESTIGINGSNUMMER'] } },
      fetch: k.duo.register(k.duoDatasets.vestigingenVo, k.registerFile('vo')),
    },
    {
      name: 'duo-leerlingen-vo-2019',
      sourceId: 'duo-leerlingen-vo-2019',
      publisher: 'duo',
      tableId: `${k.duoPageFiles.leerlingenVo2019.replace(/^\d+\.?-/, '')} (tried as ${k.duoPageFileVariants.leerlingenVo2019.map((v) => /^\d+\.?-/.exec(v.name)?.[0] ?? 'unnumbered').join(', ')})`,
      year: 2019,
      file: duoLeerlingenVo2019Source.file,
      check: { kind: 'csv', sep: ';', columns: ['BRIN NUMMER', 'VESTIGINGSNUMMER', 'ONDERWIJSTYPE VO EN LEER- OF VERBLIJFSJAAR', 'LEER- OF VERBLIJFSJAAR 1 - MAN'],
        values: { key: ['BRIN NUMMER', 'VESTIGINGSNUMMER', 'ONDERWIJSTYPE VO EN LEER- OF VERBLIJFSJAAR', 'ELEMENTCODE'], numbers: [count(/^LEER- OF VERBLIJFSJAAR \d - (MAN|VROUW)$/)] },
      },
      // Tried under each name DUO may use, in order (src/fetch/catalogue.ts duoPageFileVariants, with the evidence).
      fetch: k.duo.fileVariants(k.duoPageFileVariants.leerlingenVo2019),
    },
  ],
  load: (ctx) => readVoLeerlingen(ctx.read),
};
