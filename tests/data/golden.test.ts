/**
 * Golden files: what a few standard figures and one report print, kept in tests/golden/ so a change
 * in output shows as a diff in review. A change on purpose: `npx vitest run --project data -u`
 * rewrites them; commit them with the change that caused it.
 *
 * - tests/golden/specs/*.vl.json: the Vega-Lite spec of a comparison, a trend and a wijk map of
 *   Arnhem (the full edition), as the report draws them.
 * - tests/golden/arnhem-kort.txt: the text of Arnhem's standard report (the short edition): cover,
 *   summary tiles, kernpunten, where to act, each section's sentences, figure titles, notes and
 *   tables, and the verantwoording. No SVG, no date of making, no tool version.
 */
import { describe, expect, it } from 'vitest';
import { composeReport } from '../../src/interpret/edition.js';
import { buildFigure } from '../../src/pipeline/figure-kinds.js';
import { loadRegionArgument, prepareReport, renderFigures } from '../../src/pipeline/render-region.js';
import { buildReportView } from '../../src/render/view-model.js';
import type { ReportData } from '../../src/data/select.js';
import { dataDir, realDataset } from '../helpers/data.js';

const GEMEENTE = 'Arnhem';
/** One figure of each common kind: a comparison, a trend, a wijk map. */
const FIGURES = ['jeugdzorg', 'inwoners-trend', 'wijkkaart-laag-inkomen'];

/** Absolute paths of this machine out of a golden file. */
function portable(text: string): string {
  return text.split(dataDir).join('<data>').split(process.cwd()).join('<project>');
}

async function arnhem(edition?: 'kort' | 'volledig'): Promise<ReportData> {
  const dataset = await realDataset();
  return prepareReport(await loadRegionArgument(GEMEENTE, dataset), dataset, { edition });
}

describe('golden Vega-Lite specs (Arnhem, full edition)', () => {
  it.each(FIGURES)('%s', async (id) => {
    const report = await arnhem('volledig');
    const def = report.sections.flatMap((s) => s.figures).find((f) => f.id === id);
    expect(def, `${GEMEENTE}'s full report shows figure ${id}`).toBeDefined();
    const model = buildFigure(report, def!);
    expect(model.spec, `figure ${id} has a spec`).not.toBeNull();
    await expect(portable(`${JSON.stringify(model.spec, null, 2)}\n`)).toMatchFileSnapshot(`../golden/specs/arnhem-${id}.vl.json`);
  });
});

/** Keys of the view that are not text a reader sees, or that change from run to run. */
const NOT_TEXT = new Set(['svg', 'locatorSvg', 'mapSvg', 'logoDataUri', 'generatedOn', 'toolVersion', 'spec', 'brand', 'colour', 'fill', 'anchor', 'lang']);

/** HTML of the view (consultant's Markdown, kernpunten) as the text it shows. */
function htmlText(html: string): string {
  return html
    .replace(/<\/(p|li|h\d)>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join(' / ');
}

/** Every text of the view, one "path: text" line each, in the order of the view. */
function textLines(value: unknown, path: string, out: string[]): void {
  if (value === null || value === undefined || value === '') return;
  if (Array.isArray(value)) {
    value.forEach((v, i) => textLines(v, `${path}[${i}]`, out));
    return;
  }
  if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (NOT_TEXT.has(k)) continue;
      if (typeof v === 'string' && /html$/i.test(k)) textLines(htmlText(v), path ? `${path}.${k}` : k, out);
      else textLines(v, path ? `${path}.${k}` : k, out);
    }
    return;
  }
  out.push(`${path}: ${String(value).replace(/\s*\n\s*/g, ' / ')}`);
}

describe('golden report text', () => {
  it(`${GEMEENTE}, the standard report (short edition)`, async () => {
    const composed = composeReport(await arnhem());
    const { figures, svgs } = await renderFigures(composed.report, composed.interpretation);
    // A fixed date: the date of making is printed on the cover, and is left out of the file anyway.
    const view = buildReportView(composed.report, composed.interpretation, figures, svgs, 'x.y.z', new Date('2026-01-01T00:00:00Z'));
    const lines: string[] = [];
    textLines(view, '', lines);
    await expect(portable(`${lines.join('\n')}\n`)).toMatchFileSnapshot('../golden/arnhem-kort.txt');
  });
});
