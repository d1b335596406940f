/**
 * One figure of a section: its data rows read from ReportData, a Vega-Lite spec,
 * a text alternative made from the same rows, and the source line.
 */
import type { TopLevelSpec } from 'vega-lite';
import { inSentence, formatNumber, formatObs, formatValue } from '../format.js';
import { joinAnd } from '../interpret/dutch.js';

import { fieldFor, yearInParens, yearLabel, type IndicatorDef } from '../data/catalogue.js';
import type { FigureDef } from '../data/figures.js';
import { shownValue, shownYear, type AreaRef, type ReportData, type ValueAt } from '../data/select.js';
import { joinNames, withheldMembers } from '../data/aggregate.js';
import { sourceLine, yearRuns } from './citation.js';
import { perRunCache, spreadOf } from '../data/gemeente-values.js';
import { CHART_WIDTH, paletteFor, sequentialRamp, textOn, vegaConfig, type Palette } from './theme.js';
import { buildProfile, buildScatter, buildWijkProfile } from './verbanden.js';
import type { FigureModel } from './figure-model.js';
export type { FigureModel } from './figure-model.js';




function areaColour(area: AreaRef, palette: Palette): string {
  return area.role === 'region' ? palette.region : palette[area.role];
}


/** The gemeenten (or wijken) of a region of several, each as an area of its own; none for one gemeente. */
export function memberAreas(report: ReportData): AreaRef[] {
  const { region } = report;
  if (region.codes.length < 2) return [];
  return region.codes.map((code) => {
    const name = (region.level === 'wijk' ? report.dataset.wijken.get(code)?.name : report.gemeenten.find((g) => g.code === code)?.name) ?? code;
    return { id: `${region.level}-${code}`, name, role: 'gemeente', level: region.level, codes: [code], description: `${region.level} ${name}` };
  });
}

/** The region's value of that year is not computed because a member's own figure is withheld. */
function isWithheldGroup(v: ValueAt): boolean {
  return withheldMembers(v).length > 0;
}

/**
 * Members to show beside the region: when the region's own value of the year is not computed
 * (a member withheld or missing) while some member has a value, the reader still sees those.
 */
function membersToShow(report: ReportData, defs: IndicatorDef[], yearOf: (def: IndicatorDef) => number | null): AreaRef[] {
  const members = memberAreas(report);
  if (members.length === 0) return [];
  const needed = defs.some((def) => {
    const year = yearOf(def);
    if (year === null || !report.years(def.id, report.region).includes(year)) return false;
    const v = report.value(def.id, report.region, year);
    return v.value === null && !v.notApplicable && members.some((m) => report.years(def.id, m).includes(year) && report.value(def.id, m, year).value !== null);
  });
  return needed ? members : [];
}

/** A missing value's reason as printed under a figure: a withheld one says so first. */
function reasonOf(v: ValueAt): string | undefined {
  if (!v.note) return v.suppressed ? 'afgeschermd' : undefined;
  return v.suppressed && !/^(niet berekend|afgeschermd)/.test(v.note) ? `afgeschermd: ${v.note}` : v.note;
}

/** The label of a value in a chart: "niet berekend" for an area whose member is withheld. */
function valueLabel(def: IndicatorDef, v: ValueAt): string {
  return isWithheldGroup(v) ? 'niet berekend' : formatObs(def, v);
}

/**
 * Notes under a figure, one per area and reason: the same reason for several indicators of one
 * figure is printed once ("Heerlen: voorlopig cijfer."), naming the indicators only when not all share it.
 */
function mergeNotes(items: { area: string; indicator?: string; reason: string }[], indicators: number): string[] {
  const groups = new Map<string, { area: string; reason: string; indicators: string[] }>();
  for (const it of items) {
    const key = `${it.area}\0${it.reason}`;
    const g = groups.get(key) ?? { area: it.area, reason: it.reason, indicators: [] };
    if (it.indicator && !g.indicators.includes(it.indicator)) g.indicators.push(it.indicator);
    groups.set(key, g);
  }
  return [...groups.values()].map((g) => {
    const which = indicators > 1 && g.indicators.length < indicators ? `, ${joinNames(g.indicators)}` : '';
    return `${g.area}${which}: ${g.reason.replace(/\.$/, '')}.`;
  });
}


