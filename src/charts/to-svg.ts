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

export async function renderSpecToSvg(spec: TopLevelSpec, idPrefix: string): Promise<string> {
  registerChartFonts();
  const warnings: string[] = [];
  const { spec: vgSpec } = compile(spec, { logger: collectingLogger(warnings) });
  const view = new vega.View(vega.parse(vgSpec), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    return prefixIds(svg, idPrefix);
  } finally {
    view.finalize();
  }
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
