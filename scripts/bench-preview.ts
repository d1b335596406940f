/**
 * npm run bench:preview: how long from saving a text in a region config until the
 * browser shows it, with the preview server and a real (headless) browser.
 * Prints the median of several edits, and the server's own render time.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { findBrowser } from '../src/print/find-browser.js';
import { getDataset } from '../src/pipeline/render-region.js';
import { defaultDataDir } from '../src/paths.js';
import { startPreview } from '../src/preview/server.js';

const edits = process.argv.includes('--edits') ? Number(process.argv[process.argv.indexOf('--edits') + 1]) : 7;
const dir = mkdtempSync(join(tmpdir(), 'contextkaart-preview-bench-'));
cpSync('regions', dir, { recursive: true });
const config = join(dir, 'voorbeeld-regio.yaml');
const dataset = await getDataset(defaultDataDir);
const server = await startPreview({ region: config, dataset, port: 0 });
const browser = await puppeteer.launch({ executablePath: findBrowser(), args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
const page = await browser.newPage();
await page.setViewport({ width: 1400, height: 900 });
let t0 = performance.now();
await page.goto(server.url);
await page.waitForFunction('window.__PREVIEW_READY__ === true', { timeout: 60_000 });
const firstLoad = performance.now() - t0;
const shots = process.argv.includes('--screenshot') ? process.argv[process.argv.indexOf('--screenshot') + 1] : undefined;
if (shots) await page.screenshot({ path: shots });

const total: number[] = [];
const complete: number[] = [];
const pagination: number[] = [];
const loadUntilScript: number[] = [];
const serverMs: number[] = [];
const original = readFileSync(config, 'utf8');
for (let i = 1; i <= edits; i++) {
  const marker = `Bewerking ${i} van de consultant.`;
  t0 = performance.now();
  writeFileSync(config, original.replace('Inkomen is een van de sterkste voorspellers', `${marker} Inkomen is een van de sterkste voorspellers`));
  // Visible: the edited text is on a laid-out page (Paged.js shows pages as it makes them).
  await page.waitForFunction((m: string) => [...document.querySelectorAll('.pagedjs_page')].some((p) => (p as HTMLElement).innerText.includes(m)), { timeout: 30_000, polling: 10 }, marker);
  total.push(performance.now() - t0);
  await page.waitForFunction('window.__PREVIEW_READY__ === true', { timeout: 30_000, polling: 10 });
  complete.push(performance.now() - t0);
  serverMs.push(server.state().renderMs ?? 0);
  const timing = await page.evaluate(() => (window as unknown as { __PREVIEW_TIMING__: { scriptStart: number; paginated: number } }).__PREVIEW_TIMING__);
  pagination.push(timing.paginated - timing.scriptStart);
  loadUntilScript.push(timing.scriptStart);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model.trim()}`);
console.log(
  `preview: first load ${Math.round(firstLoad)} ms; a text edit (on page 6) until visible on its page in the browser: median ${Math.round(median(total))} ms over ${edits} edits (min ${Math.round(Math.min(...total))}, max ${Math.round(Math.max(...total))}); until all pages are laid out: median ${Math.round(median(complete))} ms, of which server render ${Math.round(median(serverMs))} ms, page load until the scripts ${Math.round(median(loadUntilScript))} ms, pagination of all pages (Paged.js) ${Math.round(median(pagination))} ms`,
);
await browser.close();
await server.close();
rmSync(dir, { recursive: true, force: true });

declare global {
  interface Window {
    __PREVIEW_READY__?: boolean;
  }
}
