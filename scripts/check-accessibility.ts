// Renders a sample of gemeenten and the example regions and checks the nine points of
// issue 13 (PDF/UA-1 structure, WCAG AA colours) on each PDF read back; prints a table.
// Usage: npx tsx scripts/check-accessibility.ts [--sample 20] [--data DIR] [--out DIR]
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BrowserSession } from '../src/print/browser-session.js';
import { getDataset, loadRegionArgument, prepareReport, renderRegionToPdf } from '../src/pipeline/render-region.js';
import { defaultDataDir } from '../src/paths.js';
import { checkAccessibility, wordsNotInHtml } from '../tests/helpers/accessibility.js';

const arg = (name: string, fallback: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback);
const dataDir = arg('--data', defaultDataDir);
const sample = Number(arg('--sample', '20'));
const outDir = resolve(arg('--out', 'out/accessibility'));
mkdirSync(outDir, { recursive: true });

const dataset = await getDataset(dataDir);
const codes = [...dataset.gemeenten.keys()].sort();
// Evenly spread over the sorted codes, so the sample is the same on every run.
const picked = Array.from({ length: Math.min(sample, codes.length) }, (_, i) => codes[Math.floor((i * codes.length) / sample)]);
const regions = [...picked, 'regions/voorbeeld-regio.yaml', 'regions/utrecht-wijken.yaml', 'tests/fixtures/regions/oranje-regio.yaml'];

const columns = ['region', 'pages', 'kB', 'untagged', 'XMP', 'roles', 'LBody', 'links', 'tables', 'leaders', 'contrast', 'words', 'ok'];
const rows: string[][] = [];
let failures = 0;
await using session = new BrowserSession();
for (const region of regions) {
  try {
    const report = await prepareReport(await loadRegionArgument(region, dataset), dataset);
    const id = report.config.id ?? region;
    const pdfPath = join(outDir, `${String(id).toLowerCase()}.pdf`);
    const r = await renderRegionToPdf(report, session, { pdfPath, html: true });
    const c = await checkAccessibility(pdfPath);
    const glued = wordsNotInHtml(c.taggedText, readFileSync(r.htmlPath!, 'utf8'));
    const untagged = c.untaggedPerPage.reduce((a, b) => a + b, 0);
    const headersOk = c.paginationArtifactsPerPage.slice(1).every((n) => n >= 2);
    const minContrast = Math.min(...c.textContrasts.map((t) => t.ratio / (t.large ? 3 : 4.5))) ;
    const worst = c.textContrasts.find((t) => t.ratio / (t.large ? 3 : 4.5) === minContrast);
    const checks = {
      untagged: untagged === 0 && headersOk,
      XMP: c.xmp.pdfuaPart === '1' && !!c.xmp.title && !!c.xmp.language && c.marked && c.displayDocTitle,
      roles: c.unmappedTypes.length === 0,
      LBody: c.listItemsWithoutBody === 0,
      links: c.linksWithoutContents === 0,
      tables: c.tablesWithoutHeaderCell === 0 && c.headerCellsWithoutScope === 0 && c.doubledHeaderCells.length === 0,
      leaders: c.tinyFillsPerPage.filter((n) => n > 0).length <= 1,
      contrast: minContrast >= 1,
      words: glued.length === 0,
    };
    const ok = Object.values(checks).every(Boolean);
    if (!ok) failures++;
    rows.push([
      `${report.region.name}`,
      String(r.pages),
      String(Math.round(r.bytes / 1024)),
      String(untagged),
      checks.XMP ? 'ja' : 'NEE',
      checks.roles ? 'ja' : c.unmappedTypes.join(','),
      `${c.listItems - c.listItemsWithoutBody}/${c.listItems}`,
      `${c.links - c.linksWithoutContents}/${c.links}`,
      checks.tables ? `${c.tables}` : `NEE (${c.tablesWithoutHeaderCell} zonder TH)`,
      checks.leaders ? 'ja' : 'NEE',
      worst ? `${worst.ratio.toFixed(2)}${worst.large ? ' (groot)' : ''}` : '-',
      checks.words ? '0' : glued.slice(0, 3).join(' '),
      ok ? 'ja' : 'NEE',
    ]);
    process.stderr.write(`${rows.length}/${regions.length} ${report.region.name}\n`);
  } catch (e) {
    failures++;
    rows.push([region, 'FAILED', (e as Error).message.slice(0, 80), ...columns.slice(3).map(() => '')]);
  }
}
const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => (r[i] ?? '').length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => (c ?? '').padEnd(widths[i])).join(' | ')} |`;
console.log(line(columns));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const r of rows) console.log(line(r));
console.log(`\n${rows.length} reports, ${failures} with a failing check. Lowest contrast = lowest text contrast found (needs 4.5, large text 3).`);
process.exitCode = failures ? 1 : 0;
