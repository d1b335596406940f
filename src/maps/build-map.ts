/**
 * Maps as Vega-Lite specs over geometry projected with d3-geo (identity
 * projection in Vega): a wijk choropleth with numbered labels, a legend with
 * "geen gegevens", and a table; and a small map locating the region in Nederland.
 */
import type { Feature, Geometry } from 'geojson';
import type { TopLevelSpec } from 'vega-lite';
import { formatNumber, formatValue } from '../format.js';
import { yearLabel } from '../data/catalogue.js';
import type { FigureDef } from '../data/figures.js';
import type { Dataset, GeoProps } from '../data/load-dataset.js';
import { wijkMapYear, type ReportData } from '../data/select.js';
import { formatObs, CHART_WIDTH, type FigureModel } from '../charts/build-figure.js';
import { sourceLine } from '../charts/citation.js';
import { paletteFor, sequentialRamp, textOn, vegaConfig } from '../charts/theme.js';
import { NO_DATA_FILL } from '../charts/to-svg.js';
import { projectFeatures, projectionFor, rewindForD3 } from './geometry.js';
import { geoContains } from 'd3-geo';
import { sourceById } from '../data/sources.js';
import type { SchoolPoint } from '../data/sources/duo-scholen-2024.js';
import { SMALL_WIJK, wijkDifferences } from '../interpret/wijk.js';

const MAP_HEIGHT = 360;

export interface ClassBreaks {
  /** Upper bounds of each class but the last; values ≤ bound fall in that class. */
  bounds: number[];
  labels: string[];
}

/** Up to 5 classes with about equal numbers of areas (quantiles), on rounded values. */
export function quantileClasses(values: number[], decimals: number, format: (v: number) => string, classes = 5): ClassBreaks {
  const sorted = [...values].sort((a, b) => a - b);
  const round = (v: number) => Number(v.toFixed(decimals));
  const distinct = [...new Set(sorted.map(round))];
  const n = Math.min(classes, distinct.length);
  if (n <= 1) return { bounds: [], labels: sorted.length ? [format(sorted[0])] : [] };
  const bounds: number[] = [];
  for (let i = 1; i < n; i++) {
    const b = round(sorted[Math.min(sorted.length - 1, Math.floor((i * sorted.length) / n) - 1)]);
    if (!bounds.includes(b) && b < distinct[distinct.length - 1]) bounds.push(b);
  }
  const lo = round(sorted[0]);
  const hi = round(sorted[sorted.length - 1]);
  const step = 10 ** -decimals;
  const labels = [...bounds, hi].map((b, i) => {
    const from = i === 0 ? lo : round(bounds[i - 1] + step);
    return from === b ? format(b) : `${format(from)} – ${format(b)}`;
  });
  return { bounds, labels };
}

export function classOf(value: number, breaks: ClassBreaks): number {
  const i = breaks.bounds.findIndex((b) => value <= b);
  return i === -1 ? breaks.bounds.length : i;
}

