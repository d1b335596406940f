/**
 * The region among all gemeenten: a histogram of one measure with the region marked.
 */
import type { TopLevelSpec } from 'vega-lite';
import { inSentence, formatNumber, formatObs, formatValue } from '../format.js';

import { yearLabel, type IndicatorDef } from '../data/catalogue.js';
import type { FigureDef } from '../data/figures.js';
import { shownYear, type ReportData } from '../data/select.js';
import { sourceLine } from './citation.js';
import { perRunCache, spreadOf } from '../data/gemeente-values.js';
import { CHART_WIDTH, paletteFor, vegaConfig } from './theme.js';
import type { FigureModel } from './figure-model.js';
import { decimalsOf, niceStep } from './figure-parts.js';

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

export function buildDistribution(report: ReportData, figure: FigureDef): FigureModel {
  const palette = paletteFor(report.config.brand);
  const def = report.catalogue.get(figure.indicators[0])!;
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
