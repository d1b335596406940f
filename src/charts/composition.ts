/**
 * Stacked bars of the parts of a whole (age groups, education levels) per area.
 */
import type { TopLevelSpec } from 'vega-lite';
import { formatObs, formatValue } from '../format.js';

import { yearInParens, yearLabel, type IndicatorDef } from '../data/catalogue.js';
import type { FigureDef } from '../data/figures.js';
import { shownValue, shownYear, type ReportData } from '../data/select.js';
import { sourceLine } from './citation.js';
import { CHART_WIDTH, paletteFor, sequentialRamp, textOn, vegaConfig } from './theme.js';
import type { FigureModel } from './figure-model.js';
import { areasOf, REMAINDER_LABEL } from './figure-parts.js';

export function buildComposition(report: ReportData, figure: FigureDef): FigureModel {
  const palette = paletteFor(report.config.brand);
  const defs = figure.indicators.map((id) => report.catalogue.get(id)!);
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
