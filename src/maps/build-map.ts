/**
 * Maps as Vega-Lite specs over geometry projected with d3-geo (identity
 * projection in Vega): a wijk choropleth with numbered labels, a legend with
 * "geen gegevens", and a table; and a small map locating the region in Nederland.
 */
import type { Feature, Geometry } from 'geojson';
import type { TopLevelSpec } from 'vega-lite';
import { inSentence, formatNumber, formatValue } from '../format.js';
import { yearInParens, yearLabel } from '../data/catalogue.js';
import type { FigureDef } from '../data/figures.js';
import type { Dataset, GeoProps } from '../data/load-dataset.js';
import { wijkMapYear, type ReportData } from '../data/select.js';
import { formatObs } from '../format.js';
import { CHART_WIDTH } from '../charts/theme.js';
import type { FigureModel } from '../charts/figure-model.js';
import { sourceLine } from '../charts/citation.js';
import { paletteFor, sequentialRamp, textOn, vegaConfig } from '../charts/theme.js';
import { NO_DATA_FILL } from '../charts/to-svg.js';
import { projectFeatures, projectionFor } from './geometry.js';
import { placeLabels, type PlacedLabel } from './labels.js';

export { placeLabels } from './labels.js';
import { areaLocator } from '../geometry.js';
import type { SchoolPoint } from '../data/sources/duo-scholen-2024.js';
import { SMALL_WIJK, wijkDifferences } from '../interpret/wijk.js';
import { classOf, inWords, quantileClasses, stackingYears, wijkStacking } from '../interpret/wijk-stacking.js';

const MAP_HEIGHT = 360;

