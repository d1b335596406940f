/**
 * A line per area over the years of one measure; one year only becomes a bar chart of that year.
 */
import type { TopLevelSpec } from 'vega-lite';
import { formatObs } from '../format.js';

import { yearInParens, yearLabel, type IndicatorDef } from '../data/catalogue.js';
import type { FigureDef } from '../data/figures.js';
import { type ReportData } from '../data/select.js';
import { sourceLine, yearRuns } from './citation.js';
import { CHART_WIDTH, paletteFor, vegaConfig } from './theme.js';
import type { FigureModel } from './figure-model.js';
import { areaColour, areasOf, caveatsOf, decimalsOf, isWithheldGroup, memberAreas, membersToShow, reasonOf, spreadEndLabels, tickStep, TREND_HEIGHT, TREND_TICKS, unique } from './figure-parts.js';

import { buildComparison } from './comparison.js';
export function buildTrend(report: ReportData, figure: FigureDef): FigureModel {
  const palette = paletteFor(report.config.brand);
  const def = report.catalogue.get(figure.indicators[0])!;
  const years = report.years(def.id, report.region);
  const isCount = def.unit === 'count';
  // Counts of areas of different size do not share an axis: show the region alone.
  const areas = isCount ? [report.region] : areasOf(report).filter((a) => a.role !== 'similar');
  if (years.length === 1) return oneYearTrend(report, figure, def, years[0]);
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
function oneYearTrend(report: ReportData, figure: FigureDef, def: IndicatorDef, year: number): FigureModel {
  const members = membersToShow(report, [def], () => year);
  const areas = def.unit === 'count' ? [report.region, ...members] : undefined;
  const model = buildComparison(report, { ...figure, kind: 'comparison', indicators: [def.id] }, { areas });
  return { ...model, kind: 'comparison', notes: unique([`Eén jaar (${yearInParens(def, year)}): geen ontwikkeling te tonen.`, ...model.notes]) };
}
