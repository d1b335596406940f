/** What a figure is: which indicators, and as what kind of chart (charts/ turns each into a Vega-Lite spec). */
import type { Domain } from '../domains.js';

export type FigureKind = 'comparison' | 'trend' | 'composition' | 'distribution' | 'wijk-map' | 'scatter' | 'profile' | 'wijk-profile' | 'wijk-stacking';

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
}