export function buildWijkMap(report: ReportData, figure: FigureDef): FigureModel {
  const palette = paletteFor(report.config.brand);
  const def = report.catalogue.get(figure.indicators[0])!;
  // The year chosen for this report (select.ts: its own latest, or another table's where that covers more wijken).
  const year = wijkMapYear(report, def, figure.wijkYear);
  const populated = report.mapWijken.filter((c) => report.dataset.wijken.get(c)?.populated);
  const wijken = populated.map((c) => report.dataset.wijken.get(c)!).sort((a, b) => a.code.localeCompare(b.code));
  const selected = new Set(report.region.level === 'wijk' ? report.region.codes : populated);
  const rows = wijken.map((w, i) => {
    const obs = year !== null ? report.wijkValue(def.id, w.code, year) : { value: null };
    return { nr: i + 1, code: w.code, name: w.name, obs, inwoners: year !== null ? report.wijkValue('inwoners', w.code, year).value : null };
  });
  const values = rows.map((r) => r.obs.value).filter((v): v is number => v !== null);
  const fmt = (v: number) => formatValue(v, def.unit, def.decimals);
  const breaks = quantileClasses(values, def.decimals, fmt);
  const colours = sequentialRamp(palette.region, breaks.labels.length);
  const noDataLabel = 'geen gegevens';
  const domain = [...breaks.labels, ...(rows.some((r) => r.obs.value === null) ? [noDataLabel] : [])];
  const range = [...colours, ...(domain.length > colours.length ? [palette.noData] : [])];

  const geoByCode = new Map(report.dataset.geo.wijken.features.map((f) => [f.properties.code, f]));
  const features = rows.map((r) => geoByCode.get(r.code)).filter((f): f is Feature<Geometry, GeoProps> => !!f);
  const mapWidth = CHART_WIDTH;
  const projected = projectFeatures(features as Feature<Geometry, GeoProps & Record<string, unknown>>[], mapWidth, MAP_HEIGHT);
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const shapes = projected.map((f) => {
    const r = byCode.get(f.properties.code)!;
    const cls = r.obs.value === null ? noDataLabel : breaks.labels[classOf(r.obs.value, breaks, def.decimals)];
    const colour = range[domain.indexOf(cls)];
    // "Geen gegevens" is hatched on the map itself, as in the legend.
    const fill = cls === noDataLabel ? NO_DATA_FILL : colour;
    return {
      ...f,
      properties: { ...f.properties, nr: String(r.nr), cls, fill, labelColour: textOn(colour), selected: selected.has(r.code) },
    };
  });
  const schoolMarks = report.schools ? schoolsOnMap(report.schools.points, features, mapWidth) : [];
  // Every wijk in the table keeps its number; context wijken outside a wijk-level area only where there is room.
  const labels = placeLabels(
    shapes.map((s) => ({ x: s.properties.cx, y: s.properties.cy, nr: s.properties.nr, colour: s.properties.labelColour, halo: haloFor(s.properties.labelColour), area: s.properties.area, geometry: s.geometry, required: s.properties.selected })),
    mapWidth,
    MAP_HEIGHT,
  );

  const spec = choroplethSpec(report, shapes, labels, schoolMarks, mapWidth, MAP_HEIGHT);

  const inArea = rows.filter((r) => selected.has(r.code));
  const differences = wijkDifferences(
    def,
    inArea.map((r) => ({ name: r.name, value: r.obs.value, inwoners: r.inwoners })),
  );
  const nMissing = inArea.filter((r) => r.obs.value === null).length;
  // Reference rows under the wijken: the gemeente(n) and Nederland, in their latest year.
  const references = [...report.comparisons.filter((c) => c.role === 'gemeente'), ...(report.region.level === 'gemeente' ? [report.region] : []), report.comparisons.find((c) => c.role === 'nederland')!]
    .map((area) => {
      // The same year as the map where the area has it: a map of 2020 is not set beside a figure of 2022.
      const atYear = year !== null && report.years(def.id, area).includes(year) ? report.value(def.id, area, year) : null;
      const v = atYear && atYear.value !== null ? atYear : report.value(def.id, area);
      return v.value === null ? undefined : ['', `${area.role === 'nederland' ? 'Nederland' : area.name}${v.year !== null ? ` (${yearInParens(def, v.year)})` : ''}`, formatObs(def, v), ''];
    })
    .filter((r): r is string[] => !!r);
  return {
    id: figure.id,
    kind: 'wijk-map',
    title: `${figure.title}${year !== null ? `, ${yearLabel(def, year)}` : ''}`,
    subtitle: `${formatNumber(rows.length)} wijken, genummerd als in de tabel; klassen met ongeveer even veel wijken`,
    spec: rows.length ? spec : null,
    alt: `Kaart van de wijken van ${report.gemeenten.map((g) => g.name).join(', ')}, gekleurd naar ${inSentence(def.label)}. ${differences[0]}${nMissing ? ` ${nMissing} wijk(en) zonder gegevens.` : ''}`,
    source: `${sourceLine([{ def, level: 'wijk', year }])}; kaart: PDOK/CBS wijkgrenzen 2024${schoolMarks.length ? `; scholen: ${report.schools!.citation}` : ''}`,
    notes: [...(figure.wijkNote ? [figure.wijkNote] : []), ...(report.config.interpretation.computed && !report.config.interpretation.exclude.includes(def.id) ? differences : []), ...missingLines(inArea.map((r) => r.obs)), ...(schoolMarks.length ? [schoolLegend(schoolMarks, report.schools!.asOf), ...report.schools!.notes] : [])],
    legend: {
      title: `${def.label}${year !== null ? `, ${yearLabel(def, year)}` : ''}`,
      items: domain.map((label, i) => ({ label, colour: range[i], noData: label === noDataLabel })),
    },
    table: {
      head: ['Nr.', 'Wijk', def.label, 'Inwoners'],
      // For an area of wijken the map shows the whole gemeente for context; the table only the area.
      rows: [
        ...inArea.map((r) => [
          String(r.nr),
          `${r.name}${r.inwoners !== null && r.inwoners < SMALL_WIJK ? ' *' : ''}`,
          formatObs(def, r.obs),
          r.inwoners !== null ? formatNumber(r.inwoners) : 'geen gegevens',
        ]),
      ],
      references,
    },
  };
}


type MapShape = Feature<Geometry, GeoProps & Record<string, unknown>> & { properties: { fill: string; selected: boolean } };
const haloFor = (textColour: string) => (textColour === '#ffffff' ? '#1f1f1f' : '#ffffff');