export function buildFigure(report: ReportData, figure: FigureDef): FigureModel {
  const palette = paletteFor(report.config.brand);
  const defs = figure.indicators.map((id) => report.catalogue.get(id)!);
  switch (figure.kind) {
    case 'comparison':
      return comparisonFigure(report, figure, defs, palette);
    case 'trend':
      return trendFigure(report, figure, defs[0], palette);
    case 'composition':
      return compositionFigure(report, figure, defs, palette);
    case 'distribution':
      return distributionFigure(report, figure, defs[0], palette);
    case 'scatter':
      return buildScatter(report, figure);
    case 'profile':
      return buildProfile(report, figure);
    case 'wijk-profile':
      return buildWijkProfile(report, figure);
    default:
      // Wijk maps (and the map of where disadvantages stack) are built by maps/build-map.ts.
      throw new Error(`${figure.kind} figures are built by maps/build-map.ts`);
  }
}

function areasOf(report: ReportData): AreaRef[] {
  return [report.region, ...report.comparisons];
}

interface ComparisonOptions {
  /** The areas as bars, in order; default: the region, its members where needed, and the comparisons. */
  areas?: AreaRef[];
}

function comparisonFigure(report: ReportData, figure: FigureDef, defs: IndicatorDef[], palette: Palette, options: ComparisonOptions = {}): FigureModel {
  const members = membersToShow(report, defs, (d) => shownYear(report, d));
  const areas = options.areas ?? [report.region, ...members, ...report.comparisons];
  const memberIds = new Set(members.map((m) => m.id));
  const rows: Record<string, unknown>[] = [];
  const noteItems: { area: string; indicator?: string; reason: string }[] = [];
  const years: { def: IndicatorDef; level: 'gemeente' | 'wijk'; year: number | null }[] = [];
  // Each measure in its own year; when they differ, each panel and the title say which (never 2022 under "2021").
  const panelYears = defs.map((def) => shownYear(report, def));
  const yearLabels = [...new Set(defs.map((def, i) => (panelYears[i] !== null ? yearLabel(def, panelYears[i]!) : '')).filter(Boolean))];
  const mixed = yearLabels.length > 1;
  for (const [di, def] of defs.entries()) {
    const year = panelYears[di];
    for (const [ai, area] of areas.entries()) {
      const v = shownValue(report, def, area, year);
      const differentYear = v.year !== null && year !== null && v.year !== year;
      rows.push({
        indicator: mixed && year !== null ? `${def.label}, ${yearLabel(def, year)}` : def.label,
        indicatorOrder: di,
        area: area.name,
        areaOrder: ai,
        value: v.value,
        x: v.value ?? 0,
        label: valueLabel(def, v) + (differentYear ? ` (${yearInParens(def, v.year!)})` : ''),
        colour: memberIds.has(area.id) ? palette.member : areaColour(area, palette),
        role: area.role,
        withheld: v.value === null && !!v.suppressed,
      });
      // The region's note, a shown member's when its own figure is withheld, and why a comparison
      // area has no bar beside the region's own.
      const regionHasValue = shownValue(report, def, report.region, year).value !== null;
      const comparisonMissing = !memberIds.has(area.id) && area.role !== 'region' && v.value === null && regionHasValue;
      const reason = area.role === 'region' ? reasonOf(v) : (memberIds.has(area.id) && v.suppressed) || comparisonMissing ? reasonOf(v) : undefined;
      if (reason) noteItems.push({ area: area.name, indicator: inSentence(def.label), reason });
      years.push({ def, level: area.level, year: v.year });
    }
  }
  const notes = mergeNotes(noteItems, defs.length);
  // A withheld value is something to show ("afgeschermd"), not "geen gegevens".
  const hasData = rows.some((r) => r.value !== null || r.withheld);
  const maxValue = Math.max(...rows.map((r) => (r.value as number | null) ?? 0));
  // Room for the value labels right of the longest bar; kept in the data so that the
  // spec is the same for every region and compiles once per batch.
  for (const r of rows) r.xmax = maxValue > 0 ? maxValue * 1.22 : 1;
  const barHeight = 18;
  const inner = {
    width: CHART_WIDTH - 250,
    height: { step: barHeight + 4 },
    encoding: {
      y: { field: 'area', type: 'nominal', sort: { field: 'areaOrder', op: 'min' }, axis: { title: null, ticks: false, domain: false, labelPadding: 6 } },
      x: { field: 'x', type: 'quantitative', scale: { nice: false, zero: true }, axis: null },
    },
    layer: [
      { mark: { type: 'rule', opacity: 0 }, encoding: { x: { field: 'xmax', type: 'quantitative' } } },
      { mark: { type: 'bar', height: barHeight }, encoding: { color: { field: 'colour', type: 'nominal', scale: null }, opacity: { condition: { test: 'datum.value === null', value: 0 }, value: 1 } } },
      ...[700, 400].map((weight) => ({
        transform: [{ filter: weight === 700 ? "datum.role === 'region'" : "datum.role !== 'region'" }],
        mark: { type: 'text', align: 'left', dx: 4, baseline: 'middle', fontSize: 11, fontWeight: weight },
        encoding: { text: { field: 'label' } },
      })),
    ],
  };
  const top = { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', config: vegaConfig(palette), data: { values: rows } };
  const full = (
    defs.length > 1
      ? {
          ...top,
          facet: {
            row: { field: 'indicator', type: 'nominal', sort: { field: 'indicatorOrder', op: 'min' }, header: { title: null, labelAngle: 0, labelAlign: 'left', labelAnchor: 'start', labelOrient: 'top', labelPadding: 4 } },
          },
          spacing: 8,
          spec: inner,
        }
      : { ...top, ...inner }
  ) as TopLevelSpec;
  const yearText = joinAnd(yearLabels);
  return {
    id: figure.id,
    kind: figure.kind,
    title: `${figure.title}${yearText ? `, ${yearText}` : ''}`,
    subtitle: unitSubtitle(defs[0]),
    spec: hasData ? (full as TopLevelSpec) : null,
    alt: `Staafdiagram: ${figure.title}${yearText ? ` (${yearText})` : ''}. ${defs
      .map((d, i) => `${defs.length > 1 ? `${d.label}: ` : ''}${rows.filter((r) => r.indicatorOrder === i).map((r) => `${r.area} ${r.label}`).join(', ')}`)
      .join('. ')}.`,
    source: sourceLine(years),
    notes: unique([...notes, ...caveatsOf(years)]),
  };
}

function unitSubtitle(def: IndicatorDef): string | undefined {
  switch (def.unit) {
    case 'percent':
      return undefined;
    case 'km':
      return 'Afstand in km over de weg';
    case 'euro-k':
      return 'In euro';
    case 'per-1000':
      return `Per 1.000 ${def.base ?? 'inwoners'}`;
    case 'per-100':
      return `Per 100 ${def.base ?? 'inwoners'}`;
    default:
      return undefined;
  }
}

function trendFigure(report: ReportData, figure: FigureDef, def: IndicatorDef, palette: Palette): FigureModel {
  const years = report.years(def.id, report.region);
  const isCount = def.unit === 'count';
  // Counts of areas of different size do not share an axis: show the region alone.
  const areas = isCount ? [report.region] : areasOf(report).filter((a) => a.role !== 'similar');
  if (years.length === 1) return oneYearTrend(report, figure, def, palette, years[0]);
  const rows: Record<string, unknown>[] = [];
  for (const area of areas) {
    for (const y of years) {
      const v = report.value(def.id, area, y);
      rows.push({
        area: area.name,
        year: `${yearLabel(def, y)}${def.yearNotes?.[y] ? '*' : ''}`,
        yearNumber: y,
        value: v.value,
        label: formatObs(def, v),
        approximate: !!v.approximate,
        colour: areaColour(area, palette),
        role: area.role,
      });
    }
  }
  const present = rows.filter((r) => r.value !== null);
  // A line is not drawn across a year without a value (that would suggest one): its gaps stay in the
  // data as null and break the line. Each line is labelled at its own last point.
  const lineRows: Record<string, unknown>[] = [];
  for (const area of areas) {
    const own = rows.filter((r) => r.area === area.name);
    const first = own.findIndex((r) => r.value !== null);
    const lastIndex = own.map((r) => r.value !== null).lastIndexOf(true);
    for (const [i, r] of own.entries()) {
      r.isLast = i === lastIndex;
      if (first !== -1 && i >= first && i <= lastIndex) lineRows.push(r);
    }
  }
  const trendNotes = missingYearNotes(report, def, years);
  const last = years.length ? yearLabel(def, years[years.length - 1]) : '';
  const values = present.map((r) => r.value as number);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const pad = (hi - lo) * 0.15 || Math.abs(hi) * 0.05 || 1;
  // The y range is data (not spec), so the spec compiles once for all regions. A count's axis runs
  // from 0 to at least 4, so that its ticks are whole numbers (',.0f' of 0, 0,5, 1 would print 0, 1, 1).
  const ylo = isCount ? 0 : Math.max(0, lo - pad);
  const yhi = isCount ? 4 : def.unit === 'percent' ? Math.min(100, hi + pad) : hi + pad;
  for (const r of lineRows) {
    r.ylo = ylo;
    r.yhi = yhi;
    r.labelValue = r.value;
  }
  let yDecimals = 0;
  if (!isCount) {
    spreadEndLabels(present.filter((r) => r.isLast), ylo, yhi, TREND_HEIGHT);
    // As many decimals as the ticks Vega draws need, so that no two ticks read the same (a narrow range, one point).
    const domain = [ylo, yhi, ...present.map((r) => r.labelValue as number)];
    yDecimals = decimalsOf(tickStep(Math.min(...domain), Math.max(...domain), TREND_TICKS));
  }
  const spec = isCount
    ? ({
        $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
        config: vegaConfig(palette),
        width: CHART_WIDTH - 80,
        height: 150,
        data: { values: present },
        encoding: {
          x: { field: 'year', type: 'ordinal', axis: { title: null, labelAngle: 0 } },
          y: { field: 'value', type: 'quantitative', axis: { title: null, grid: true, tickCount: 4, format: ',.0f' }, scale: { zero: true } },
        },
        layer: [
          { mark: { type: 'rule', opacity: 0 }, encoding: { y: { field: 'ylo', type: 'quantitative' }, y2: { field: 'yhi' } } },
          { mark: { type: 'bar', color: palette.region, width: { band: 0.55 } } },
          { mark: { type: 'text', dy: -6, baseline: 'bottom', fontSize: 11 }, encoding: { text: { field: 'label' } } },
        ],
      } as TopLevelSpec)
    : ({
        $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
        config: vegaConfig(palette),
        width: CHART_WIDTH - 200,
        height: TREND_HEIGHT,
        data: { values: lineRows },
        encoding: {
          // Many school years do not fit side by side: slanted labels.
          x: {
            field: 'year',
            type: 'ordinal',
            axis: years.length > 6 ? { title: null, labelAngle: -40, labelAlign: 'right', labelBaseline: 'top' } : { title: null, labelAngle: 0 },
            scale: { padding: 0.3 },
          },
          y: {
            field: 'value',
            type: 'quantitative',
            axis: { title: null, grid: true, tickCount: TREND_TICKS, format: `,.${yDecimals}f`, labelExpr: def.unit === 'percent' ? "datum.label + '%'" : undefined },
            scale: { nice: false, zero: false },
          },
          color: { field: 'colour', type: 'nominal', scale: null },
          detail: { field: 'area', type: 'nominal' },
        },
        layer: [
          { mark: { type: 'rule', opacity: 0 }, encoding: { y: { field: 'ylo', type: 'quantitative' }, y2: { field: 'yhi' }, color: { value: '#000000' } } },
          // Province and Nederland differ by dash pattern as well as shade (WCAG 1.4.1).
          {
            mark: { type: 'line', strokeWidth: 2.5, invalid: 'break-paths-filter-domains' },
            encoding: {
              strokeDash: {
                condition: [
                  { test: "datum.role === 'region'", value: [1, 0] },
                  { test: "datum.role === 'nederland'", value: [2, 2] },
                ],
                value: [7, 3],
              },
            },
          },
          { mark: { type: 'point', filled: true, size: 45 } },
          ...[700, 400].map((weight) => ({
            transform: [{ filter: `datum.isLast && ${weight === 700 ? "datum.role === 'region'" : "datum.role !== 'region'"}` }],
            mark: { type: 'text', align: 'left', dx: 8, baseline: 'middle', fontSize: 11, fontWeight: weight },
            encoding: {
              text: { field: 'endLabel' },
              y: { field: 'labelValue', type: 'quantitative' },
              color: { value: weight === 700 ? palette.regionText : palette.text },
            },
          })),
        ],
        transform: [{ calculate: "datum.area + ' ' + datum.label", as: 'endLabel' }],
      } as TopLevelSpec);
  return {
    id: figure.id,
    kind: figure.kind,
    title: `${figure.title}${years.length > 1 ? `, ${yearLabel(def, years[0])} tot en met ${last}` : last ? `, ${last}` : ''}`,
    subtitle: isCount ? report.region.name : undefined,
    spec: present.length ? spec : null,
    alt: `${isCount ? 'Staafdiagram' : 'Lijndiagram'}: ${figure.title} per jaar. ${areas
      .map((a) => `${a.name}: ${rows.filter((r) => r.area === a.name).map((r) => `${r.year} ${r.label}`).join(', ')}`)
      .join('. ')}.`,
    source: sourceLine(years.map((y) => ({ def, level: report.region.level, year: y }))),
    notes: unique([
      ...trendNotes,
      ...years.filter((y) => def.yearNotes?.[y]).map((y) => `* ${yearLabel(def, y)}: ${def.yearNotes![y]}; niet te vergelijken met de andere jaren.`),
      ...(rows.some((r) => r.approximate) ? ['ca. = bij benadering: DUO publiceert aantallen van 1 tot 4 als "<5".'] : []),
      ...caveatsOf(years.map((y) => ({ def, level: report.region.level, year: y }))),
    ]),
  };
}

/**
 * Why the region has no value in some years, one note per reason with its years (each year's own
 * reason, not the last year's). Where the region's value is not computed because a member is
 * withheld, the members' own values of those years follow, so the reader still sees them.
 */
function missingYearNotes(report: ReportData, def: IndicatorDef, years: number[]): string[] {
  const { region } = report;
  const byReason = new Map<string, number[]>();
  const missing = new Map<string, number[]>();
  const withheldYears: number[] = [];
  for (const y of years) {
    const v = report.value(def.id, region, y);
    if (v.value !== null) continue;
    if (!v.suppressed) {
      missing.set(v.note ?? 'niet in de bron', [...(missing.get(v.note ?? 'niet in de bron') ?? []), y]);
      continue;
    }
    const reason = reasonOf(v)!;
    byReason.set(reason, [...(byReason.get(reason) ?? []), y]);
    if (isWithheldGroup(v)) withheldYears.push(y);
  }
  const label = (y: number) => `${yearLabel(def, y)}${def.yearNotes?.[y] ? '*' : ''}`;
  const notes = [
    ...[...missing].map(([note, ys]) => `${region.name}: geen gegevens voor ${yearRuns(def, ys, label, true)} (${note}).`),
    ...[...byReason].map(([reason, ys]) => `${region.name}, ${yearRuns(def, ys, label, true)}: ${reason}.`),
  ];
  const members = memberAreas(report);
  for (const y of withheldYears) {
    const shown = members.filter((m) => report.years(def.id, m).includes(y));
    if (shown.length) notes.push(`Per ${region.level === 'wijk' ? 'wijk' : 'gemeente'} in ${label(y)}: ${shown.map((m) => `${m.name} ${formatObs(def, report.value(def.id, m, y))}`).join(', ')}.`);
  }
  return notes;
}

/**
 * A trend of one year has no development to show: it is drawn as bars of that year (the region,
 * its members where needed, and the comparison areas; a count only with the region's own members).
 */
function oneYearTrend(report: ReportData, figure: FigureDef, def: IndicatorDef, palette: Palette, year: number): FigureModel {
  const members = membersToShow(report, [def], () => year);
  const areas = def.unit === 'count' ? [report.region, ...members] : undefined;
  const model = comparisonFigure(report, { ...figure, kind: 'comparison' }, [def], palette, { areas });
  return { ...model, kind: 'comparison', notes: unique([`Eén jaar (${yearInParens(def, year)}): geen ontwikkeling te tonen.`, ...model.notes]) };
}

function compositionFigure(report: ReportData, figure: FigureDef, defs: IndicatorDef[], palette: Palette): FigureModel {
  const areas = areasOf(report);
  const year = shownYear(report, defs[0]);
  // Parts of one whole (same partOf): a part CBS did not publish (small numbers) goes into a remainder.
  const oneWhole = defs.every((d) => d.partOf && d.partOf === defs[0].partOf);
  const partColours = sequentialRamp(palette.region, defs.length);
  const parts = defs.map((d, i) => ({ label: d.partLabel ?? d.label, colour: partColours[i], def: d as IndicatorDef | undefined }));
  const rows: Record<string, unknown>[] = [];
  const years: { def: IndicatorDef; level: 'gemeente' | 'wijk'; year: number | null }[] = [];
  const missingAreas: string[] = [];
  let usesRemainder = false;
  /** Whether the parts of some bar, as printed (whole percents), do not add up to 100%. */
  let roundingShows = false;
  for (const [ai, area] of areas.entries()) {
    const vals = defs.map((d) => shownValue(report, d, area, year));
    const known = vals.filter((v) => v.value !== null);
    if (known.length === 0 || (!oneWhole && known.length < vals.length)) {
      missingAreas.push(area.name);
      continue;
    }
    const shares = vals.map((v) => v.value);
    // An area without figures of the figure's year shows its latest, and says which (never 2023 under "2024").
    const ownYear = vals.find((v) => v.value !== null)?.year ?? null;
    const areaLabel = ownYear !== null && year !== null && ownYear !== year ? `${area.name} (${yearInParens(defs[0], ownYear)})` : area.name;
    // The gap to 100%: parts not published (small numbers) or not in any category (CBS's referrers
    // do not add up to all trajecten). Shown when a part is missing or the gap is more than rounding.
    const gap = 100 - known.reduce((a, v) => a + v.value!, 0);
    const remainder = oneWhole && (known.length < vals.length || gap > 1) ? Math.max(0, gap) : null;
    if (remainder !== null) usesRemainder = true;
    if ([...shares, remainder].reduce((a: number, v) => a + (v === null ? 0 : Math.round(v)), 0) !== 100) roundingShows = true;
    let start = 0;
    [...shares, remainder].forEach((value, i) => {
      if (value === null) return;
      const isRemainder = i === defs.length;
      const label = isRemainder ? REMAINDER_LABEL : parts[i].label;
      const colour = isRemainder ? palette.noData : parts[i].colour;
      rows.push({
        area: areaLabel,
        areaOrder: ai,
        part: label,
        order: i,
        value,
        start,
        end: start + value,
        label: value >= 6 ? formatValue(value, 'percent', 0) : '',
        fullLabel: isRemainder ? formatValue(value, 'percent', 0) : formatObs(defs[i], vals[i]),
        textColour: textOn(colour),
      });
      start += value;
      if (!isRemainder) years.push({ def: defs[i], level: area.level, year: vals[i].year });
    });
  }
  if (usesRemainder) parts.push({ label: REMAINDER_LABEL, colour: palette.noData, def: undefined });
  const colours = parts.map((p) => p.colour);
  const present = areas.filter((a) => !missingAreas.includes(a.name)).map((a) => a.name);
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: vegaConfig(palette),
    width: CHART_WIDTH - 190,
    height: { step: 26 },
    data: { values: rows },
    encoding: {
      y: { field: 'area', type: 'nominal', sort: { field: 'areaOrder', op: 'min' }, axis: { title: null, ticks: false, domain: false, labelPadding: 6 } },
    },
    layer: [
      {
        mark: { type: 'bar', height: 20, strokeWidth: 1 },
        encoding: {
          // Segments are parted by white; the light-grey remainder gets a grey outline (3:1 on white, WCAG 1.4.11).
          stroke: { condition: { test: `datum.part === ${JSON.stringify(REMAINDER_LABEL)}`, value: palette.province }, value: '#ffffff' },
          x: { field: 'start', type: 'quantitative', scale: { domain: [0, 100], nice: false }, axis: { title: null, values: [0, 25, 50, 75, 100], labelExpr: "datum.label + '%'", grid: false } },
          x2: { field: 'end' },
          color: {
            field: 'part',
            type: 'nominal',
            sort: parts.map((p) => p.label),
            scale: { domain: parts.map((p) => p.label), range: colours },
            legend: { title: null, orient: 'top', direction: 'horizontal', columns: Math.min(parts.length, 5), symbolStrokeColor: '#888', symbolStrokeWidth: 0.5 },
          },
        },
      },
      {
        mark: { type: 'text', baseline: 'middle', fontSize: 10.5 },
        encoding: {
          x: { datum: 0, type: 'quantitative' },
          xOffset: undefined,
          text: { field: 'label' },
          color: { field: 'textColour', type: 'nominal', scale: null },
        },
        transform: [{ calculate: '(datum.start + datum.end) / 2', as: 'mid' }],
      },
    ],
  } as unknown as TopLevelSpec;
  // Text centred in each segment.
  (spec as { layer: { encoding: Record<string, unknown> }[] }).layer[1].encoding.x = { field: 'mid', type: 'quantitative' };
  const yearText = year !== null ? yearLabel(defs[0], year) : '';
  return {
    id: figure.id,
    kind: figure.kind,
    title: `${figure.title}${yearText ? `, ${yearText}` : ''}`,
    subtitle: 'Percentage van het totaal; kleine aandelen zonder label',
    spec: rows.length ? spec : null,
    alt: `Gestapeld staafdiagram: ${figure.title}${yearText ? ` (${yearText})` : ''}. ${present
      .map((a) => `${a}: ${rows.filter((r) => r.area === a).map((r) => `${r.part} ${r.fullLabel}`).join(', ')}`)
      .join('. ')}.`,
    source: sourceLine(years),
    notes: [
      ...(missingAreas.length ? [`Geen gegevens voor ${missingAreas.join(', ')}.`] : []),
      ...(usesRemainder ? [`${REMAINDER_LABEL}: het verschil tot 100%, delen die de bron niet apart publiceert of bij kleine aantallen afschermt.`] : []),
      // Only where a bar's printed parts do not add up to 100%.
      ...(roundingShows ? ['Door afronding tellen de delen niet altijd op tot precies 100%.'] : []),
    ],
  };
}

