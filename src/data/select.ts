/**
 * Dataset + resolved config → the facts of one report: the region and its
 * comparison areas, the sections with their indicators and figures, and every
 * value looked up once. Later stages only read from here.
 */
import { ReportError } from '../util/errors.js';
import { messages } from '../util/messages.js';
import type { ResolvedRegionConfig } from '../config/resolve.js';
import { formatPath } from '../config/load.js';
import { aggregateObservation } from './aggregate.js';
import { catalogue as baseCatalogue, domainTitles, fieldFor, indicatorList, type Domain, type IndicatorDef, type Level } from './catalogue.js';
import { loadExtraData, type InputWarning } from './extra-data.js';
import { figures as figureCatalogue, MIN_WIJKEN_FOR_CORRELATION, standardSections, type FigureDef } from './figures.js';
import { figureKinds, type FigureKind } from './figure-def.js';
import { editDistance } from '../util/edit-distance.js';
import { findGemeente, type Dataset, type GemeenteInfo } from './load-dataset.js';
import { NEDERLAND_CODE, SeriesStore, type Observation } from './series.js';
import { computePeers, peerMethod } from './peers.js';
import { readSchoolPoints, type SchoolPoints } from './sources/duo-scholen-2024.js';
import { DataReader } from './sources/data-files.js';
import { inSentence, formatNumber } from '../format.js';
import { instellingCode, schoolCode, schoolsInArea, type AreaSchools } from './school-area.js';
import { sources } from './sources.js';

export type AreaRole = 'region' | 'gemeente' | 'province' | 'similar' | 'nederland';

export interface AreaRef {
  id: string;
  name: string;
  role: AreaRole;
  level: Level;
  codes: string[];
  /** How the area is made up, for the colophon. */
  description: string;
}

export interface ValueAt extends Observation {
  year: number | null;
}

export interface ReportSection {
  domain: Domain;
  title: string;
  anchor: string;
  figures: FigureDef[];
  indicators: IndicatorDef[];
  markdown?: string;
  /** Whether the consultant's text follows or replaces the computed sentences. */
  textMode: 'follow' | 'replace';
  /** The consultant's own text per indicator id ("" removes the computed sentence). */
  indicatorTexts: Record<string, string>;
  /** Figures and table rows left out because the region has no value in any year, one line each with the reason. */
  omitted: string[];
}

export interface ReportData {
  config: ResolvedRegionConfig;
  dataset: Dataset;
  catalogue: ReadonlyMap<string, IndicatorDef>;
  region: AreaRef;
  /** Gemeenten the region lies in (for maps and the locator). */
  gemeenten: GemeenteInfo[];
  comparisons: AreaRef[];
  /** The similar gemeenten (computed or from the config), empty when switched off. */
  peers: GemeenteInfo[];
  sections: ReportSection[];
  /** Wijken to draw on the wijk maps (all wijken of the region's gemeenten, or the chosen wijken). */
  mapWijken: string[];
  /** School locations for the wijk maps, when the config asks for them. */
  schools?: SchoolPoints;
  /** Input that is unusual but can be right (extra data): printed by render and validate, listed in the colophon. */
  warnings?: InputWarning[];
  /**
   * An area of wijken: the schools located in it, whose figures are the area's values of the
   * school indicators (IndicatorDef.schoolLevel); with the method and what was left out, in Dutch.
   */
  areaSchools?: AreaSchools & { notes: string[] };
  /**
   * The facts every chart, map, table and sentence prints, decided here once: an area's value
   * (its latest year with a value or a withheld one, never silently an older year), a wijk's value
   * in a year, and the values of all gemeenten (for spreads and ranks). Nothing reads the series.
   */
  value(indicator: string, area: AreaRef, year?: number): ValueAt;
  /** A wijk's value in a year; missing with the reason the source gives, or "geen gegevens in de bron". */
  wijkValue(indicator: string, code: string, year: number): ValueAt;
  /** Every gemeente's value in a year (indeling 2023), for spreads and ranks. */
  gemeenteValues(indicator: string, year: number): ReadonlyMap<string, Observation>;
  /** Years with data for the indicator at the area's level, ascending. */
  years(indicator: string, area: AreaRef): number[];
}

const comparisonCache = new WeakMap<Dataset, Map<string, Observation>>();
const schoolCache = new WeakMap<Dataset, Promise<SchoolPoints>>();