/** A choropleth of projected wijken with numbered labels (and school points); colours come with the data. */
function choroplethSpec(report: ReportData, shapes: MapShape[], labels: PlacedLabel[], schoolMarks: { x: number; y: number; kind: string }[], width: number, height: number): TopLevelSpec {
  const palette = paletteFor(report.config.brand);
  const leaders = labels.flatMap((l) => (l.leader ? [l.leader] : []));
  const leaderEncoding = {
    longitude: { field: 'ax', type: 'quantitative' as const },
    latitude: { field: 'ay', type: 'quantitative' as const },
    longitude2: { field: 'bx' },
    latitude2: { field: 'by' },
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: vegaConfig(palette),
    width,
    height,
    // Already projected to this frame: no fit to the marks, or numbers placed beside the shapes would rescale the map.
    projection: { type: 'identity', scale: 1, translate: [0, 0] },
    layer: [
      {
        data: { values: shapes, format: { type: 'json' } },
        mark: { type: 'geoshape', stroke: '#ffffff', strokeWidth: 0.8 },
        // Colours come with the data and the legend is HTML under the map: the spec is
        // then the same for every gemeente and compiles once per batch.
        encoding: { color: { field: 'properties.fill', type: 'nominal', scale: null } },
      },
      ...(report.region.level === 'wijk'
        ? [
            {
              data: { values: shapes.filter((s) => s.properties.selected), format: { type: 'json' as const } },
              mark: { type: 'geoshape' as const, fill: null, stroke: palette.text, strokeWidth: 2 },
            },
          ]
        : []),
      ...(schoolMarks.length
        ? [
            {
              data: { values: schoolMarks },
              mark: { type: 'point' as const, filled: true, size: 30, fill: '#ffffff', stroke: '#1a1a1a', strokeWidth: 1, opacity: 1 },
              encoding: {
                longitude: { field: 'x', type: 'quantitative' as const },
                latitude: { field: 'y', type: 'quantitative' as const },
                shape: { field: 'kind', type: 'nominal' as const, scale: { domain: ['bo', 'sbo-so', 'vo'], range: ['circle', 'square', 'triangle-up'] }, legend: null },
              },
            },
          ]
        : []),
      // Leader lines from a dot in a wijk too small for its number to the number beside it; a white halo keeps them visible on dark fills.
      ...(leaders.length
        ? [
            { data: { values: leaders }, mark: { type: 'rule' as const, stroke: '#ffffff', strokeWidth: 2, strokeCap: 'round' as const, opacity: 0.9 }, encoding: leaderEncoding },
            { data: { values: leaders }, mark: { type: 'rule' as const, stroke: '#1f1f1f', strokeWidth: 0.7 }, encoding: leaderEncoding },
            { data: { values: leaders.map((l) => ({ ...l, bx: l.ax + 0.1, by: l.ay })) }, mark: { type: 'rule' as const, stroke: '#1f1f1f', strokeWidth: 2.6, strokeCap: 'round' as const }, encoding: leaderEncoding },
          ]
        : []),
      // A halo behind each number keeps it legible on any fill.
      {
        data: { values: labels },
        mark: { type: 'text', fontWeight: 600, strokeWidth: 2.6, strokeJoin: 'round' },
        encoding: {
          longitude: { field: 'x', type: 'quantitative' },
          latitude: { field: 'y', type: 'quantitative' },
          text: { field: 'nr' },
          size: { field: 'fontSize', type: 'quantitative', scale: null },
          color: { field: 'halo', type: 'nominal', scale: null },
          stroke: { field: 'halo', type: 'nominal', scale: null },
        },
      },
      {
        data: { values: labels },
        mark: { type: 'text', fontWeight: 600 },
        encoding: {
          longitude: { field: 'x', type: 'quantitative' },
          latitude: { field: 'y', type: 'quantitative' },
          text: { field: 'nr' },
          size: { field: 'fontSize', type: 'quantitative', scale: null },
          color: { field: 'colour', type: 'nominal', scale: null },
        },
      },
    ],
  } as TopLevelSpec;
}

