// Builds the figures and interpretation of every gemeente's standard contextkaart (no
// browser) and reports the fewest charts, wijk maps and kernpunten; lists any failure.
// Usage: npx tsx scripts/check-all-gemeenten.ts [--data DIR]
import { getDataset, loadRegionArgument, prepareReport, renderFigures } from '../src/pipeline/render-region.js';
import { defaultDataDir } from '../src/paths.js';
import { buildInterpretation } from '../src/interpret/interpretation.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { codeIn2023 } from '../src/data/indeling.js';

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
// DUO figures that are empty while the DUO exam file has candidates in that gemeente: the
// gemeenten with exam rows are found here by a second path (vestiging → gemeentenummer in the raw register).
const csv = (file: string, sep: string) => {
  const [header, ...lines] = readFileSync(join(dataDir, file), 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  const cols = header.split(sep).map((c) => c.replace(/^"|"$/g, ''));
  return lines.map((l) => Object.fromEntries(l.split(sep).map((c, i) => [cols[i], c.replace(/^"|"$/g, '').trim()])));
};
const register = new Map(csv('duo/register/vestigingen_vo_duo_2020.csv', ';').map((r) => [`${r['BRIN NUMMER']}${r.VESTIGINGSNUMMER.slice(-2)}`, `GM${r.GEMEENTENUMMER.padStart(4, '0')}`]));
const withExams = new Set<string>();
for (const r of csv('duo/examen_vo_2019-2024_per_vestiging_opleiding.csv', ';')) {
  const g = register.get(r.VESTIGINGSCODE);
  if (g && Number(r['EXAMENKANDIDATEN SCHOOLJAAR 2023-2024 - TOTAAL']) > 0) withExams.add(codeIn2023(g, 2020));
}
const emptyDuo = [...withExams].filter((c) => dataset.gemeenten.has(c) && dataset.series.value('slaagpct_vo', 2023, c) === null && !dataset.series.get('slaagpct_vo', 2023, c)?.suppressed);
console.log(`${withExams.size} gemeenten with exam candidates in 2023-2024 (raw file via the register); ${emptyDuo.length} of them without a pass rate in the report${emptyDuo.length ? `: ${emptyDuo.join(', ')}` : ''}`);
for (const f of failures) console.log(`FAILED ${f}`);
process.exitCode = failures.length ? 1 : 0;