/** School points are read once per run, and only when a region asks for them. */
function schoolPointsOf(dataset: Dataset): Promise<SchoolPoints> {
  let p = schoolCache.get(dataset);
  if (!p) schoolCache.set(dataset, (p = readSchoolPoints(new DataReader(dataset.dataDir))));
  return p;
}

export async function selectReportData(config: ResolvedRegionConfig, dataset: Dataset): Promise<ReportData> {
  const file = config.source.displayFile;
  const at = (path: (string | number)[]) => {
    const line = config.source.lineOf(path);
    return `${file}${line ? `:${line}` : ''}`;
  };

  // Region
  const { area } = config;
  let region: AreaRef;
  let gemeenten: GemeenteInfo[];
  let mapWijken: string[];
  /** One gemeente by two spellings (a name and its code): the config loader compares the text only. */
  const sameGemeenteTwice = (found: GemeenteInfo[], given: string[], path: (string | number)[]) => {
    const firstAt = new Map<string, number>();
    for (const [i, g] of found.entries()) {
      const first = firstAt.get(g.code);
      if (first !== undefined) {
        throw new ReportError(messages.configRepeated(file, config.source.lineOf([...path, i]), `${formatPath([...path, i])}`, given[i], `${formatPath([...path, first])}, ${g.name}`), 'config');
      }
      firstAt.set(g.code, i);
    }
  };
  const lookup = (q: string, path: (string | number)[]) => {
    try {
      return findGemeente(dataset, q);
    } catch (e) {
      if (e instanceof ReportError) throw new ReportError(`${at(path)}: ${formatPath(path)}: ${e.message}`, 'config');
      throw e;
    }
  };
  if (area.gemeente) {
    const g = lookup(area.gemeente, ['area', 'gemeente']);
    gemeenten = [g];
    region = { id: 'region', name: area.name ?? g.name, role: 'region', level: 'gemeente', codes: [g.code], description: `gemeente ${g.name} (${g.code})` };
  } else if (area.gemeenten) {
    gemeenten = area.gemeenten.map((q, i) => lookup(q, ['area', 'gemeenten', i]));
    sameGemeenteTwice(gemeenten, area.gemeenten, ['area', 'gemeenten']);
    const codes = [...new Set(gemeenten.map((g) => g.code))];
    region = {
      id: 'region',
      name: area.name!,
      role: 'region',
      level: 'gemeente',
      codes,
      description: `${codes.length} gemeenten: ${gemeenten.map((g) => g.name).join(', ')}`,
    };
  } else {
    const codes = area.wijken!.map((w, i) => {
      const code = w.trim().toUpperCase();
      if (!dataset.wijken.has(code)) throw new ReportError(messages.unknownWijk(at(['area', 'wijken', i]), `area.wijken[${i}]`, w), 'config');
      return code;
    });
    gemeenten = [...new Set(codes.map((c) => dataset.wijken.get(c)!.gemeenteCode))].map((c) => dataset.gemeenten.get(c)!);
    region = {
      id: 'region',
      name: area.name!,
      role: 'region',
      level: 'wijk',
      codes,
      description: `${codes.length} wijken: ${codes.map((c) => dataset.wijken.get(c)!.name).join(', ')}`,
    };
  }
  mapWijken =
    region.level === 'wijk'
      ? [...dataset.wijken.values()].filter((w) => gemeenten.some((g) => g.code === w.gemeenteCode)).map((w) => w.code)
      : [...dataset.wijken.values()].filter((w) => region.codes.includes(w.gemeenteCode)).map((w) => w.code);

  // Extra data overlays the shared series.
  const series = new SeriesStore(dataset.series);
  const warnings: InputWarning[] = [];
  const extraDefs = await loadExtraData(config.extraData, dataset, series, warnings);
  const catalogue = new Map<string, IndicatorDef>([...baseCatalogue, ...extraDefs]);
  checkIndicatorIds(config, catalogue, at);

  // Comparisons
  const allCodes = [...dataset.gemeenten.keys()];
  const comparisons: AreaRef[] = [];
  if (region.level === 'wijk') {
    for (const g of gemeenten) comparisons.push({ id: `gemeente-${g.code}`, name: g.name, role: 'gemeente', level: 'gemeente', codes: [g.code], description: `gemeente ${g.name}` });
  }
  const provinceCodes = new Set(gemeenten.map((g) => g.provinceCode));
  if (config.comparisons.province && provinceCodes.size === 1) {
    const pv = dataset.provinces.get([...provinceCodes][0])!;
    const codes = allCodes.filter((c) => dataset.gemeenten.get(c)!.provinceCode === pv.code);
    comparisons.push({ id: `provincie-${pv.code}`, name: `Provincie ${pv.name}`, role: 'province', level: 'gemeente', codes, description: `de ${codes.length} gemeenten van de provincie ${pv.name}` });
  }
  let peers: GemeenteInfo[] = [];
  if (config.comparisons.similar) {
    if (config.comparisons.peers) {
      peers = config.comparisons.peers.map((q, i) => lookup(q, ['comparisons', 'peers', i]));
      sameGemeenteTwice(peers, config.comparisons.peers, ['comparisons', 'peers']);
      const own = peers.find((p) => gemeenten.some((g) => g.code === p.code));
      if (own) throw new ReportError(messages.peerIsRegion(at(['comparisons', 'peers']), own.name), 'config');
    } else {
      peers = computePeers(dataset, gemeenten.map((g) => g.code)).map((p) => dataset.gemeenten.get(p.code)!);
    }
    if (peers.length > 0) {
      const names = peers.map((p) => p.name).join(', ');
      comparisons.push({
        id: `peers-${peers.map((p) => p.code).join('-')}`,
        name: 'Vergelijkbare gemeenten',
        role: 'similar',
        level: 'gemeente',
        codes: peers.map((p) => p.code),
        description: config.comparisons.peers ? `door de opdrachtgever gekozen: ${names}` : `${names}. ${peerMethod()}`,
      });
    }
  }
  comparisons.push({ id: 'nederland', name: 'Nederland', role: 'nederland', level: 'gemeente', codes: allCodes, description: `alle ${allCodes.length} gemeenten` });

  // Sections
  // Without sections in the config: the standard sections, whose tables also take the client's own indicators of their domain.
  const sectionConfigs =
    config.sections ?? standardSections.map((s) => ({ domain: s.domain, figures: undefined as string[] | undefined, indicators: undefined as string[] | undefined, configPath: [] as (string | number)[] }));
  const sections: ReportSection[] = sectionConfigs.map((s, i) => {
    const std = standardSections.find((d) => d.domain === s.domain);
    const figureIds = s.figures ?? std?.figures ?? [];
    const indicatorIds = s.indicators ?? [...(std?.indicators ?? []), ...[...extraDefs.values()].filter((d) => d.domain === s.domain).map((d) => d.id)];
    const figs = figureIds.map((id, j) => {
      const where = [at([...s.configPath, 'figures', j]), `${formatPath(s.configPath)}.figures[${j}]`] as const;
      const f = figureCatalogue.get(id) ?? genericFigure(id, s.domain, catalogue, where);
      if (!f) throw new ReportError(messages.unknownFigure(...where, id, [...figureCatalogue.keys(), ...Object.keys(genericKinds).map((k) => `${k}:<indicator>`)]), 'config');
      return f;
    });
    // A client's indicator gets its own chart once: not when the config already names a figure of it.
    const extraFigs: FigureDef[] = [...extraDefs.values()]
      .filter((d) => d.domain === s.domain && d.extra?.chart && indicatorIds.includes(d.id) && !figs.some((f) => f.indicators.includes(d.id)))
      .map((d) => ({ id: `extra-${d.id}`, kind: 'comparison', domain: d.domain, title: d.title, indicators: [d.id] }));
    const indicators = indicatorIds.map((id, j) => {
      const d = catalogue.get(id);
      if (!d || d.internal) {
        const near = [...catalogue.values()].filter((c) => !c.internal && editDistance(c.id, id) <= 3).map((c) => c.id);
        throw new ReportError(messages.unknownIndicator(at([...s.configPath, 'indicators', j]), `${formatPath(s.configPath)}.indicators[${j}]`, id, near), 'config');
      }
      return d;
    });
    return {
      domain: s.domain,
      title: ('title' in s && s.title) || domainTitles[s.domain],
      anchor: `sectie-${i + 1}-${s.domain}`,
      figures: [...figs, ...extraFigs],
      indicators,
      markdown: 'markdown' in s ? s.markdown : undefined,
      textMode: 'textMode' in s && s.textMode ? s.textMode : 'follow',
      indicatorTexts: ('indicatorTexts' in s && s.indicatorTexts) || {},
      omitted: [],
    };
  });

  // A client's own indicator that no section shows would silently be left out.
  for (const [ei, e] of config.extraData.entries()) {
    for (const [ii, ind] of e.indicators.entries()) {
      const shown = sections.some((s) => s.indicators.some((d) => d.id === ind.id) || s.figures.some((f) => f.indicators.includes(ind.id)));
      const path = ['extraData', ei, 'indicators', ii, 'id'];
      if (!shown) throw new ReportError(messages.extraIndicatorUnused(at(path), formatPath(path), ind.id, ind.domain), 'config');
    }
  }

  // Values, memoised; comparison areas are shared by every region of a run.
  const shared = comparisonCache.get(dataset) ?? new Map<string, Observation>();
  comparisonCache.set(dataset, shared);
  const local = new Map<string, Observation>();
  // An area of wijken: its schools (by address) give the values of the school indicators.
  const areaSchools = region.level === 'wijk' ? await schoolsOfArea(dataset, region.codes) : undefined;
  const bySchools = (def: IndicatorDef, a: AreaRef) => !!areaSchools && !!def.schoolLevel && a.role === 'region' && a.level === 'wijk';
  const years = (indicator: string, a: AreaRef): number[] => {
    const def = catalogue.get(indicator);
    if (!def) return [];
    const level = bySchools(def, a) ? 'gemeente' : a.level;
    return series
      .years(indicator)
      .filter((y) => fieldFor(def, level, y) !== undefined)
      .sort((x, y) => x - y);
  };
  // A group whose value is not computed names the member (gemeente or wijk) that keeps it from being computed.
  const areaName = (code: string) => dataset.gemeenten.get(code)?.name ?? dataset.wijken.get(code)?.name;
  const observe = (indicator: string, a: AreaRef, year: number): Observation => {
    const def = catalogue.get(indicator)!;
    const isExtra = extraDefs.has(indicator);
    const cache = a.role === 'region' || isExtra ? local : shared;
    const key = `${indicator}|${year}|${a.id}`;
    let obs = cache.get(key);
    if (!obs) {
      // Nederland: the national figure where the source publishes one, else computed from all gemeenten.
      // An empty national cell (KWB 2021 has no national Wmo figure) is not a figure: compute it.
      const published = a.role === 'nederland' ? series.get(indicator, year, NEDERLAND_CODE) : undefined;
      const given = published && (published.value !== null || published.suppressed) ? published : undefined;
      obs = bySchools(def, a) ? schoolsObservation(series, def, year, areaSchools!) : (given ?? aggregateObservation(series, def, year, a.codes, { allowPartial: a.role !== 'region', nameOf: areaName }));
      cache.set(key, obs);
    }
    return obs;
  };
  const value = (indicator: string, a: AreaRef, year?: number): ValueAt => {
    const ys = years(indicator, a);
    if (ys.length === 0) {
      const def = catalogue.get(indicator);
      const note = a.level === 'wijk' && def?.fields.gemeente ? 'niet beschikbaar op wijkniveau' : 'geen gegevens in de bron';
      return { value: null, year: null, note };
    }
    if (year !== undefined) return { ...observe(indicator, a, year), year };
    // Latest year with a value (or a suppressed one: "afgeschermd", never silently an older year), else the latest year.
    for (let i = ys.length - 1; i >= 0; i--) {
      const obs = observe(indicator, a, ys[i]);
      if (obs.value !== null || obs.suppressed) return { ...obs, year: ys[i] };
    }
    return { ...observe(indicator, a, ys[ys.length - 1]), year: ys[ys.length - 1] };
  };

  const schools = config.maps?.schools ? await schoolPointsOf(dataset) : undefined;
  const wijkValue = (indicator: string, code: string, year: number): ValueAt => {
    const obs = series.get(indicator, year, code);
    return obs ? { ...obs, year } : { value: null, year, note: 'geen gegevens in de bron' };
  };
  const gemeenteValues = (indicator: string, year: number): ReadonlyMap<string, Observation> =>
    new Map([...series.byCode(indicator, year)].filter(([code]) => dataset.gemeenten.has(code)));
  const report: ReportData = { config, dataset, catalogue, wijkValue, gemeenteValues, region, gemeenten, comparisons, peers, sections, mapWijken, schools, warnings, value, years, ...(areaSchools ? { areaSchools } : {}) };
  fitToRegion(report);
  return report;
}