/** Small map of Nederland with the region's gemeenten in the brand colour. */
type AnyFeature = Feature<Geometry, GeoProps & Record<string, unknown>>;

/**
 * The Netherlands once per dataset: provinces and every gemeente projected into the
 * locator's frame. Each report only picks its own gemeenten from it.
 */
const locatorBases = new WeakMap<Dataset, { provinces: AnyFeature[]; gemeenten: Map<string, AnyFeature> }>();
const LOCATOR_SIZE = { width: 200, height: 235 };

function locatorBase(dataset: Dataset) {
  let base = locatorBases.get(dataset);
  if (!base) {
    const { provincies, gemeenten } = dataset.geo;
    const { width, height } = LOCATOR_SIZE;
    const provinces = projectFeatures(provincies.features as AnyFeature[], width, height);
    const projected = projectFeatures(gemeenten.features as AnyFeature[], width, height, provincies.features as AnyFeature[]);
    base = { provinces, gemeenten: new Map(projected.map((f) => [f.properties.code, f])) };
    locatorBases.set(dataset, base);
  }
  return base;
}

export function buildLocatorSpec(report: ReportData): TopLevelSpec {
  const palette = paletteFor(report.config.brand);
  const { width, height } = LOCATOR_SIZE;
  const base = locatorBase(report.dataset);
  const provinceShapes = base.provinces;
  const regionShapes = report.gemeenten.map((g) => base.gemeenten.get(g.code)).filter((f): f is AnyFeature => !!f);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: vegaConfig(palette),
    width,
    height,
    projection: { type: 'identity' },
    layer: [
      { data: { values: provinceShapes, format: { type: 'json' } }, mark: { type: 'geoshape', fill: '#eeeeee', stroke: '#9a9a9a', strokeWidth: 0.6 } },
      { data: { values: regionShapes, format: { type: 'json' } }, mark: { type: 'geoshape', fill: palette.region, stroke: palette.region, strokeWidth: 0.6 } },
    ],
  } as TopLevelSpec;
}

/** "3 wijken zonder gegevens: …", one line per reason. */
function missingLines(observations: { value: number | null; note?: string; suppressed?: boolean }[]): string[] {
  const byReason = new Map<string, number>();
  for (const o of observations) {
    if (o.value !== null) continue;
    const reason = o.suppressed
      ? 'afgeschermd, te weinig personen'
      : !o.note || o.note.startsWith('niet gepubliceerd door CBS')
        ? 'CBS publiceert geen cijfers voor wijken met weinig inwoners'
        : o.note;
    byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
  }
  return [...byReason].map(([reason, n]) => `${formatNumber(n)} wijk${n === 1 ? '' : 'en'} zonder gegevens: ${reason}.`);
}

/** Schools inside the mapped wijken, projected like the wijken. */
function schoolsOnMap(schools: SchoolPoint[], features: Feature<Geometry, GeoProps>[], width: number): { x: number; y: number; kind: string }[] {
  const projection = projectionFor(features, width, MAP_HEIGHT);
  const inMap = areaLocator(features.map((f) => ({ key: true, geometry: f.geometry })));
  const out: { x: number; y: number; kind: string }[] = [];
  for (const s of schools) {
    if (!inMap(s.lon, s.lat)) continue;
    const xy = projection([s.lon, s.lat]);
    if (xy) out.push({ x: Math.round(xy[0] * 10) / 10, y: Math.round(xy[1] * 10) / 10, kind: s.kind });
  }
  return out;
}

function schoolLegend(marks: { kind: string }[], asOf: string): string {
  const n = (k: string) => formatNumber(marks.filter((m) => m.kind === k).length);
  return `Scholen op de kaart (adressen ${asOf}): ● basisonderwijs (${n('bo')}), ■ speciaal (basis)onderwijs (${n('sbo-so')}), ▲ voortgezet onderwijs (${n('vo')}).`;
}