interface Distribution {
  values: number[];
  min: number;
  max: number;
  step: number;
  bins: Map<number, number>;
}

/** The values of all gemeenten in bins, once per indicator and year for a whole run. */
const distributions = perRunCache<Distribution>();

function distributionOf(report: ReportData, def: IndicatorDef, year: number | null): Distribution {
  return distributions(report, def, year, () => {
    const values = year !== null ? spreadOf(report, def, year).values : [];
    const min = Math.min(...values);
    const max = Math.max(...values);
    const step = niceStep((max - min) / 22);
    const binStart = Math.floor(min / step) * step;
    const bins = new Map<number, number>();
    for (const v of values) {
      const b = binStart + Math.floor((v - binStart) / step + 1e-9) * step;
      bins.set(b, (bins.get(b) ?? 0) + 1);
    }
    return { values, min, max, step, bins };
  });
}

function distributionFigure(report: ReportData, figure: FigureDef, def: IndicatorDef, palette: Palette): FigureModel {
  const year = shownYear(report, def);
  const regionValue = year !== null ? report.value(def.id, report.region, year) : { value: null };
  const { values, min, max, step, bins } = distributionOf(report, def, year);
  const rv = regionValue.value;
  const rows = [...bins].map(([b, count]) => ({ b0: b, b1: b + step, count, isRegion: rv !== null && rv >= b && rv < b + step }));
  const higher = rv === null ? 0 : values.filter((v) => v > rv).length;
  const rank = higher + 1;
  const pctHigherOrEqual = rv === null ? 0 : (values.filter((v) => v >= rv).length / values.length) * 100;
  const regionLabel = rv === null ? '' : `${report.region.name}: ${formatObs(def, regionValue)}`;
  const nl = report.comparisons.find((c) => c.role === 'nederland')!;
  const nlValue = year !== null ? report.value(def.id, nl, year).value : null;
  const maxCount = Math.max(...rows.map((r) => r.count));
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: vegaConfig(palette),
    width: CHART_WIDTH - 60,
    height: 150,
    layer: [
      {
        data: { values: rows },
        mark: { type: 'bar', stroke: '#ffffff', strokeWidth: 0.5 },
        encoding: {
          x: {
            field: 'b0',
            type: 'quantitative',
            bin: { binned: true, step },
            // Ticks fall on bin edges: as many decimals as the bin width needs, so that no two read the same.
            axis: { title: def.label, labelExpr: def.unit === 'percent' ? "datum.label + '%'" : undefined, format: `,.${Math.max(def.decimals ? 1 : 0, decimalsOf(step))}f` },
          },
          x2: { field: 'b1' },
          y: { field: 'count', type: 'quantitative', axis: { title: 'Aantal gemeenten', tickCount: 4, tickMinStep: 1, format: ',.0f', grid: true }, scale: { domain: [0, Math.max(4, maxCount * 1.3)] } },
          color: { condition: { test: 'datum.isRegion', value: palette.region }, value: palette.similar },
        },
      },
      ...(rv !== null
        ? [
            {
              data: { values: [{ v: rv, label: regionLabel }] },
              mark: { type: 'rule' as const, color: palette.region, strokeWidth: 2 },
              encoding: { x: { field: 'v', type: 'quantitative' as const } },
            },
            {
              data: { values: [{ v: rv, label: regionLabel, y: maxCount * 1.22 }] },
              mark: { type: 'text' as const, align: (rv - min > (max - min) * 0.6 ? 'right' : 'left') as 'left' | 'right', dx: rv - min > (max - min) * 0.6 ? -5 : 5, fontWeight: 700, color: palette.regionText, fontSize: 11 },
              encoding: { x: { field: 'v', type: 'quantitative' as const }, y: { field: 'y', type: 'quantitative' as const }, text: { field: 'label' } },
            },
          ]
        : []),
      ...(nlValue !== null
        ? [
            {
              data: { values: [{ v: nlValue, label: `Nederland: ${formatValue(nlValue, def.unit, def.decimals)}`, y: maxCount * 1.05 }] },
              mark: { type: 'rule' as const, color: palette.nederland, strokeDash: [4, 3], strokeWidth: 1.2 },
              encoding: { x: { field: 'v', type: 'quantitative' as const } },
            },
          ]
        : []),
    ],
  } as TopLevelSpec;
  const yearText = year !== null ? yearLabel(def, year) : '';
  const position =
    rv === null
      ? `${report.region.name}: ${formatObs(def, regionValue)}.`
      : `${report.region.name} (${formatObs(def, regionValue)}) staat op plaats ${formatNumber(rank)} van ${formatNumber(values.length)} gemeenten (1 = hoogste waarde); ${formatNumber(pctHigherOrEqual, 0)}% van de gemeenten heeft een even hoge of hogere waarde.`;
  return {
    id: figure.id,
    kind: figure.kind,
    title: `${figure.title}${yearText ? `, ${yearText}` : ''}`,
    subtitle: `Aantal gemeenten per klasse; ${report.region.name} gemarkeerd${nlValue !== null ? ', Nederland gestippeld' : ''}`,
    spec: values.length ? spec : null,
    alt: `Histogram van ${inSentence(def.label)} over ${formatNumber(values.length)} gemeenten, van ${formatValue(min, def.unit, def.decimals)} tot ${formatValue(max, def.unit, def.decimals)}. ${position}`,
    source: sourceLine([{ def, level: 'gemeente', year }]),
    notes: [position],
  };
}

