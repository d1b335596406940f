/**
 * Reads the staged public data as it is (no copies), checks codes and names, and
 * fills one SeriesStore per run with every catalogue indicator. Loaded once per
 * process and shared by all regions of a batch.
 */
import { join } from 'node:path';
import type { FeatureCollection, Geometry } from 'geojson';
import { ReportError } from '../util/errors.js';
import { messages } from '../util/messages.js';
import { catalogue, indicatorList } from './catalogue.js';
import { parseCsvRecords } from '../util/csv.js';
import { KOPPELTABEL_COLUMNS, gemeenteMatches, gemeentenFromKoppeltabel, nearestGemeenten, normalizeName, provinceNames, type GemeenteInfo } from './gemeente-names.js';
import { convertIndelingen, describeConversions } from './indeling.js';
import { NO_OLD_WIJK } from './wijk-matching.js';
import { deriveRatio } from './derive.js';
import { sourceModules } from './sources/index.js';
import type { LoadContext, SourceModule, SourceObservation, SourceReading } from './sources/types.js';
import { isSchoolCode } from './sources/school-codes.js';
import { NEDERLAND_CODE, SeriesStore, applySuppression, type Observation } from './series.js';
import { sources } from './sources.js';
import { DataReader, toNumber } from './sources/data-files.js';

export type { GemeenteInfo } from './gemeente-names.js';

export interface WijkInfo {
  code: string;
  name: string;
  gemeenteCode: string;
  /** "Groot water" wijken (WKgggg99) have no inhabitants and no statistics. */
  populated: boolean;
}

export interface GeoProps {
  code: string;
  name: string;
}

export interface Dataset {
  dataDir: string;
  gemeenten: ReadonlyMap<string, GemeenteInfo>;
  provinces: ReadonlyMap<string, { code: string; name: string }>;
  wijken: ReadonlyMap<string, WijkInfo>;
  series: SeriesStore;
  geo: {
    gemeenten: FeatureCollection<Geometry, GeoProps>;
    provincies: FeatureCollection<Geometry, GeoProps>;
    wijken: FeatureCollection<Geometry, GeoProps>;
  };
  /** Facts about the load a reader or user should know ("12 DUO-vestigingen zonder gemeente"). */
  notes: string[];
  /** Of those, the optional tables absent from the data directory: every edition says so. */
  missingTables: string[];
  /** sha256 over every data file read: a batch re-renders when it changes. */
  inputsHash: string;
}

/** A published cell; an empty one is a value CBS did not publish (too few inhabitants, or not yet available). */
function cbsObservation(raw: unknown): Observation {
  const value = toNumber(raw);
  return value === null ? { value: null, note: 'niet gepubliceerd door CBS' } : { value };
}

/** field lookup per "sourceId:field" → indicator ids and years. */
function fieldTargets(level: 'gemeente' | 'wijk', sourceId: string): { indicator: string; year: number; field: string }[] {
  const out: { indicator: string; year: number; field: string }[] = [];
  for (const def of indicatorList) {
    for (const [year, spec] of Object.entries(def.fields[level] ?? {})) {
      const [src, field] = spec.split(':');
      if (src === sourceId && field && field !== 'derived') out.push({ indicator: def.id, year: Number(year), field });
    }
  }
  return out;
}

