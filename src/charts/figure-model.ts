/** A figure as the report prints it: a Vega-Lite spec (or a table) with its title, source and notes. */
import type { TopLevelSpec } from 'vega-lite';
import type { FigureDef } from '../data/figures.js';

export interface FigureModel {
  id: string;
  kind: FigureDef['kind'];
  title: string;
  subtitle?: string;
  /** null when no area has data: the template prints "geen gegevens" instead. */
  spec: TopLevelSpec | null;
  alt: string;
  source: string;
  notes: string[];
  /** Colour legend printed under a map. */
  legend?: { title: string; items: { label: string; colour: string; noData: boolean }[] };
  /** A table whose cells are shaded by class (the wijk profile). */
  profileTable?: { head: string[]; rows: { nr: string; name: string; cells: { text: string; fill: string; colour: string }[]; stacked: string }[] };
  /** Rows for a table beside the figure (maps). */
  table?: { head: string[]; rows: string[][]; /** Rows under the wijken: the gemeente and Nederland. */ references?: string[][] };
}
