// Builds the figures and interpretation of every gemeente's standard contextkaart (no
// browser) and reports the fewest charts, wijk maps and kernpunten; lists any failure.
// Usage: npx tsx scripts/check-all-gemeenten.ts [--data DIR]
import { getDataset, loadRegionArgument, prepareReport, renderFigures, defaultDataDir } from '../src/pipeline/render-region.js';
import { buildInterpretation } from '../src/interpret/interpretation.js';

const dataDir = process.argv.includes('--data') ? process.argv[process.argv.indexOf('--data') + 1] : defaultDataDir;
const dataset = await getDataset(dataDir);
const failures: string[] = [];
let minCharts = Infinity;
let minMaps = Infinity;
const fewSocialMaps: string[] = [];
const t0 = performance.now();
for (const g of dataset.gemeenten.values()) {
  try {
    const report = await prepareReport(await loadRegionArgument(g.code, dataset), dataset);
    const { figures } = await renderFigures(report);
    const { kernpunten } = buildInterpretation(report);
    if (kernpunten.length < 3 || kernpunten.length > 6) console.log(`${g.code} ${g.name}: ${kernpunten.length} kernpunten`);
    const all = figures.flat();
    const charts = all.filter((f) => f.svg && f.kind !== 'wijk-map').length;
    const maps = all.filter((f) => f.svg && f.kind === 'wijk-map').length;
    if (charts < minCharts || maps < minMaps) console.log(`${g.code} ${g.name}: ${charts} charts, ${maps} wijk maps`);
    const social = all.filter((f) => f.svg && f.kind === 'wijk-map' && !['wijkkaart-jeugd', 'wijkkaart-dichtheid'].includes(f.id)).length;
    if (social < 3) fewSocialMaps.push(`${g.code} ${g.name} (${social})`);
    minCharts = Math.min(minCharts, charts);
    minMaps = Math.min(minMaps, maps);
  } catch (e) {
    failures.push(`${g.code} ${g.name}: ${(e as Error).message}`);
  }
}
console.log(`${dataset.gemeenten.size} gemeenten in ${((performance.now() - t0) / 1000).toFixed(1)} s; fewest charts ${minCharts}, fewest wijk maps ${minMaps}; ${failures.length} failed`);
console.log(`${fewSocialMaps.length} gemeenten with fewer than 3 social wijk maps (their wijken of 2024 have no counterpart in 2021): ${fewSocialMaps.join(', ')}`);
for (const f of failures) console.log(`FAILED ${f}`);
process.exitCode = failures.length ? 1 : 0;