export async function loadDataset(dataDir: string): Promise<Dataset> {
  const read = new DataReader(dataDir);
  const notes: string[] = [];
  const series = new SeriesStore();

  // Master list: gemeenten and provinces (indeling 2023).
  const koppel = parseCsvRecords(await read.text(sources.koppeltabel.file), ';');
  for (const col of KOPPELTABEL_COLUMNS) {
    if (!koppel.header.includes(col)) throw new ReportError(messages.dataColumnMissing(join(dataDir, sources.koppeltabel.file), col), 'data');
  }
  // The same reading as the light lists of `validate`, `gemeenten` and `wijken` (reference-data.ts).
  const { gemeenten, provinces } = gemeentenFromKoppeltabel(koppel.records);
  /** indicator|year → the gemeentelijke indeling its gemeente codes are in, when older than 2023. */
  const indelingOf = new Map<string, number>();

  // KWB 2022 (indeling 2022): read by its own codes, then map to indeling 2023.
  const kwb22 = parseCsvRecords(await read.text(sources['kwb-2022'].file));
  const targets22 = fieldTargets('gemeente', 'kwb-2022');
  const codes2022: string[] = [];
  for (const { values } of kwb22.records) {
    const code = values.gemeentecode;
    if (code === 'GM0998') continue;
    codes2022.push(code);
    for (const t of targets22) {
      series.set(t.indicator, t.year, code, cbsObservation(values[t.field]));
      indelingOf.set(`${t.indicator}|${t.year}`, 2022);
    }
    const opl = ['opl_laag', 'opl_midden', 'opl_hoog'].map((f) => toNumber(values[f]));
    if (opl.every((v) => v !== null)) {
      const total = opl.reduce((a, b) => a! + b!, 0)!;
      (['laag', 'midden', 'hoog'] as const).forEach((level, i) =>
        series.set(`pct_opl_${level}`, 2022, code, { value: (opl[i]! / total) * 100, numerator: opl[i]!, denominator: total }),
      );
    }
  }
  deriveYouthCount(series, 2022, codes2022);
  for (const id of ['inwoners_0_25', 'pct_opl_laag', 'pct_opl_midden', 'pct_opl_hoog']) indelingOf.set(`${id}|2022`, 2022);

  // KWB 2023 gemeenten (PDOK geojson, indeling 2023) — also the gemeente geometry with statistics.
  const gm2023 = await read.json<FeatureCollection>(sources['kwb-2023'].file);
  const targets23 = fieldTargets('gemeente', 'kwb-2023');
  const nameMismatches: string[] = [];
  const checkName = (code: string, name: unknown, source: string) => {
    const g = gemeenten.get(code);
    if (g && typeof name === 'string' && normalizeName(name) !== normalizeName(g.name)) nameMismatches.push(`${code} "${name}" (${source}) / "${g.name}"`);
  };
  for (const { values } of kwb22.records) checkName(values.gemeentecode, values.gemeentenaam, 'KWB 2022');
  for (const f of gm2023.features) {
    const p = f.properties ?? {};
    const code = String(p.gemeentecode);
    if (!gemeenten.has(code)) continue;
    checkName(code, p.gemeentenaam, 'KWB 2023');
    for (const t of targets23) series.set(t.indicator, t.year, code, cbsObservation(p[t.field]));
  }
  deriveYouthCount(series, 2023, [...gemeenten.keys()]);

  // KWB 2024 (85984NED): gemeenten and wijken, 8 variables.
  const kwb24 = await read.json<Record<string, Record<string, number>>>(sources['kwb-2024'].file);
  const targets24gm = fieldTargets('gemeente', 'kwb-2024');
  const targets24wk = fieldTargets('wijk', 'kwb-2024');
  for (const [code, row] of Object.entries(kwb24)) {
    const targets = code.startsWith('GM') ? targets24gm : targets24wk;
    for (const t of targets) series.set(t.indicator, t.year, code, cbsObservation(row[t.field]));
  }

  // Wijken 2024 (PDOK): names, geometry, demographics.
  const wijkenFc = await read.json<FeatureCollection>(sources['kwb-2024-wijken'].file);
  const wijken = new Map<string, WijkInfo>();
  const targetsWijk = fieldTargets('wijk', 'kwb-2024-wijken');
  const wijkFeatures: FeatureCollection<Geometry, GeoProps>['features'] = [];
  for (const f of wijkenFc.features) {
    const p = f.properties ?? {};
    const code = String(p.wijkcode);
    const gemeenteCode = String(p.gemeentecode);
    if (!gemeenten.has(gemeenteCode)) continue;
    const populated = toNumber(p.aantal_inwoners) !== null;
    wijken.set(code, { code, name: String(p.wijknaam), gemeenteCode, populated });
    wijkFeatures.push({ type: 'Feature', geometry: f.geometry, properties: { code, name: String(p.wijknaam) } });
    for (const t of targetsWijk) series.set(t.indicator, t.year, code, cbsObservation(p[t.field]));
  }

  for (const f of wijkenFc.features) checkName(String(f.properties?.gemeentecode), f.properties?.gemeentenaam, 'wijken 2024');
  if (nameMismatches.length) {
    notes.push(`Gemeentenamen die per bron verschillen (gekoppeld op code): ${[...new Set(nameMismatches)].join('; ')}.`);
  }

  // The source modules, in registry order (src/data/sources/index.ts). Optional ones: a fetched
  // data directory may lack them (see src/fetch/catalogue.ts); their figures are then left out.
  const missingTables: string[] = [];
  const inwoners2024 = new Map([...wijken.values()].map((w) => [w.code, { code: w.code, name: w.name, gemeenteCode: w.gemeenteCode, inwoners: series.value('inwoners', 2024, w.code) }]));
  const ctx: LoadContext = { read, series, indelingOf, wijken, inwoners2024, fieldTargets, wijkindelingen: new Map(), notes };
  const readings: [SourceModule, SourceReading][] = [];
  for (const m of sourceModules) {
    if (!m.load) continue;
    if (m.optional && !(await read.has(m.sources[0].file))) {
      // A newer KWB edition only a fetch brings (kwb-sociaal.ts): in a directory never fetched (the staged
      // data, no datapackage.json) the older editions stand and nothing is missing; a fetch that lacks it says so.
      if (m.quietWhenAbsent && !(await read.has('datapackage.json'))) continue;
      const note = `${m.sources[0].citation}: niet in de datamap, deze cijfers ontbreken.`;
      notes.push(note);
      missingTables.push(note);
      continue;
    }
    const reading = await m.load(ctx);
    if (!reading) continue;
    const match = m.matchWijken?.(ctx, reading);
    addReading(series, indelingOf, reading, wijken, match, m.wijkenOnlyWhereRead);
    m.afterLoad?.(ctx, reading);
    readings.push([m, reading]);
  }

  const conversions = convertIndelingen(series, indelingOf, catalogue);
  notes.push(...describeConversions(conversions));
  // Zero is a count too: a gemeente with only vso schools (no vo) or only vo schools (no vso) has its share.
  zeroWhereAbsent(series, [...gemeenten.keys()]);
  deriveRatio(series, undefined, 'pct_vso', 2019, 'leerlingen_vso', ['leerlingen_vo', 'leerlingen_vso'], 100, [...gemeenten.keys()]);
  deriveSchoolVso(series, 2019);
  applySuppressionAll(series);
  for (const [m, reading] of readings) m.finish?.(ctx, reading);

  // The school points are parsed only when a report needs them (maps.schools, an area of wijken),
  // but a batch must re-render when they change: their hash goes into the inputs hash.
  if (await read.has(sources['duo-scholen-2024'].file)) await read.text(sources['duo-scholen-2024'].file);

  const gmGeo = await read.json<FeatureCollection>('geo/gemeenten_simplified_342.geojson');
  const pvGeo = await read.json<FeatureCollection>('geo/provincies_simplified.geojson');
  return {
    dataDir,
    gemeenten,
    provinces,
    wijken,
    series,
    geo: {
      gemeenten: {
        type: 'FeatureCollection',
        features: gmGeo.features
          .filter((f) => gemeenten.has(String(f.properties?.gemeenteCode)))
          .map((f) => ({ type: 'Feature', geometry: f.geometry, properties: { code: String(f.properties!.gemeenteCode), name: gemeenten.get(String(f.properties!.gemeenteCode))!.name } })),
      },
      provincies: {
        type: 'FeatureCollection',
        features: pvGeo.features.map((f) => ({
          type: 'Feature',
          geometry: f.geometry,
          properties: { code: String(f.properties!.provincieCode), name: provinceNames[String(f.properties!.provincieCode)] ?? String(f.properties!.provincie).trim() },
        })),
      },
      wijken: { type: 'FeatureCollection', features: wijkFeatures },
    },
    notes,
    missingTables,
    inputsHash: read.digest(),
  };
}

