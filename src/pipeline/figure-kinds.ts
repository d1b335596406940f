/**
 * Every kind of figure, registered once, with the module that builds it (as vega-lite registers
 * its marks). What a kind is (wijk level, the word a config uses for it) is in data/figure-def.ts;
 * a new kind is one builder module, its traits there and its line here.
 */
import type { FigureDef, FigureKind } from '../data/figure-def.js';
import type { ReportData } from '../data/select.js';
import type { FigureModel } from '../charts/figure-model.js';
import { buildComparison } from '../charts/comparison.js';
import { buildTrend } from '../charts/trend.js';
import { buildComposition } from '../charts/composition.js';
import { buildDistribution } from '../charts/distribution.js';
import { buildProfile, buildScatter, buildWijkProfile } from '../charts/verbanden.js';
import { buildStackingMap, buildWijkMap } from '../maps/build-map.js';

const builders: Record<FigureKind, (report: ReportData, figure: FigureDef) => FigureModel> = {
  comparison: buildComparison,
  trend: buildTrend,
  composition: buildComposition,
  distribution: buildDistribution,
  scatter: buildScatter,
  profile: buildProfile,
  'wijk-profile': buildWijkProfile,
  'wijk-map': buildWijkMap,
  'wijk-stacking': (report) => buildStackingMap(report),
};

/** A figure of a section as its model: a Vega-Lite spec with its title, text alternative, source and notes. */
export function buildFigure(report: ReportData, figure: FigureDef): FigureModel {
  return builders[figure.kind](report, figure);
}