/** The schools located in an area of wijken (none when the data directory has no school addresses). */
async function schoolsOfArea(dataset: Dataset, wijken: string[]): Promise<(AreaSchools & { notes: string[] }) | undefined> {
  if (!(await new DataReader(dataset.dataDir).has(sources['duo-scholen-2024'].file))) return undefined;
  const points = await schoolPointsOf(dataset);
  const found = schoolsInArea(points.points, dataset.geo.wijken.features, wijken, points.asOf);
  // Only schools with school advice matter for the advice figures (per instelling).
  const advised = new Set(dataset.series.years('leerlingen_advies').flatMap((y) => [...dataset.series.byCode('leerlingen_advies', y).keys()]));
  found.splitInstellingen = found.splitInstellingen.filter((b) => advised.has(instellingCode(b)));
  const notes: string[] = [];
  const n = (k: number, one: string, more: string) => `${formatNumber(k)} ${k === 1 ? one : more}`;
  if (found.splitInstellingen.length) {
    notes.push(
      `${n(found.splitInstellingen.length, 'school heeft', 'scholen hebben')} vestigingen in en buiten het gebied (${found.splitInstellingen.join(', ')}); DUO publiceert de schooladviezen per school als geheel, dus ${found.splitInstellingen.length === 1 ? 'telt die' : 'tellen die'} niet mee in de adviezen.`,
    );
  }
  if (found.splitVestigingen.length) notes.push(`${n(found.splitVestigingen.length, 'vestiging heeft', 'vestigingen hebben')} adressen in en buiten het gebied (${found.splitVestigingen.join(', ')}) en ${found.splitVestigingen.length === 1 ? 'telt' : 'tellen'} niet mee.`);
  return { ...found, notes };
}

