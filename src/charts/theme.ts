/**
 * Brand-aware Vega-Lite config. Sizes are CSS px (1px = 0.75pt): 11px text is
 * 8.25pt in print, above the 7.5pt minimum.
 */
import type { Config } from 'vega-lite';
import { GRAPHIC_CONTRAST, contrastRatio, darkenUntil, readableOnWhite } from '../contrast.js';

export const FONT_FAMILY = 'Source Sans 3';
/** Width of a chart on the page, in CSS pixels (the text column of an A4 page). */
export const CHART_WIDTH = 620;
/**
 * Quoted for Vega: it builds a CSS font shorthand for canvas text metrics, and an
 * unquoted family ending in a number ("Source Sans 3") is invalid there, so the
 * measurement silently used another font and long labels were cut.
 */
const VEGA_FONT = `"${FONT_FAMILY}"`;

export interface Palette {
  region: string;
  /** The brand colour, darkened where needed, for text on white (contrast at least 4.5:1). */
  regionText: string;
  gemeente: string;
  province: string;
  similar: string;
  nederland: string;
  /** The gemeenten (or wijken) of a region of several, shown beside it: a lighter shade of the region's colour. */
  member: string;
  text: string;
  muted: string;
  noData: string;
}

export function paletteFor(brand: { primary: string; secondary: string }): Palette {
  const region = darkenUntil(brand.primary, '#ffffff', GRAPHIC_CONTRAST);
  return {
    // Graphical objects that carry meaning reach 3:1 on white (WCAG 1.4.11); text 4.5:1.
    region,
    regionText: readableOnWhite(brand.primary),
    gemeente: '#5b6b7a',
    province: '#767676',
    similar: '#929292',
    nederland: '#555555',
    member: memberColour(region),
    text: '#222222',
    muted: '#595959',
    noData: '#e3e3e3',
  };
}

export function vegaConfig(palette: Palette): Config {
  return {
    font: VEGA_FONT,
    background: null as unknown as string,
    padding: 2,
    // The figure carries one text alternative (role="img"); the marks themselves stay out of the PDF's tag tree.
    aria: false,
    view: { stroke: null },
    axis: {
      labelFont: VEGA_FONT,
      titleFont: VEGA_FONT,
      labelFontSize: 11,
      titleFontSize: 11,
      labelColor: palette.text,
      titleColor: palette.muted,
      titleFontWeight: 'normal',
      domainColor: '#888888',
      tickColor: '#888888',
      gridColor: '#e6e6e6',
      labelLimit: 220,
    },
    legend: {
      labelFont: VEGA_FONT,
      titleFont: VEGA_FONT,
      labelFontSize: 11,
      titleFontSize: 11,
      labelColor: palette.text,
      titleColor: palette.muted,
      titleFontWeight: 'normal',
      symbolType: 'square',
      labelLimit: 260,
    },
    header: { labelFont: VEGA_FONT, labelFontSize: 11, labelColor: palette.text, labelFontWeight: 600 },
    text: { font: VEGA_FONT, fontSize: 11, color: palette.text },
    title: { font: VEGA_FONT },
  } as Config;
}

export { luminance, textOn } from '../contrast.js';

/**
 * The region's colour mixed with as much white as keeps 3:1 on white; where that is too close
 * to the region's own colour to tell apart (a light brand), a slate grey-blue.
 */
function memberColour(region: string): string {
  const rgb = [1, 3, 5].map((i) => parseInt(region.slice(i, i + 2), 16));
  const mix = (t: number) => `#${rgb.map((v) => Math.round(v + (255 - v) * t).toString(16).padStart(2, '0')).join('')}`;
  let t = 0.6;
  while (t > 0 && contrastRatio(mix(t), '#ffffff') < GRAPHIC_CONTRAST) t -= 0.02;
  const tint = mix(Math.max(0, t));
  return contrastRatio(tint, region) >= 1.4 ? tint : '#5b6b7a';
}

/** n colours from light to the brand colour (and darker), for ordered classes. */
export function sequentialRamp(base: string, n: number): string[] {
  const rgb = [1, 3, 5].map((i) => parseInt(base.slice(i, i + 2), 16));
  const mix = (t: number) => {
    // t in [0,1]: 0 = very light tint, ~0.8 = base colour, 1 = a darker shade.
    const c = rgb.map((v) => (t <= 0.8 ? 255 + (v - 255) * (0.12 + (t / 0.8) * 0.88) : v * (1 - (t - 0.8) * 1.6)));
    return `#${c.map((v) => Math.round(Math.max(0, Math.min(255, v))).toString(16).padStart(2, '0')).join('')}`;
  };
  if (n === 1) return [mix(0.8)];
  return Array.from({ length: n }, (_, i) => mix(i / (n - 1)));
}

export { readableOnWhite };
