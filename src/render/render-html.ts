/**
 * Handlebars: one isolated instance with our helpers and partials, compiled once
 * per process from templates/. Everything from data is escaped by {{ }}; only
 * our own SVG, CSS and sanitised Markdown go through {{{ }}}.
 */
import { inSentence } from '../format.js';
import { readableOnWhite } from '../contrast.js';
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import Handlebars from 'handlebars';
import { fontFaceCss } from './fonts.js';
import type { ReportView } from './view-model.js';

export interface Templates {
  dir: string;
  render: (view: ReportView) => string;
}

const cache = new Map<string, Templates>();

/** A CSS string literal, safe inside <style> (quotes, backslashes, newlines and "<" escaped). */
export function cssString(value: string): string {
  return `"${value.replace(/[\\"]/g, '\\$&').replace(/\n/g, '\\A ').replace(/</g, '\\3C ')}"`;
}

/** Forget compiled templates (the preview calls this when a template file changes). */
export function clearTemplateCache(): void {
  cache.clear();
}

export function loadTemplates(dir: string): Templates {
  const cached = cache.get(dir);
  if (cached) return cached;
  const hb = Handlebars.create();
  hb.registerHelper('cssString', (v: unknown) => new hb.SafeString(cssString(String(v ?? ''))));
  // Only #rrggbb gets into CSS: a colour from a config can carry nothing else.
  hb.registerHelper('cssColour', (v: unknown) => (/^#[0-9a-fA-F]{6}$/.test(String(v)) ? String(v) : '#1d5c96'));
  hb.registerHelper('concat', (...args: unknown[]) => args.slice(0, -1).join(''));
  hb.registerHelper('lower', (v: unknown) => inSentence(String(v ?? '')));
  hb.registerHelper('gt', (a: number, b: number) => a > b);
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  // The brand colour for text: darkened to 4.5:1 on white where it is lighter (WCAG AA).
  hb.registerHelper('readableOnWhite', (v: unknown) => readableOnWhite(String(v)));
  hb.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean));
  // Rows in blocks of two columns of at most `perColumn` rows: [[left rows, right rows], …].
  hb.registerHelper('columnBlocks', (rows: unknown[], perColumn: number) => {
    const blocks: unknown[][][] = [];
    for (let i = 0; i < rows.length; i += perColumn * 2) {
      const chunk = rows.slice(i, i + perColumn * 2);
      const half = Math.ceil(chunk.length / 2);
      blocks.push([chunk.slice(0, half), chunk.slice(half)].filter((c) => c.length > 0));
    }
    return blocks;
  });
  hb.registerHelper('join', (items: unknown) => (Array.isArray(items) ? items.join(', ') : ''));
  const partialsDir = join(dir, 'partials');
  for (const file of readdirSync(partialsDir).filter((f) => f.endsWith('.hbs'))) {
    hb.registerPartial(basename(file, '.hbs'), readFileSync(join(partialsDir, file), 'utf8'));
  }
  const layout = hb.compile(readFileSync(join(dir, 'layouts', 'report.hbs'), 'utf8'), { strict: false });
  const printCss = readFileSync(join(dir, 'print.css'), 'utf8');
  const templates: Templates = {
    dir,
    render: (view) => layout({ ...view, fontCss: fontFaceCss(), printCss }),
  };
  cache.set(dir, templates);
  return templates;
}
