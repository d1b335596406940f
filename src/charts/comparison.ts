/**
 * A bar chart of the region beside its comparison areas, one panel per measure (each in its own year).
 */
import type { TopLevelSpec } from 'vega-lite';
import { inSentence } from '../format.js';
import { joinAnd } from '../util/dutch-list.js';

import { yearInParens, yearLabel, type IndicatorDef } from '../data/catalogue.js';
import type { FigureDef } from '../data/figures.js';
import { shownValue, shownYear, type ReportData } from '../data/select.js';
import { sourceLine } from './citation.js';
import { CHART_WIDTH, paletteFor, vegaConfig } from './theme.js';
import type { FigureModel } from './figure-model.js';
import { areaColour, caveatsOf, membersToShow, mergeNotes, reasonOf, unique, unitSubtitle, valueLabel, type ComparisonOptions } from './figure-parts.js';

export function buildComparison(report: ReportData, figure: FigureDef, options: ComparisonOptions = {}): FigureModel {
  const palette = paletteFor(report.config.brand);
  const defs = figure.indicators.map((id) => report.catalogue.get(id)!);
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
