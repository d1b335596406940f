/**
 * Vega-Lite spec → SVG string, in Node. Vega measures text with `canvas`
 * (@napi-rs/canvas under that name), so the bundled font is registered there.
 */
import { createRequire } from 'node:module';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
// The same module vega measures text with (npm alias canvas → @napi-rs/canvas).
import { GlobalFonts } from 'canvas';
import { d3FormatLocaleNl, d3TimeFormatLocaleNl } from '../format.js';
import { FONT_FAMILY } from './theme.js';

const require = createRequire(import.meta.url);
let fontsRegistered = false;

/** Registers the report font with the canvas used for text metrics. */
export function registerChartFonts(): void {
  if (fontsRegistered) return;
  for (const weight of [400, 600, 700]) {
    const path = require.resolve(`@fontsource/source-sans-3/files/source-sans-3-latin-${weight}-normal.woff2`);
    GlobalFonts.registerFromPath(path, FONT_FAMILY);
  }
  vega.formatLocale(d3FormatLocaleNl);
  vega.timeFormatLocale(d3TimeFormatLocaleNl);
  fontsRegistered = true;
}

/**
 * Compiled and parsed Vega runtimes by the shape of their spec (the spec without
 * its data). Reports of a batch draw the same charts with other numbers, so
 * Vega-Lite compiles each chart shape once and only the data changes.
 */
const runtimes = new Map<string, ReturnType<typeof vega.parse>>();
const RUNTIME_CACHE_LIMIT = 300;
export const chartCacheStats = { hits: 0, misses: 0 };

/** Replaces every inline `data: {values}` by a named data source; returns the values by name. */
export function extractDatasets(spec: TopLevelSpec): { shape: TopLevelSpec; datasets: Record<string, unknown[]> } {
  const datasets: Record<string, unknown[]> = {};
  let n = 0;
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!node || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === 'data' && v && typeof v === 'object' && Array.isArray((v as { values?: unknown }).values)) {
        const { values, ...rest } = v as { values: unknown[] };
        const name = `d${n++}`;
        datasets[name] = values;
        out[k] = { ...rest, name };
      } else out[k] = walk(v);
    }
    return out;
  };
  return { shape: walk(spec) as TopLevelSpec, datasets };
}

/**
 * SVGs of recent specs: a re-render in the preview after a text edit draws the same
 * charts again, and then costs nothing. Small and bounded; a batch rarely hits it.
 */
const recentSvgs = new Map<string, string>();
const RECENT_SVG_LIMIT = 100;

export async function renderSpecToSvg(spec: TopLevelSpec, idPrefix: string): Promise<string> {
  registerChartFonts();
  const fullKey = `${idPrefix}\0${JSON.stringify(spec)}`;
  const recent = recentSvgs.get(fullKey);
  if (recent) return recent;
  const svg = await drawSvg(spec, idPrefix);
  if (recentSvgs.size >= RECENT_SVG_LIMIT) recentSvgs.delete(recentSvgs.keys().next().value!);
  recentSvgs.set(fullKey, svg);
  return svg;
}

async function drawSvg(spec: TopLevelSpec, idPrefix: string): Promise<string> {
  const { shape, datasets } = extractDatasets(spec);
  const key = JSON.stringify(shape);
  let runtime = runtimes.get(key);
  if (runtime) chartCacheStats.hits++;
  else {
    chartCacheStats.misses++;
    const warnings: string[] = [];
    runtime = vega.parse(compile(shape, { logger: collectingLogger(warnings) }).spec);
    if (runtimes.size >= RUNTIME_CACHE_LIMIT) runtimes.delete(runtimes.keys().next().value!);
    runtimes.set(key, runtime);
  }
  const view = new vega.View(runtime, { renderer: 'none' });
  for (const [name, values] of Object.entries(datasets)) view.data(name, values as object[]);
  try {
    const svg = withPatterns(await view.toSVG());
    return prefixIds(svg, idPrefix);
  } finally {
    view.finalize();
  }
}

/** Fill for "geen gegevens" on maps: light grey with hatching, as in the legend; reads in greyscale. */
export const NO_DATA_FILL = 'url(#no-data-hatch)';
const noDataPattern =
  '<defs><pattern id="no-data-hatch" patternUnits="userSpaceOnUse" width="5" height="5" patternTransform="rotate(45)"><rect width="5" height="5" fill="#eeeeee"/><line x1="0" y1="0" x2="0" y2="5" stroke="#767676" stroke-width="1.2"/></pattern></defs>';

/** Adds the pattern definitions an SVG's fills refer to. */
function withPatterns(svg: string): string {
  return svg.includes(NO_DATA_FILL) ? svg.replace(/^(<svg[^>]*>)/, `$1${noDataPattern}`) : svg;
}

/** Makes ids unique when many SVGs are inlined in one document. */
export function prefixIds(svg: string, prefix: string): string {
  return svg
    .replace(/\bid="([^"]+)"/g, `id="${prefix}-$1"`)
    .replace(/url\(#([^)]+)\)/g, `url(#${prefix}-$1)`)
    .replace(/href="#([^"]+)"/g, `href="#${prefix}-$1"`);
}

/** Vega-Lite's warnings go to the debug log, not to the user's terminal. */
function collectingLogger(into: string[]): vega.LoggerInterface {
  const logger = vega.logger(vega.Warn);
  const push = (...args: readonly unknown[]) => {
    into.push(args.map(String).join(' '));
    if (process.env.DEBUG?.includes('contextkaart')) process.stderr.write(`vega-lite: ${args.join(' ')}\n`);
    return logger;
  };
  logger.warn = push;
  logger.info = push;
  logger.debug = push;
  return logger;
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Gives the SVG its text alternative: role="img" with aria-label and <title>, which
 * Chromium writes as the /Alt of the figure in the tagged PDF.
 */
export function labelSvg(svg: string, alt: string): string {
  const a = escapeXml(alt);
  return svg.replace(/^<svg ([^>]*)>/, `<svg role="img" aria-label="${a}" $1><title>${a}</title>`);
}