/** Young people 0-25 (inwoners × share 0-15 and 15-25), used only to weight youth-care percentages. */
function deriveYouthCount(series: SeriesStore, year: number, codes: string[]): void {
  for (const code of codes) {
    const inw = series.value('inwoners', year, code);
    const a = series.value('pct_0_15', year, code);
    const b = series.value('pct_15_25', year, code);
    if (inw !== null && a !== null && b !== null) series.set('inwoners_0_25', year, code, { value: (inw * (a + b)) / 100 });
  }
}

/** Finds a gemeente by code or name; throws with the nearest names when unknown. */
export function findGemeente(dataset: Dataset, query: string): GemeenteInfo {
  const found = gemeenteMatches(dataset.gemeenten, query);
  if (found.length === 1) return found[0];
  if (found.length > 1) throw new ReportError(messages.ambiguousGemeente(query.trim(), found.map((g) => `${g.name} (${g.code})`)), 'unknown-region');
  throw new ReportError(messages.unknownGemeente(query, suggestGemeenten(dataset, query.trim())), 'unknown-region');
}

export function suggestGemeenten(dataset: Dataset, query: string, max = 3): string[] {
  return nearestGemeenten(dataset.gemeenten, query, max);
}

export { catalogue };

/**
 * Puts a reader's observations into the store under their own gemeente codes (converted
 * later, by indicator and year) and wijk codes matched to the 2024 wijken. A 2024 wijk
 * without a matching older wijk gets a missing value with the reason.
 */