/**
 * An area of wijken's value of a school indicator: the figures of the schools located in it,
 * summed by the indicator's own aggregation (counts summed, ratios from their numerators and
 * denominators, small numbers suppressed as for a gemeente). A school without a figure adds
 * nothing; an area without any school has "0" schools and no shares.
 */
function schoolsObservation(series: SeriesStore, def: IndicatorDef, year: number, area: AreaSchools): Observation {
  const per = def.schoolLevel!;
  const codes = per === 'instelling' ? area.instellingen.map(instellingCode) : area.vestigingen.map(schoolCode);
  const present = codes.filter((c) => {
    const o = series.get(def.id, year, c);
    return !!o && (o.value !== null || (o.suppressed === true && o.numerator !== undefined && o.denominator !== undefined));
  });
  if (present.length === 0) return def.unit === 'count' ? { value: 0 } : { value: null, note: def.missingReason ?? 'geen school met gegevens in het gebied' };
  const obs = aggregateObservation(series, def, year, present, { allowPartial: true });
  if (obs.value === null || def.unit === 'count') return obs;
  const count = present.length;
  const where = `${formatNumber(count)} ${count === 1 ? 'school' : 'scholen'} in het gebied${per === 'instelling' ? ' (scholen met al hun vestigingen in het gebied)' : ''}`;
  // DUO's "<5" cells: a member's own share may be suppressed (and lose its flag); its count of pupils with advice keeps it.
  const approximate = present.flatMap((c) => [series.get(def.id, year, c), per === 'instelling' ? series.get('leerlingen_advies', year, c) : undefined]).find((o) => o?.approximate);
  return { ...obs, schools: { count, per }, note: approximate?.note ? `${approximate.note}; ${where}` : where, ...(approximate ? { approximate: true } : {}) };
}