export function buildWijkMap(report: ReportData, figure: FigureDef): FigureModel {
  const palette = paletteFor(report.config.brand);
  const def = report.catalogue.get(figure.indicators[0])!;
  const year = wijkMapYear(report, def);
  const populated = report.mapWijken.filter((c) => report.dataset.wijken.get(c)?.populated);
  const wijken = populated.map((c) => report.dataset.wijken.get(c)!).sort((a, b) => a.code.localeCompare(b.code));
  const selected = new Set(report.region.level === 'wijk' ? report.region.codes : populated);
  const rows = wijken.map((w, i) => {
    const obs = year !== null ? report.series.get(def.id, year, w.code) ?? { value: null } : { value: null };
    return { nr: i + 1, code: w.code, name: w.name, obs, inwoners: year !== null ? report.series.value('inwoners', year, w.code) : null };
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
    const cls = r.obs.value === null ? noDataLabel : breaks.labels[classOf(r.obs.value, breaks)];
    const colour = range[domain.indexOf(cls)];
    // "Geen gegevens" is hatched on the map itself, as in the legend.
    const fill = cls === noDataLabel ? NO_DATA_FILL : colour;
    return {
      ...f,
      properties: { ...f.properties, nr: String(r.nr), cls, fill, labelColour: textOn(colour), selected: selected.has(r.code) },
    };
  });
  const schoolMarks = report.schools ? schoolsOnMap(report.schools.points, features, mapWidth) : [];
  const labels = placeLabels(
    shapes.map((s) => ({ x: s.properties.cx, y: s.properties.cy, nr: s.properties.nr, colour: s.properties.labelColour, halo: s.properties.labelColour === '#ffffff' ? '#1f1f1f' : '#ffffff', area: s.properties.area })),
  );

  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: vegaConfig(palette),
    width: mapWidth,
    height: MAP_HEIGHT,
    projection: { type: 'identity' },
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
      // A halo behind each number keeps it legible on any fill.
      {
        data: { values: labels },
        mark: { type: 'text', fontSize: 10, fontWeight: 600, strokeWidth: 2.6, strokeJoin: 'round' },
        encoding: {
          longitude: { field: 'x', type: 'quantitative' },
          latitude: { field: 'y', type: 'quantitative' },
          text: { field: 'nr' },
          color: { field: 'halo', type: 'nominal', scale: null },
          stroke: { field: 'halo', type: 'nominal', scale: null },
        },
      },
      {
        data: { values: labels },
        mark: { type: 'text', fontSize: 10, fontWeight: 600 },
        encoding: { longitude: { field: 'x', type: 'quantitative' }, latitude: { field: 'y', type: 'quantitative' }, text: { field: 'nr' }, color: { field: 'colour', type: 'nominal', scale: null } },
      },
    ],
  } as TopLevelSpec;

  const inArea = rows.filter((r) => selected.has(r.code));
  const differences = wijkDifferences(
    def,
    inArea.map((r) => ({ name: r.name, value: r.obs.value, inwoners: r.inwoners })),
  );
  const nMissing = inArea.filter((r) => r.obs.value === null).length;
  // Reference rows under the wijken: the gemeente(n) and Nederland, in their latest year.
  const references = [...report.comparisons.filter((c) => c.role === 'gemeente'), ...(report.region.level === 'gemeente' ? [report.region] : []), report.comparisons.find((c) => c.role === 'nederland')!]
    .map((area) => {
      const v = report.value(def.id, area);
      return v.value === null ? undefined : ['', `${area.role === 'nederland' ? 'Nederland' : area.name}${v.year !== null ? ` (${yearLabel(def, v.year)})` : ''}`, formatObs(def, v), ''];
    })
    .filter((r): r is string[] => !!r);
  return {
    id: figure.id,
    kind: 'wijk-map',
    title: `${figure.title}${year !== null ? `, ${yearLabel(def, year)}` : ''}`,
    subtitle: `${formatNumber(rows.length)} wijken, genummerd als in de tabel; klassen met ongeveer even veel wijken`,
    spec: rows.length ? spec : null,
    alt: `Kaart van de wijken van ${report.gemeenten.map((g) => g.name).join(', ')}, gekleurd naar ${def.label.toLowerCase()}. ${differences[0]}${nMissing ? ` ${nMissing} wijk(en) zonder gegevens.` : ''}`,
    source: `${sourceLine([{ def, level: 'wijk', year }])}; kaart: PDOK/CBS wijkgrenzen 2024${schoolMarks.length ? `; scholen: ${report.schools!.citation}` : ''}`,
    notes: [...(report.config.interpretation.computed && !report.config.interpretation.exclude.includes(def.id) ? differences : []), ...missingLines(inArea.map((r) => r.obs)), ...(schoolMarks.length ? [schoolLegend(schoolMarks, report.schools!.asOf), ...report.schools!.notes] : [])],
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

/**
 * Wijk numbers that do not overlap: larger wijken first, a label is dropped when
 * its box would touch one already placed, or when the wijk is too small to hold it.
 */
export function placeLabels<T extends { x: number; y: number; nr: string; area: number }>(candidates: T[]): T[] {
  const placed: { x0: number; x1: number; y0: number; y1: number }[] = [];
  const out: T[] = [];
  for (const c of [...candidates].sort((a, b) => b.area - a.area)) {
    if (c.area < 60) continue;
    const w = 6 * c.nr.length + 2;
    const box = { x0: c.x - w / 2, x1: c.x + w / 2, y0: c.y - 6, y1: c.y + 6 };
    if (placed.some((p) => box.x0 < p.x1 && box.x1 > p.x0 && box.y0 < p.y1 && box.y1 > p.y0)) continue;
    placed.push(box);
    out.push(c);
  }
  return out.sort((a, b) => Number(a.nr) - Number(b.nr));
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
  // geoContains needs d3's winding, like the projection.
  const rewound = features.map((f) => ({ ...f, geometry: rewindForD3(f.geometry) }));
  const box = features.reduce(
    (b, f) => {
      const walk = (c: unknown): void => {
        if (typeof (c as number[])[0] === 'number') {
          const [x, y] = c as number[];
          b[0] = Math.min(b[0], x);
          b[1] = Math.min(b[1], y);
          b[2] = Math.max(b[2], x);
          b[3] = Math.max(b[3], y);
        } else for (const d of c as unknown[]) walk(d);
      };
      if ('coordinates' in f.geometry) walk(f.geometry.coordinates);
      return b;
    },
    [Infinity, Infinity, -Infinity, -Infinity],
  );
  const out: { x: number; y: number; kind: string }[] = [];
  for (const s of schools) {
    if (s.lon < box[0] || s.lon > box[2] || s.lat < box[1] || s.lat > box[3]) continue;
    if (!rewound.some((f) => geoContains(f, [s.lon, s.lat]))) continue;
    const xy = projection([s.lon, s.lat]);
    if (xy) out.push({ x: Math.round(xy[0] * 10) / 10, y: Math.round(xy[1] * 10) / 10, kind: s.kind });
  }
  return out;
}

function schoolLegend(marks: { kind: string }[], asOf: string): string {
  const n = (k: string) => formatNumber(marks.filter((m) => m.kind === k).length);
  return `Scholen op de kaart (adressen ${asOf}): ● basisonderwijs (${n('bo')}), ■ speciaal (basis)onderwijs (${n('sbo-so')}), ▲ voortgezet onderwijs (${n('vo')}).`;
}
