/** Number of drawn items of one Vega mark type (rect, shape, text, symbol, line) in an SVG. */
export function countMarks(svg: string, type: 'rect' | 'shape' | 'text' | 'symbol' | 'line'): number {
  let n = 0;
  const re = new RegExp(`<g class="mark-${type} role-mark[^"]*"[^>]*>(.*?)</g>`, 'gs');
  for (const m of svg.matchAll(re)) n += (m[1].match(type === 'text' ? /<text/g : /<path/g) ?? []).length;
  return n;
}

/** The strings drawn by the text marks of an SVG (each text once, in drawing order, halos included). */
export function markTexts(svg: string): string[] {
  const out: string[] = [];
  for (const m of svg.matchAll(/<g class="mark-text role-mark[^"]*"[^>]*>(.*?)<\/g>/gs)) for (const t of m[1].matchAll(/<text[^>]*>([^<]*)<\/text>/g)) out.push(t[1]);
  return out;
}