/** Catalogue ids near a mistyped one, for "did you mean". */
function nearIds(catalogue: ReadonlyMap<string, IndicatorDef>, id: string): string[] {
  return [...catalogue.values()].filter((c) => !c.internal && editDistance(c.id, id) <= 3).map((c) => c.id);
}

/**
 * Indicator ids the config names for its texts must exist: a typo in interpretation.exclude
 * or in an indicatorTexts key would otherwise leave the consultant's choice silently unused.
 */
function checkIndicatorIds(config: ResolvedRegionConfig, catalogue: ReadonlyMap<string, IndicatorDef>, at: (path: (string | number)[]) => string): void {
  const known = (id: string) => !!catalogue.get(id) && !catalogue.get(id)!.internal;
  for (const [i, id] of config.interpretation.exclude.entries()) {
    const path = ['interpretation', 'exclude', i];
    if (!known(id)) throw new ReportError(messages.unknownIndicator(at(path), formatPath(path), id, nearIds(catalogue, id)), 'config');
  }
  for (const s of config.sections ?? []) {
    for (const id of Object.keys(s.indicatorTexts ?? {})) {
      const path = [...s.configPath, 'indicatorTexts', id];
      if (!known(id)) throw new ReportError(messages.unknownIndicator(at(path), formatPath(path), id, nearIds(catalogue, id)), 'config');
    }
  }
}

