/**
 * npm run bench: renders the standard contextkaart of all 342 gemeenten in one
 * batch (one warm browser) per edition (kort, then volledig) and, in the same run, a
 * sample of 20 the naive way (a new browser per report, the default edition), and prints
 * throughput, latency, pages, memory and size.
 *   npx tsx scripts/bench.ts [--limit N] [--naive N] [--concurrency N] [--edition kort|volledig] [--data DIR]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { BrowserSession } from '../src/print/browser-session.js';
import { getDataset, loadRegionArgument, prepareReport, renderRegionToPdf } from '../src/pipeline/render-region.js';
import { defaultDataDir, defaultTemplatesDir, projectRoot, toolVersion } from '../src/paths.js';
import { renderBatch } from '../src/pipeline/render-batch.js';
import { toolInputsHash } from '../src/pipeline/inputs-hash.js';
import { defaultConcurrency } from '../src/cli/main.js';
import { printCounters } from '../src/print/print-pdf.js';
import { stageTimes } from '../src/util/timings.js';
import { editions, type Edition } from '../src/config/schema.js';

const arg = (name: string, fallback: number) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback);
const dataDir = process.argv.includes('--data') ? process.argv[process.argv.indexOf('--data') + 1] : defaultDataDir;
const limit = arg('--limit', 342);
const naiveN = arg('--naive', 20);
const concurrency = arg('--concurrency', defaultConcurrency());
const onlyEdition = process.argv.includes('--edition') ? (process.argv[process.argv.indexOf('--edition') + 1] as Edition) : undefined;
if (onlyEdition && !editions.includes(onlyEdition)) throw new Error(`--edition must be one of ${editions.join(', ')}`);

/**
 * Memory (MB) of a process and all its descendants, from /proc: the proportional
 * set size (Pss), which shares memory between processes fairly; plain RSS would
 * count the pages Chromium's processes share once per process.
 */
function treePssMb(rootPid: number): number {
  let total = 0;
  const children = new Map<number, number[]>();
  for (const d of readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(d)]);
    } catch {
      // process ended
    }
  }
  const visit = (pid: number) => {
    try {
      const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
      if (m) total += Number(m[1]) / 1024;
    } catch {
      // ended
    }
    for (const c of children.get(pid) ?? []) visit(c);
  };
  visit(rootPid);
  return total;
}

