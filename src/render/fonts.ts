/**
 * @font-face rules with the fonts inlined as data URIs (from @fontsource, an npm
 * package), so the page loads no file and every PDF embeds the same font.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { FONT_FAMILY } from '../charts/theme.js';

const require = createRequire(import.meta.url);
let css: string | undefined;

const faces: { weight: number; style: 'normal' | 'italic' }[] = [
  { weight: 400, style: 'normal' },
  { weight: 400, style: 'italic' },
  { weight: 600, style: 'normal' },
  { weight: 700, style: 'normal' },
];
const subsets = [
  { name: 'latin', range: 'U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+0304, U+0308, U+0329, U+2000-206F, U+20AC, U+2122, U+2191, U+2193, U+2212, U+2215, U+FEFF, U+FFFD' },
  { name: 'latin-ext', range: 'U+0100-02BA, U+02BD-02C5, U+02C7-02CC, U+02CE-02D7, U+02DD-02FF, U+0304, U+0308, U+0329, U+1D00-1DBF, U+1E00-1E9F, U+1EF2-1EFF, U+2020, U+20A0-20AB, U+20AD-20C0, U+2113, U+2C60-2C7F, U+A720-A7FF' },
];

export function fontFaceCss(): string {
  if (css) return css;
  const rules: string[] = [];
  for (const { weight, style } of faces) {
    for (const subset of subsets) {
      const file = require.resolve(`@fontsource/source-sans-3/files/source-sans-3-${subset.name}-${weight}-${style}.woff2`);
      const data = readFileSync(file).toString('base64');
      rules.push(
        `@font-face{font-family:'${FONT_FAMILY}';font-style:${style};font-weight:${weight};font-display:block;src:url(data:font/woff2;base64,${data}) format('woff2');unicode-range:${subset.range};}`,
      );
    }
  }
  css = rules.join('\n');
  return css;
}