/**
 * The year in which every chart, table row and sentence shows an indicator: the region's latest
 * year with a value or a withheld one (an older year is never shown silently instead), else,
 * when the region has no figure at all, the latest year of Nederland.
 */
export function shownYear(report: ReportData, def: IndicatorDef): number | null {
  const v = report.value(def.id, report.region);
  if (v.year !== null && (v.value !== null || v.suppressed)) return v.year;
  return report.value(def.id, report.comparisons[report.comparisons.length - 1] ?? report.region).year;
}

/**
 * An area's value beside the region's in `year`: that year's figure, or, when the area has none
 * in that year (no value, not withheld, not "n.v.t."), its own latest figure with its own year,
 * which every printer marks with that year.
 */
export function shownValue(report: ReportData, def: IndicatorDef, area: AreaRef, year: number | null): ValueAt {
  const atYear = year !== null && report.years(def.id, area).includes(year) ? report.value(def.id, area, year) : null;
  if (atYear && (atYear.value !== null || atYear.suppressed || atYear.notApplicable || area === report.region)) return atYear;
  return report.value(def.id, area);
}

/**
 * The year a wijk map shows: the given year (a figure's pinned `wijkYear`) when a wijk of the
 * area has a value in it, else the latest wijk year in which a wijk of the area has a value.
 */
export function wijkMapYear(report: ReportData, def: IndicatorDef, year?: number): number | null {
  const wijken = report.region.level === 'wijk' ? report.region.codes : report.mapWijken;
  const years =
    year !== undefined
      ? def.fields.wijk?.[year] !== undefined
        ? [year]
        : []
      : Object.keys(def.fields.wijk ?? {})
          .map(Number)
          .sort((a, b) => b - a);
  return years.find((y) => wijken.some((c) => report.wijkValue(def.id, c, y).value !== null)) ?? null;
}

/**
 * Wijk figures of another table that can stand in for an indicator's own wijk figures where
 * those leave many wijken blank: CBS income 2020 on the wijkindeling of 2023 fills wijken that
 * KWB 2021 cannot (Amsterdam's new codes, merged gemeenten). Never mixed into one map: the
 * whole map (or profile column) shows the other indicator and year, under its own label.
 */
export const wijkAlternatives: Readonly<Record<string, { indicator: string; year: number; wijkindeling: number; mapTitle?: string }>> = {
  pct_hh_laag_inkomen: { indicator: 'pct_hh_laagste_40', year: 2020, wijkindeling: 2023, mapTitle: 'Huishoudens in de laagste 40% inkomens van Nederland per wijk (wijkindeling 2023)' },
  pct_hh_laagste_40: { indicator: 'pct_hh_laagste_40', year: 2020, wijkindeling: 2023 },
  pct_hh_hoog_inkomen: { indicator: 'pct_hh_hoog_inkomen', year: 2020, wijkindeling: 2023 },
  gem_inkomen_inwoner: { indicator: 'gem_inkomen_inwoner', year: 2020, wijkindeling: 2023 },
};

/**
 * The rule, in one place: the alternative is shown when the indicator's own latest wijk figures
 * leave at least `minBlankShare` of the populated wijken on the map blank, and the alternative
 * covers at least `minGain` and at least `minGainShare` of those wijken more (for an area of
 * wijken, also at least as many of the area's own wijken).
 */
export const WIJK_ALTERNATIVE_RULE = { minBlankShare: 0.1, minGainShare: 0.1, minGain: 2 } as const;

export interface WijkIndicatorChoice {
  def: IndicatorDef;
  year: number;
  /** The wijkindeling of the figures when it is not that of their year (2023 for income 2020). */
  wijkindeling?: number;
  /** Set when another indicator or year was chosen: one Dutch sentence that says why, with the counts. */
  note?: string;
  /** A wijk map's title when another indicator was chosen. */
  mapTitle?: string;
}

/**
 * Which indicator and year the wijk figures of an indicator show in this report: its own latest
 * wijk year, or the alternative of `wijkAlternatives` under WIJK_ALTERNATIVE_RULE. The same
 * choice for the wijk map, the wijk profile and the scatters. Null when neither has a value.
 */