function addReading(
  series: SeriesStore,
  indelingOf: Map<string, number>,
  reading: SourceReading,
  wijken2024: ReadonlyMap<string, WijkInfo>,
  wijkMatch?: (year: number) => ReadonlyMap<string, string>,
  onlyWhereRead = false,
): void {
  const wijkYears = new Map<string, Set<number>>();
  const observation = (o: SourceObservation): Observation => {
    const obs: Observation = { value: o.value };
    if (o.numerator !== undefined) obs.numerator = o.numerator;
    if (o.denominator !== undefined) obs.denominator = o.denominator;
    if (o.suppressed) obs.suppressed = true;
    if (o.note) obs.note = o.note;
    if (o.approximate) obs.approximate = true;
    return obs;
  };
  // Per-school figures under their own codes: areas of wijken sum the schools located in them.
  for (const o of reading.schools ?? []) series.set(o.indicator, o.year, o.code, observation(o));
  for (const o of reading.observations) {
    const obs = observation(o);
    if (o.code.startsWith('WK')) {
      const target = wijkMatch?.(o.year).get(o.code);
      if (!target) continue;
      series.set(o.indicator, o.year, target, obs);
      wijkYears.set(o.indicator, (wijkYears.get(o.indicator) ?? new Set()).add(o.year));
    } else {
      series.set(o.indicator, o.year, o.code === 'NL00' ? NEDERLAND_CODE : o.code, obs);
      if (o.code.startsWith('GM') && o.indeling < 2023) {
        const key = `${o.indicator}|${o.year}`;
        indelingOf.set(key, Math.min(indelingOf.get(key) ?? o.indeling, o.indeling));
      }
    }
  }
  // A file of a few gemeenten (SES-WOA: Amsterdam) says nothing of the wijken of other gemeenten.
  const readGemeenten = new Set([...(reading.wijken?.values() ?? [])].map((w) => w.gemeenteCode));
  for (const [indicator, years] of wijkYears) {
    for (const year of years) {
      for (const w of wijken2024.values()) {
        if (onlyWhereRead && !readGemeenten.has(w.gemeenteCode)) continue;
        if (w.populated && !series.get(indicator, year, w.code)) series.set(indicator, year, w.code, { value: null, note: NO_OLD_WIJK(reading.wijkindeling ?? year) });
      }
    }
  }
}

/**
 * The share of vso pupils per school (vso / (vo + vso)), for areas of wijken: a vo school has
 * only vo pupils and a vso school only vso pupils, so each is 0 in the other count.
 */
function deriveSchoolVso(series: SeriesStore, year: number): void {
  const codes = new Set([...series.byCode('leerlingen_vo', year).keys(), ...series.byCode('leerlingen_vso', year).keys()].filter(isSchoolCode));
  for (const code of codes) {
    const vo = series.value('leerlingen_vo', year, code) ?? 0;
    const vso = series.value('leerlingen_vso', year, code) ?? 0;
    if (vo + vso > 0) series.set('pct_vso', year, code, { value: (vso / (vo + vso)) * 100, numerator: vso, denominator: vo + vso });
  }
}

/** Suppression after conversion, so that merged gemeenten are summed from the full counts. */
function applySuppressionAll(series: SeriesStore): void {
  for (const def of indicatorList) {
    for (const year of series.years(def.id)) {
      for (const [code, obs] of series.byCode(def.id, year)) {
        if (obs.value === null || obs.denominator === undefined) continue;
        const checked = applySuppression(def.numeratorIsScore ? { ...obs, numerator: undefined } : obs);
        if (checked.suppressed) series.set(def.id, year, code, checked);
      }
    }
  }
}

/**
 * Zero is a figure: a count from a complete national file (schools, candidates, pupils) is 0
 * for a gemeente the file has no row for, in a year the file covers.
 */
function zeroWhereAbsent(series: SeriesStore, codes: string[]): void {
  for (const def of indicatorList) {
    if (!def.sparse || def.unit !== 'count') continue;
    for (const year of series.years(def.id)) {
      const have = series.byCode(def.id, year);
      if (have.size === 0) continue;
      for (const code of codes) if (!have.has(code)) series.set(def.id, year, code, { value: 0 });
    }
  }
}