/**
 * Where disadvantages stack, as a map: each wijk coloured by on how many of the wijk figures
 * about opportunity it falls in the highest class (the classes of the wijk profile). Small
 * (the summary page) with only the named wijken numbered, or full size with every number.
 */
export function buildStackingMap(report: ReportData, options: { small?: boolean } = {}): FigureModel {
  const palette = paletteFor(report.config.brand);
  const s = wijkStacking(report);
  const counted = s.columns.filter((c) => c.disadvantage);
  const width = options.small ? 300 : CHART_WIDTH;
  const height = options.small ? 250 : MAP_HEIGHT;
  const noDataLabel = 'geen gegevens';
  const levels = Array.from({ length: counted.length + 1 }, (_, i) => String(i));
  // 0: a light grey (no figure in the highest class), then the brand ramp.
  const colours = ['#f2f2f2', ...sequentialRamp(palette.region, counted.length)];
  const named = new Set(s.named.map((r) => r.code));
  const byCode = new Map(s.allRows.map((r) => [r.code, r]));
  const geoByCode = new Map(report.dataset.geo.wijken.features.map((f) => [f.properties.code, f]));
  const features = s.allRows.map((r) => geoByCode.get(r.code)).filter((f): f is Feature<Geometry, GeoProps> => !!f);
  const projected = projectFeatures(features as Feature<Geometry, GeoProps & Record<string, unknown>>[], width, height);
  const inArea = new Set(s.rows.map((r) => r.code));
  const shapes = projected.map((f) => {
    const r = byCode.get(f.properties.code)!;
    const cls = r.known === 0 ? noDataLabel : String(r.stacked);
    const colour = cls === noDataLabel ? palette.noData : colours[r.stacked];
    return {
      ...f,
      properties: { ...f.properties, nr: String(r.nr), fill: cls === noDataLabel ? NO_DATA_FILL : colour, labelColour: textOn(colour), selected: report.region.level === 'wijk' && inArea.has(r.code) },
    };
  });
  // The small map numbers only the named wijken, the full one every wijk of the stacking table (the area's).
  const labels = placeLabels(
    shapes
      .filter((sh) => !options.small || named.has(String(sh.properties.code)))
      .map((sh) => ({ x: sh.properties.cx, y: sh.properties.cy, nr: sh.properties.nr, colour: sh.properties.labelColour, halo: haloFor(sh.properties.labelColour), area: sh.properties.area, geometry: sh.geometry, required: inArea.has(String(sh.properties.code)) })),
    width,
    height,
  );
  const hasNoData = s.allRows.some((r) => r.known === 0);
  const domain = [...levels, ...(hasNoData ? [noDataLabel] : [])];
  return {
    id: options.small ? 'stapeling-klein' : 'stapeling',
    kind: 'wijk-map',
    title: `Waar stapelen de achterstanden zich op? (${stackingYears(s)})`,
    subtitle: options.small
      ? `Per wijk: op hoeveel van de ${inWords(counted.length)} cijfers de wijk in de hoogste klasse valt; genummerd: de genoemde wijken`
      : `Per wijk: op hoeveel van de ${inWords(counted.length)} cijfers over kansen (${counted.map((c) => c.short).join(', ')}) de wijk in de hoogste klasse van de ${formatNumber(s.scopeWijken)} wijken van ${s.scope} valt; genummerd als in de tabel`,
    spec: shapes.length ? choroplethSpec(report, shapes, labels, [], width, height) : null,
    alt: `Kaart van de wijken van ${s.scope}, gekleurd naar het aantal cijfers over kansen waarop de wijk in de hoogste klasse valt. ${s.sentence}`,
    source: `${sourceLine(counted.map((c) => ({ def: c.def, level: 'wijk' as const, year: c.year })))}; kaart: PDOK/CBS wijkgrenzen 2024`,
    notes: [],
    legend: {
      title: `In de hoogste klasse op … van de ${inWords(counted.length)} cijfers`,
      items: domain.map((label, i) => ({ label, colour: label === noDataLabel ? palette.noData : colours[i], noData: label === noDataLabel })),
    },
  };
}