export function wijkIndicatorChoice(report: ReportData, indicatorId: string): WijkIndicatorChoice | null {
  const def = report.catalogue.get(indicatorId);
  if (!def?.fields.wijk) return null;
  const ownYear = wijkMapYear(report, def);
  const own = ownYear === null ? null : { def, year: ownYear };
  const alt = wijkAlternatives[indicatorId];
  const altDef = alt && report.catalogue.get(alt.indicator);
  if (!alt || !altDef || ownYear === alt.year || altDef.fields.wijk?.[alt.year] === undefined) return own;
  const mapped = report.mapWijken.filter((c) => report.dataset.wijken.get(c)?.populated);
  const covered = (d: IndicatorDef, year: number | null, codes: string[]) => (year === null ? 0 : codes.filter((c) => report.wijkValue(d.id, c, year).value !== null).length);
  const n = mapped.length;
  // The own figures' year on the map: the area's (ownYear), else the latest with a value anywhere on the map.
  const mapYear =
    ownYear ??
    Object.keys(def.fields.wijk)
      .map(Number)
      .sort((a, b) => b - a)
      .find((y) => y !== alt.year && covered(def, y, mapped) > 0) ??
    null;
  const ownCount = covered(def, mapYear, mapped);
  const altCount = covered(altDef, alt.year, mapped);
  const rule = WIJK_ALTERNATIVE_RULE;
  const areaKept = report.region.level !== 'wijk' || covered(altDef, alt.year, report.region.codes) >= covered(def, ownYear, report.region.codes);
  const better = n > 0 && n - ownCount >= rule.minBlankShare * n && altCount - ownCount >= Math.max(rule.minGain, rule.minGainShare * n) && areaKept;
  if (!better) return own;
  // The own figures' year: the one shown, or (none shown) the latest the catalogue has.
  const ownLabel = mapYear ?? Math.max(...wijkYearsWithData(report, def).filter((y) => y !== alt.year));
  const ownText = ownCount === 0 ? 'geen enkele' : formatNumber(ownCount);
  const instead =
    altDef.id === def.id
      ? `het cijfer van ${alt.year} (wijkindeling ${alt.wijkindeling}) in plaats van dat van ${ownLabel}`
      : `${altDef.subject ?? inSentence(altDef.label)} in ${alt.year} (wijkindeling ${alt.wijkindeling}) in plaats van ${def.subject ?? inSentence(def.label)} (${ownLabel})`;
  const note = `De wijkcijfers tonen ${instead}: het cijfer van ${alt.year} is er voor ${formatNumber(altCount)} van de ${formatNumber(n)} bewoonde wijken op de kaart, dat van ${ownLabel} voor ${ownText}.`;
  return { def: altDef, year: alt.year, wijkindeling: alt.wijkindeling, note, ...(alt.mapTitle && altDef.id !== def.id ? { mapTitle: alt.mapTitle } : {}) };
}

/** The most wijken of the maps with a value of every indicator in one common wijk year. */
function wijkenWithAll(report: ReportData, defs: IndicatorDef[]): number {
  const years = Object.keys(defs[0].fields.wijk ?? {}).map(Number).filter((y) => defs.every((d) => d.fields.wijk?.[y]));
  return Math.max(0, ...years.map((y) => report.mapWijken.filter((c) => defs.every((d) => report.wijkValue(d.id, c, y).value !== null)).length));
}

/**
 * The wijk years of an indicator that the data directory has figures of (a newer KWB edition the
 * directory lacks declares a year without any), else all declared years.
 */
function wijkYearsWithData(report: ReportData, def: IndicatorDef): number[] {
  const declared = Object.keys(def.fields.wijk ?? {}).map(Number);
  const loaded = new Set(report.dataset.series.years(def.id));
  const withData = declared.filter((y) => loaded.has(y));
  return withData.length ? withData : declared;
}

/** Why no wijk of the area has a value: the reason the wijken share, if they share one. */
function noWijkDataReason(report: ReportData, def: IndicatorDef): string {
  const wijken = report.region.level === 'wijk' ? report.region.codes : report.mapWijken.filter((c) => report.dataset.wijken.get(c)?.populated);
  const latest = Math.max(...wijkYearsWithData(report, def));
  const notes = new Set(wijken.map((c) => report.wijkValue(def.id, c, latest).note ?? 'niet gepubliceerd door CBS'));
  return notes.size === 1 ? [...notes][0] : 'geen gegevens voor de wijken van het gebied';
}

/** A value, a suppressed value or a "n.v.t." is something to show; a value missing in every year is not. */
function regionShows(report: ReportData, indicator: string): boolean {
  return report.years(indicator, report.region).some((y) => {
    const v = report.value(indicator, report.region, y);
    return v.value !== null || !!v.suppressed || !!v.notApplicable;
  });
}