const TREND_HEIGHT = 170;
const TREND_TICKS = 5;

/** The step of the ticks Vega draws for a linear scale from lo to hi with `count` ticks (d3-array's tickSpec). */
export function tickStep(lo: number, hi: number, count: number): number {
  const raw = (hi - lo) / Math.max(1, count);
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const power = Math.floor(Math.log10(raw));
  const error = raw / 10 ** power;
  const factor = error >= Math.sqrt(50) ? 10 : error >= Math.sqrt(10) ? 5 : error >= Math.sqrt(2) ? 2 : 1;
  return factor * 10 ** power;
}

/** Decimals a tick step needs to be printed exactly: 0 for 5, 1 for 0,5 or 2,5, 2 for 0,25. */
export function decimalsOf(step: number): number {
  const text = String(Number(step.toPrecision(12)));
  if (text.includes('e-')) return Number(text.split('e-')[1]) + (text.split('e')[0].split('.')[1]?.length ?? 0);
  return text.includes('.') ? text.split('.')[1].length : 0;
}

/**
 * An indicator's caveat is about the years that come from another source than its own (Utrecht's
 * own file of 2023, CBS's income table of 2020): printed only where the figure shows such a year.
 */
function caveatsOf(parts: { def: IndicatorDef; level: 'gemeente' | 'wijk'; year: number | null }[]): string[] {
  const fromOtherSource = (p: (typeof parts)[number]) => {
    const field = p.year !== null ? fieldFor(p.def, p.level, p.year) : undefined;
    return !!field && field.includes(':') && field.split(':')[0] !== p.def.source;
  };
  return unique(parts.filter((p) => p.def.caveat && fromOtherSource(p)).map((p) => p.def.caveat!));
}

/** Each note once, in order. */
function unique(notes: string[]): string[] {
  return [...new Set(notes)];
}
const REMAINDER_LABEL = 'Overig of niet gepubliceerd';

/** Moves end-of-line labels apart (at least 13 px) so that close values stay readable. */
export function spreadEndLabels(rows: Record<string, unknown>[], ylo: number, yhi: number, height: number, gap = 13): void {
  const toPx = (v: number) => height - ((v - ylo) / (yhi - ylo || 1)) * height;
  const toValue = (px: number) => ylo + ((height - px) / height) * (yhi - ylo || 1);
  const items = rows.map((r) => ({ r, px: toPx(r.value as number) })).sort((a, b) => a.px - b.px);
  for (let i = 1; i < items.length; i++) items[i].px = Math.max(items[i].px, items[i - 1].px + gap);
  // Keep the lowest label inside the chart, pushing the others up if needed.
  const overflow = items.length ? items[items.length - 1].px - height : 0;
  if (overflow > 0) for (const it of items) it.px -= overflow;
  for (const it of items) it.r.labelValue = toValue(it.px);
}

function niceStep(raw: number): number {
  const p = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) if (raw <= m * p) return m * p;
  return 10 * p;
}