function pssMb(pid: number): number {
  const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
  return m ? Number(m[1]) / 1024 : 0;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const fmt = (n: number, d = 1) => n.toFixed(d);

const dataset = await getDataset(dataDir);
const codes = [...dataset.gemeenten.keys()].sort().slice(0, limit);
const out = mkdtempSync(join(tmpdir(), 'contextkaart-bench-'));
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model.trim()}, ${fmt(totalmem() / 2 ** 30, 0)} GiB; node ${process.version}; ${execFileSync('/usr/bin/chromium', ['--version']).toString().trim()}`);
console.log(`batch: ${codes.length} gemeenten, concurrency ${concurrency}`);

// ── Batch: one browser, per edition ─────────────────────────────────
async function benchBatch(edition: Edition): Promise<{ perMin: number; medianMs: number; medianPages: number }> {
  console.log(`edition ${edition}:`);
  stageTimes.clear();
  printCounters.reports = 0;
  printCounters.prints = 0;
  const session = new BrowserSession();
  const samples: { done: number; node: number; chromium: number }[] = [];
  let done = 0;
  // With --expose-gc (npm run bench): node's heap after a full collection, every 50 reports,
  // to tell retained memory from garbage not yet collected.
  const gc = (globalThis as { gc?: () => void }).gc;
  const heapAfterGc: { done: number; mb: number }[] = [];
  let nextGcAt = 50;
  const sampler = setInterval(() => {
    const pid = session.pid();
    samples.push({ done, node: pssMb(process.pid), chromium: pid ? treePssMb(pid) : 0 });
  }, 250);
  const t0 = performance.now();
  const summary = await renderBatch({
    edition,
    jobs: codes.map((c) => ({ arg: c, key: c, name: c })),
    outDir: out,
    dataset,
    session,
    toolHash: toolInputsHash(projectRoot, toolVersion, defaultTemplatesDir),
    concurrency,
    force: true,
    set: 'bench',
    shard: null,
    onEvent: (e) => {
      if (e.type !== 'region') return;
      done = e.done;
      if (gc && done >= nextGcAt) {
        gc();
        heapAfterGc.push({ done, mb: process.memoryUsage().heapUsed / 2 ** 20 });
        nextGcAt += 50;
      }
    },
  });
  const batchMs = performance.now() - t0;
  clearInterval(sampler);
  await session.close();
  const ms = summary.entries.filter((e) => e.status === 'ok').map((e) => e.ms!);
  const bytes = summary.entries.filter((e) => e.status === 'ok').map((e) => e.bytes!);
  const perMin = (summary.ok / batchMs) * 60_000;
  const total = samples.map((s) => s.node + s.chromium);
  const window = (from: number, to: number, pick: (s: (typeof samples)[number]) => number = (s) => s.node + s.chromium) =>
    samples.filter((s) => s.done >= from && s.done < to).map(pick);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  console.log(`  ${summary.ok} ok, ${summary.failed} failed in ${fmt(batchMs / 1000)} s: ${fmt(perMin)} reports/min`);
  console.log(`  per report (in flight, ${concurrency} at once): median ${fmt(pct(ms, 50) / 1000, 2)} s, p95 ${fmt(pct(ms, 95) / 1000, 2)} s`);
  console.log(`  peak memory (Pss): node ${fmt(Math.max(...samples.map((s) => s.node)), 0)} MB, chromium (all processes) ${fmt(Math.max(...samples.map((s) => s.chromium)), 0)} MB, together ${fmt(Math.max(...total), 0)} MB`);
  if (codes.length >= 150) {
    const first = (pick?: (s: (typeof samples)[number]) => number) => fmt(mean(window(0, 50, pick)), 0);
    const last = (pick?: (s: (typeof samples)[number]) => number) => fmt(mean(window(codes.length - 50, codes.length + 1, pick)), 0);
    console.log(
      `  memory over the run (mean): first 50 reports ${first()} MB (node ${first((s) => s.node)}, chromium ${first((s) => s.chromium)}), last 50 ${last()} MB (node ${last((s) => s.node)}, chromium ${last((s) => s.chromium)})`,
    );
  }
  if (codes.length >= 100) {
    const windows: string[] = [];
    for (let from = 0; from < codes.length; from += 50) windows.push(fmt(mean(window(from, from + 50)), 0));
    console.log(`  memory per 50 reports (mean MB, node + chromium): ${windows.join(' → ')}`);
  }
  {
    const stages = [...stageTimes].map(([k, v]) => `${k} ${fmt(v.ms / summary.ok, 0)} ms`).join(', ');
    console.log(`  where the time goes (per report; node and chromium work overlap across the ${concurrency} pages): ${stages}`);
  }
  if (heapAfterGc.length) console.log(`  node heap after full GC: ${heapAfterGc.map((h) => `${fmt(h.mb, 0)} MB at ${h.done}`).join(', ')}`);
  console.log(`  PDF size: mean ${fmt(mean(bytes) / 2 ** 20, 2)} MB, max ${fmt(Math.max(...bytes) / 2 ** 20, 2)} MB per report`);
  console.log(`  browser launches: ${summary.browserLaunches}; print passes per report: ${fmt(printCounters.prints / printCounters.reports, 2)} (a second pass when the contents' page numbers differ from the last layout)`);
  const pages = summary.entries.filter((e) => e.status === 'ok').map((e) => e.pages!);
  console.log(`  pages per report: median ${pct(pages, 50)}, max ${Math.max(...pages)}`);
  return { perMin, medianMs: pct(ms, 50), medianPages: pct(pages, 50) };
}

const results = new Map<Edition, Awaited<ReturnType<typeof benchBatch>>>();
for (const edition of onlyEdition ? [onlyEdition] : editions) results.set(edition, await benchBatch(edition));
if (results.size === 2) {
  const k = results.get('kort')!;
  const v = results.get('volledig')!;
  console.log(`kort vs volledig: ${fmt(k.perMin)} vs ${fmt(v.perMin)} reports/min (${fmt(k.perMin / v.perMin, 2)}×), median ${k.medianPages} vs ${v.medianPages} pages`);
}
const perMin = results.get(onlyEdition ?? 'kort')!.perMin;

// ── Naive: a new browser per report ────────────────────────────────
if (naiveN > 0) {
  const sample = codes.filter((_, i) => i % Math.max(1, Math.floor(codes.length / naiveN)) === 0).slice(0, naiveN);
  const t1 = performance.now();
  for (const code of sample) {
    const s = new BrowserSession();
    try {
      const report = await prepareReport(await loadRegionArgument(code, dataset), dataset, { edition: onlyEdition });
      await renderRegionToPdf(report, s, { pdfPath: join(out, `naive-${code}.pdf`) });
    } finally {
      await s.close();
    }
  }
  const naivePerMin = (sample.length / (performance.now() - t1)) * 60_000;
  console.log(`naive (new browser per report, ${sample.length} reports, one at a time, edition ${onlyEdition ?? 'kort'}): ${fmt(naivePerMin)} reports/min`);
  console.log(`ratio batch / naive (edition ${onlyEdition ?? 'kort'}): ${fmt(perMin / naivePerMin, 2)}×`);
}
const sizeOnDisk = readdirSync(out).reduce((s, f) => s + statSync(join(out, f)).size, 0);
console.log(`output: ${fmt(sizeOnDisk / 2 ** 20)} MB in ${out} (removed)`);
rmSync(out, { recursive: true, force: true });