function missingReason(report: ReportData, indicator: string): string {
  const v = report.value(indicator, report.region);
  return v.note ?? 'geen gegevens in de bron';
}

/**
 * The report fits its area: a figure or table row without any value for the region is
 * left out, with one line that says what is missing and why (instead of an empty chart).
 */
function fitToRegion(report: ReportData): void {
  for (const s of report.sections) {
    const reasons = new Map<string, string[]>();
    const omit = (what: string, reason: string) => reasons.set(reason, [...(reasons.get(reason) ?? []), what]);
    s.figures = s.figures.flatMap((f): FigureDef[] => {
      if (f.kind === 'wijk-map') {
        const def = report.catalogue.get(f.indicators[0])!;
        const pinned = f.wijkYear !== undefined;
        const choice = pinned ? (wijkMapYear(report, def, f.wijkYear) !== null ? { def, year: f.wijkYear! } : null) : wijkIndicatorChoice(report, def.id);
        if (!choice) {
          omit(`kaart "${f.title}"`, def.fields.wijk ? noWijkDataReason(report, def) : 'niet beschikbaar op wijkniveau');
          return [];
        }
        if (pinned) return [f];
        if (!('note' in choice) || !choice.note) return [{ ...f, wijkYear: choice.year }];
        // Another table's figures for the whole map, under their own title; the note says why.
        const title = choice.mapTitle ?? (choice.wijkindeling ? `${f.title} (wijkindeling ${choice.wijkindeling})` : f.title);
        return [{ ...f, indicators: [choice.def.id], title, wijkYear: choice.year, wijkNote: choice.note }];
      }
      if (f.kind === 'scatter' || f.kind === 'wijk-profile') {
        const defs = f.indicators.map((id) => report.catalogue.get(id)!);
        const wijken = (report.region.level === 'wijk' ? report.region.codes : report.mapWijken).length;
        const enough = f.kind === 'scatter' ? wijkenWithAll(report, defs) >= MIN_WIJKEN_FOR_CORRELATION : defs.some((d) => wijkIndicatorChoice(report, d.id) !== null) && wijken >= 2;
        if (!enough) omit(`figuur "${f.title}"`, f.kind === 'scatter' ? `minder dan ${MIN_WIJKEN_FOR_CORRELATION} wijken met beide cijfers` : 'geen wijkcijfers voor het gebied');
        return enough ? [f] : [];
      }
      const shows = f.indicators.some((id) => regionShows(report, id));
      if (!shows) omit(`figuur "${f.title}"`, missingReason(report, f.indicators[0]));
      return shows ? [f] : [];
    });
    s.indicators = s.indicators.filter((def) => {
      const shows = regionShows(report, def.id);
      if (!shows) omit(inSentence(def.label), missingReason(report, def.id));
      return shows;
    });
    s.omitted = [...reasons].map(([reason, whats]) => `Niet opgenomen voor ${report.region.name}: ${joinList(whats)} (${reason}).`);
  }
}

function joinList(items: string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} en ${items[items.length - 1]}`;
}

export { indicatorList };

/** Figure ids of the form "<word>:<indicator>" draw any catalogue or extra indicator (data/figure-def.ts names the words). */
export const genericKinds: Record<string, FigureKind> = Object.fromEntries(
  Object.entries(figureKinds).flatMap(([kind, traits]) => ('configWord' in traits ? [[traits.configWord, kind as FigureKind]] : [])),
);

function genericFigure(id: string, domain: Domain, catalogue: ReadonlyMap<string, IndicatorDef>, where: readonly [string, string]): FigureDef | undefined {
  const m = /^([a-z]+):(.+)$/.exec(id);
  if (!m || !(m[1] in genericKinds)) return undefined;
  const def = catalogue.get(m[2]);
  if (!def || def.internal) {
    const near = [...catalogue.values()].filter((c) => !c.internal && editDistance(c.id, m[2]) <= 3).map((c) => c.id);
    throw new ReportError(messages.unknownIndicator(where[0], where[1], m[2], near), 'config');
  }
  const kind = genericKinds[m[1]];
  if (kind === 'wijk-map' && !def.fields.wijk) throw new ReportError(messages.noWijkData(where[0], where[1], def.id), 'config');
  const title = kind === 'wijk-map' ? `${def.title} per wijk` : kind === 'distribution' ? `${def.title}: plaats tussen alle gemeenten` : def.title;
  return { id: id.replace(/[^a-z0-9]+/gi, '-'), kind, domain, title, indicators: [def.id] };
}
