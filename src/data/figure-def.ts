/** What a figure is: which indicators, and as what kind of chart (charts/ turns each into a Vega-Lite spec). */
import type { Domain } from '../domains.js';

interface KindTraits {
  /** What the figure draws: the region beside its comparison areas, the wijken of the area, or the region's profile. */
  shows: 'areas' | 'wijken' | 'profile';
  /** The word a config uses for a figure of any indicator ("vergelijking:pct_hh_laagste_40"). */
  configWord?: string;
  /** Height on the page in mm with title and source line, roughly, for fitting a chapter on one page; bars: areas drawn. */
  heightMm: (indicators: number, bars: number) => number;
}

/**
 * Every kind of figure and what it is, registered once (its builder is registered once in
 * pipeline/figure-kinds.ts). A new kind is a line here, its builder module and its line there.
 */
export const figureKinds = {
  comparison: { shows: 'areas', configWord: 'vergelijking', heightMm: (indicators, bars) => 16 + (8 + 6 * bars) * indicators },
  trend: { shows: 'areas', configWord: 'trend', heightMm: () => 78 },
  composition: { shows: 'areas', heightMm: () => 62 },
  distribution: { shows: 'areas', configWord: 'verdeling', heightMm: () => 72 },
  'wijk-map': { shows: 'wijken', configWord: 'wijkkaart', heightMm: () => 120 },
  scatter: { shows: 'wijken', heightMm: () => 120 },
  'wijk-profile': { shows: 'wijken', heightMm: () => 120 },
  'wijk-stacking': { shows: 'wijken', heightMm: () => 120 },
  profile: { shows: 'profile', heightMm: () => 120 },
} as const satisfies Record<string, KindTraits>;

export type FigureKind = keyof typeof figureKinds;

export const isWijkKind = (kind: FigureKind) => figureKinds[kind].shows === 'wijken';
export const isAreaChart = (kind: FigureKind) => figureKinds[kind].shows === 'areas';

export interface FigureDef {
  id: string;
  kind: FigureKind;
  domain: Domain;
  title: string;
  indicators: string[];
  /** Legend labels for a composition's parts. */
  note?: string;
  /**
   * Wijk maps: the wijk year to show. Set by the report (select.ts fitToRegion) when it chose
   * another table's figures for the map than the figure's own latest year (wijkIndicatorChoice).
   */
  wijkYear?: number;
  /** Wijk maps: why the map shows another indicator or year than the figure's own (one Dutch sentence). */
  wijkNote?: string;
  /**
   * In its domain's section of the standard report: added after the figures listed in figures.ts
   * (`standardSections`), in figure-list order. A figure without it is there for a config to name.
   */
  standard?: true;
}
