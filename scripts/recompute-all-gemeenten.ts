// Issue 11: every Kerncijfers cell of every gemeente's standard contextkaart (gemeente, province,
// similar gemeenten, Nederland) compared with the same figure computed from the raw files by a
// second, simple path (tests/helpers/raw-figures.ts). No browser: the cells are those the PDF prints.
// Usage: npx tsx scripts/recompute-all-gemeenten.ts [--data DIR]
import { getDataset, loadRegionArgument, prepareReport } from '../src/pipeline/render-region.js';
import { defaultDataDir } from '../src/paths.js';
import { indicatorTableRow } from '../src/render/view-model.js';
import { expectedCell, kerncijferCells, rawFigures } from '../tests/helpers/raw-figures.js';

const dataDir = process.argv.includes('--data') ? process.argv[process.argv.indexOf('--data') + 1] : defaultDataDir;
const dataset = await getDataset(dataDir);
const raw = rawFigures(dataDir);
const cells = kerncijferCells(raw);
const t0 = performance.now();
let checked = 0;
let absent = 0;
const otherYear: string[] = [];
let comparisonOlderYear = 0;
const wrong: string[] = [];
for (const g of dataset.gemeenten.values()) {
  const report = await prepareReport(await loadRegionArgument(g.code, dataset), dataset);
  const inReport = new Map(report.sections.flatMap((s) => s.indicators.map((d) => [d.id, d] as const)));
  const [province, peers, nederland] = report.comparisons;
  if (!province || !peers || !nederland || report.comparisons.length !== 3) throw new Error(`${g.code}: expected province, similar gemeenten and Nederland as comparisons`);
  const groups = [[g.code], raw.all.filter((c) => raw.provinceOf.get(c) === g.provinceCode), peers.codes, raw.all];
  for (const cell of cells) {
    const def = inReport.get(cell.id);
    if (!def) {
      // Left out only when the gemeente has no figure of its own.
      if (cell.figure([g.code], false) !== null) wrong.push(`${g.code} ${g.name}: ${cell.id}: not in the report, raw has a figure`);
      absent++;
      continue;
    }
    const row = indicatorTableRow(report, def);
    const rowYear = row.year.replace(/ \(voorlopig\)$/, '');
    if (rowYear > cell.year) {
      // A newer source for this gemeente only (Utrecht's own KWB 2023 bijstand file).
      otherYear.push(`${g.name}: ${def.label} ${rowYear}`);
      continue;
    }
    if (rowYear < cell.year) {
      // An older year is shown only when the gemeente has no figure of the cell's year.
      if (cell.figure([g.code], false) !== null) wrong.push(`${g.code} ${g.name}: ${cell.id}: year ${row.year}, raw has ${cell.year}`);
      otherYear.push(`${g.name}: ${def.label} ${rowYear}`);
      continue;
    }
    groups.forEach((codes, i) => {
      const expected = expectedCell(cell, codes, i === 3, i > 0);
      checked++;
      // No figure of the group in the row's year: the report shows its latest one, with that year.
      if (expected === 'geen gegevens' && i > 0 && /\(\d{4}(-\d{4})?\)$/.test(row.cells[i])) {
        comparisonOlderYear++;
        return;
      }
      if (row.cells[i] !== expected) wrong.push(`${g.code} ${g.name}: ${cell.id} (${cell.year}) ${['gemeente', 'provincie', 'vergelijkbare gemeenten', 'Nederland'][i]}: report ${row.cells[i]}, raw ${expected}`);
    });
  }
}
console.log(`${dataset.gemeenten.size} gemeenten, ${cells.length} Kerncijfers rows each: ${checked} cells compared, ${absent} rows absent (no figure of the gemeente's own), ${otherYear.length} rows of another year than the source's newest (${otherYear.join('; ')}), ${comparisonOlderYear} comparison cells of an older year (labelled), ${wrong.length} differ (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
for (const w of wrong) console.log(`  ${w}`);
process.exitCode = wrong.length ? 1 : 0;
