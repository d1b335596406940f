/**
 * WCAG 2.1 contrast: relative luminance, contrast ratio, and the colour choices
 * that follow from them (text 4.5:1, graphical objects 3:1). The one place the
 * report's colours are made readable: CSS, charts and maps all use it.
 */
import { messages } from './util/messages.js';

/** WCAG AA minimum for normal text, and for graphical objects and large text. */
export const TEXT_CONTRAST = 4.5;
export const GRAPHIC_CONTRAST = 3;

/** Pure black: with black or white, every fill reaches at least 4.58:1 (a near-black like #1a1a1a leaves mid greys at 4.2:1). */
export const BLACK_TEXT = '#000000';
export const WHITE_TEXT = '#ffffff';

function channels(hex: string): number[] {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
}

function toHex(rgb: number[]): string {
  return `#${rgb.map((v) => Math.round(Math.max(0, Math.min(255, v))).toString(16).padStart(2, '0')).join('')}`;
}

/** Relative luminance (WCAG 2.1) of a #rrggbb colour. */
export function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((c) => c / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Contrast ratio (1 to 21) of two #rrggbb colours. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** Darkens a colour in steps of 10% until it reaches the ratio against the background (default: text on white). */
export function darkenUntil(hex: string, background = '#ffffff', ratio = TEXT_CONTRAST): string {
  let rgb = channels(hex);
  for (let i = 0; i < 40 && contrastRatio(toHex(rgb), background) < ratio; i++) rgb = rgb.map((v) => v * 0.9);
  return toHex(rgb);
}

/** Text colour on a fill: black or white, whichever contrasts more (at least 4.5:1 for any fill). */
export function textOn(fill: string): string {
  return contrastRatio(BLACK_TEXT, fill) >= contrastRatio(WHITE_TEXT, fill) ? BLACK_TEXT : WHITE_TEXT;
}

/** A brand colour used for text on white, darkened where needed to 4.5:1. */
export function readableOnWhite(hex: string): string {
  return darkenUntil(hex, '#ffffff', TEXT_CONTRAST);
}

/** The warning `validate` gives for a brand colour too light for text on white, or undefined. */
export function brandColourWarning(file: string, colour: string): string | undefined {
  const ratio = contrastRatio(colour, '#ffffff');
  if (ratio >= TEXT_CONTRAST) return undefined;
  return messages.brandColourTooLight(file, 'brand.primary', colour, ratio.toFixed(2), readableOnWhite(colour), darkenUntil(colour, '#ffffff', GRAPHIC_CONTRAST));
}
