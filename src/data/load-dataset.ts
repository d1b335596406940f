/**
 * Reads the staged public data as it is (no copies), checks codes and names, and
 * fills one SeriesStore per run with every catalogue indicator. Loaded once per
 * process and shared by all regions of a batch.
 */
import { join } from 'node:path';
import type { FeatureCollection, Geometry } from 'geojson';
import { ReportError } from '../errors.js';
import { messages } from '../messages.js';
import { aggregateObservation } from './aggregate.js';
import { catalogue, indicatorList } from './catalogue.js';
import { parseCsvRecords } from './csv.js';
import { editDistance, formerGemeenten, nameAliases, normalizeName, predecessors2022 } from './gemeente-names.js';
import { SeriesStore, applySuppression, type Observation } from './series.js';
import { sources } from './sources.js';
import { DataReader, toNumber } from './sources/data-files.js';

export interface GemeenteInfo {
  code: string;
  /** Name for print: "Groningen", not the koppeltabel's "Groningen (gemeente)". */
  name: string;
  provinceCode: string;
  provinceName: string;
}

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
  /** sha256 over every data file read: a batch re-renders when it changes. */
  inputsHash: string;
}

const provinceNames: Record<string, string> = {
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
      if (src === sourceId && field) out.push({ indicator: def.id, year: Number(year), field });
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
  for (const col of ['gemeentCode', 'gemeenteNaam', 'provincieCode']) {
    if (!koppel.header.includes(col)) throw new ReportError(messages.dataColumnMissing(join(dataDir, sources.koppeltabel.file), col), 'data');
  }
  const gemeenten = new Map<string, GemeenteInfo>();
  const provinces = new Map<string, { code: string; name: string }>();
  for (const { values } of koppel.records) {
    const provinceCode = values.provincieCode;
    const provinceName = provinceNames[provinceCode] ?? values.Provincie;
    provinces.set(provinceCode, { code: provinceCode, name: provinceName });
    gemeenten.set(values.gemeentCode, {
      code: values.gemeentCode,
      name: values.gemeenteNaam.replace(/\s*\(gemeente\)$/, ''),
      provinceCode,
      provinceName,
    });
  }
  const byName = new Map<string, string>();
  for (const g of gemeenten.values()) byName.set(normalizeName(g.name), g.code);
  const codeForName = (name: string): string | undefined => {
    const n = normalizeName(name);
    return byName.get(n) ?? nameAliases[n] ?? formerGemeenten[n];
  };

  // KWB 2022 (indeling 2022): read by its own codes, then map to indeling 2023.
  const kwb22 = parseCsvRecords(await read.text(sources['kwb-2022'].file));
  const targets22 = fieldTargets('gemeente', 'kwb-2022');
  const codes2022: string[] = [];
  for (const { values } of kwb22.records) {
    const code = values.gemeentecode;
    if (code === 'GM0998') continue;
    codes2022.push(code);
    for (const t of targets22) series.set(t.indicator, t.year, code, cbsObservation(values[t.field]));
    const opl = ['opl_laag', 'opl_midden', 'opl_hoog'].map((f) => toNumber(values[f]));
    if (opl.every((v) => v !== null)) {
      const total = opl.reduce((a, b) => a! + b!, 0)!;
      (['laag', 'midden', 'hoog'] as const).forEach((level, i) =>
        series.set(`pct_opl_${level}`, 2022, code, applySuppression({ value: (opl[i]! / total) * 100, numerator: opl[i]!, denominator: total })),
      );
    }
  }
  deriveYouthCount(series, 2022, codes2022);
  mergePredecessors2022(series, notes);

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

  await loadUtrechtBijstand(read, series, wijken);
  await loadExams(read, series, codeForName, notes);
  await loadAdvies(read, series, codeForName, notes);

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

function mergePredecessors2022(series: SeriesStore, notes: string[]): void {
  const merged: [string, number, string, Observation][] = [];
  for (const def of indicatorList) {
    if (!def.fields.gemeente?.[2022]) continue;
    for (const [target, parts] of Object.entries(predecessors2022)) {
      const obs = aggregateObservation(series, def, 2022, parts);
      merged.push([def.id, 2022, target, obs.value === null ? obs : { ...obs, note: 'opgeteld uit de gemeenten van 2022' }]);
    }
  }
  for (const [ind, year, code, obs] of merged) series.set(ind, year, code, obs);
  const retired = new Set(Object.values(predecessors2022).flat().filter((c) => !(c in predecessors2022)));
  for (const def of indicatorList) for (const code of retired) series.delete(def.id, 2022, code);
  notes.push('KWB 2022 omgerekend naar de gemeentelijke indeling 2023 (Voorne aan Zee, Amsterdam met Weesp).');
}

async function loadUtrechtBijstand(read: DataReader, series: SeriesStore, wijken: Map<string, WijkInfo>): Promise<void> {
  const { records } = parseCsvRecords(await read.text(sources['kwb-2023-utrecht'].file));
  for (const { values } of records) {
    const code = values.gwb_code;
    if (!(code.startsWith('GM') || (code.startsWith('WK') && wijken.has(code)))) continue;
    const num = toNumber(values.a_soz_wb);
    const den = toNumber(values.a_inw);
    if (num === null || den === null || den === 0) continue;
    series.set('bijstand_per_1000', 2023, code, applySuppression({ value: (num / den) * 1000, numerator: num, denominator: den }));
  }
}

const examTypes = { VMBO: 'vmbo', HAVO: 'havo', VWO: 'vwo' } as const;

/**
 * DUO exam results per school × programme → per gemeente and year, summed over
 * schools. A "<5" count is unknown, so that programme is left out of both
 * numerator and denominator; a known number of candidates with "<5" passed is
 * recovered from the published pass rate.
 */
async function loadExams(read: DataReader, series: SeriesStore, codeForName: (n: string) => string | undefined, notes: string[]): Promise<void> {
  const file = sources['duo-examen'].file;
  const { header, records } = parseCsvRecords(await read.text(file), ';');
  const years = [2019, 2020, 2021, 2022, 2023];
  for (const y of years) {
    const col = `EXAMENKANDIDATEN SCHOOLJAAR ${y}-${y + 1} - TOTAAL`;
    if (!header.includes(col)) throw new ReportError(messages.dataColumnMissing(join(read.dataDir, file), col), 'data');
  }
  type Acc = { candidates: number; passed: number };
  const acc = new Map<string, Acc>(); // key: indicator|year|code
  const add = (ind: string, year: number, code: string, c: number, p: number) => {
    const key = `${ind}|${year}|${code}`;
    const a = acc.get(key) ?? { candidates: 0, passed: 0 };
    a.candidates += c;
    a.passed += p;
    acc.set(key, a);
  };
  const unmatched = new Set<string>();
  const vestigingen = new Map<string, Set<string>>(); // year|code → vestigingscodes
  for (const { values } of records) {
    const code = codeForName(values.GEMEENTENAAM);
    if (!code) {
      unmatched.add(values.GEMEENTENAAM);
      continue;
    }
    const type = examTypes[values['ONDERWIJSTYPE VO'] as keyof typeof examTypes];
    for (const y of years) {
      const k = toNumber(values[`EXAMENKANDIDATEN SCHOOLJAAR ${y}-${y + 1} - TOTAAL`]);
      if (k === null || k === 0) continue;
      let g = toNumber(values[`GESLAAGDEN SCHOOLJAAR ${y}-${y + 1} - TOTAAL`]);
      if (g === null) {
        const pct = toNumber(values[`SLAAGPERC SCHOOLJAAR ${y}-${y + 1} - TOTAAL`]);
        if (pct === null) continue;
        g = Math.round((pct * k) / 100);
      }
      add('slaagpct_vo', y, code, k, g);
      const vk = `${y}|${code}`;
      vestigingen.set(vk, (vestigingen.get(vk) ?? new Set()).add(values.VESTIGINGSCODE));
      if (type) add(`slaagpct_${type}`, y, code, k, g);
    }
  }
  for (const [key, a] of acc) {
    const [ind, year, code] = key.split('|');
    series.set(ind, Number(year), code, applySuppression({ value: (a.passed / a.candidates) * 100, numerator: a.passed, denominator: a.candidates }));
    if (ind === 'slaagpct_vo') series.set('examenkandidaten', Number(year), code, { value: a.candidates });
  }
  for (const [key, set] of vestigingen) {
    const [year, code] = key.split('|');
    series.set('vo_vestigingen', Number(year), code, { value: set.size });
  }
  if (unmatched.size > 0) notes.push(`DUO-examens: ${unmatched.size} gemeentenaam/-namen niet herkend en niet meegeteld (${[...unmatched].sort().join(', ')}).`);
}

async function loadAdvies(read: DataReader, series: SeriesStore, codeForName: (n: string) => string | undefined, notes: string[]): Promise<void> {
  const { records } = parseCsvRecords(await read.text(sources['duo-advies'].file));
  const acc = new Map<string, { vwo: number; pupils: number }>();
  const schools = new Map<string, { bo: number; sbo: number }>();
  let unmatchedSchools = 0;
  const unmatchedNames = new Set<string>();
  for (const { values } of records) {
    const code = codeForName(values.gemeente);
    if (!code) unmatchedNames.add(values.gemeente);
    if (code) {
      const c = schools.get(code) ?? { bo: 0, sbo: 0 };
      if (values.type === 'Sbo') c.sbo++;
      else c.bo++;
      schools.set(code, c);
    }
    const share = toNumber(values.X_linear);
    const pupils = toNumber(values.pupils_total);
    if (share === null || pupils === null || pupils === 0) continue;
    if (!code) {
      unmatchedSchools++;
      continue;
    }
    const a = acc.get(code) ?? { vwo: 0, pupils: 0 };
    a.vwo += (share / 100) * pupils;
    a.pupils += pupils;
    acc.set(code, a);
  }
  for (const [code, a] of acc) {
    series.set('pct_vwo_advies', 2019, code, applySuppression({ value: (a.vwo / a.pupils) * 100, numerator: Math.round(a.vwo), denominator: a.pupils }));
  }
  for (const [code, c] of schools) {
    series.set('basisscholen', 2019, code, { value: c.bo });
    series.set('sbo_scholen', 2019, code, { value: c.sbo });
  }
  if (unmatchedSchools > 0) {
    notes.push(
      `Schooladviezen: ${unmatchedSchools} basisscholen onder een gemeentenaam die niet meer bestaat en niet eenduidig over te zetten is (${[...unmatchedNames].sort().join(', ')}) niet meegeteld.`,
    );
  }
}

/** Finds a gemeente by code or name; throws with the nearest names when unknown. */
export function findGemeente(dataset: Dataset, query: string): GemeenteInfo {
  const q = query.trim();
  const byCode = dataset.gemeenten.get(q.toUpperCase());
  if (byCode) return byCode;
  const n = normalizeName(q);
  for (const g of dataset.gemeenten.values()) if (normalizeName(g.name) === n) return g;
  const alias = nameAliases[n];
  if (alias && dataset.gemeenten.has(alias)) return dataset.gemeenten.get(alias)!;
  throw new ReportError(messages.unknownGemeente(query, suggestGemeenten(dataset, q)), 'unknown-region');
}

export function suggestGemeenten(dataset: Dataset, query: string, max = 3): string[] {
  const n = normalizeName(query);
  const candidates = [
    ...[...dataset.gemeenten.values()].map((g) => ({ key: normalizeName(g.name), code: g.code })),
    ...Object.entries(nameAliases).map(([key, code]) => ({ key, code })),
  ];
  const best = new Map<string, number>();
  for (const c of candidates) {
    const d = editDistance(n, c.key);
    if (d < (best.get(c.code) ?? Infinity)) best.set(c.code, d);
  }
  return [...best]
    .sort((a, b) => a[1] - b[1])
    .slice(0, max)
    .map(([code]) => `${dataset.gemeenten.get(code)!.name} (${code})`);
}

export { catalogue };
