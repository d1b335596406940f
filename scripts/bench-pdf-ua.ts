/**
 * Times only the post-processing of Chromium's PDF (pdf-lib load, outline, metadata,
 * each PDF/UA step, save) on the same bytes, so a change to src/print/pdf-ua.ts can be
 * measured without the noise of Chromium and the charts.
 *
 *   npx tsx scripts/bench-pdf-ua.ts [--runs 7] [--codes GM0202,GM0363,...] [--dir out/bench-pdf-ua]
 *        [--label after] [--baseline before] [--data DIR]
 *
 * The first run prints each gemeente once with Chromium and keeps the raw PDF and its
 * section headings in <dir>/raw/ (later runs reuse them, so before and after work on
 * identical bytes). Each report is then post-processed --runs times (after one warm-up
 * round); the medians go to <dir>/<label>.json and the first output to <dir>/<label>/<code>.pdf.
 * No forced GC between runs: a batch does not do that either, and with `global.gc()` before
 * each run every step came out 1.5–2× slower (the heap shrinks and grows again each run).
 * With --baseline, the medians are compared with <dir>/<baseline>.json, and each output is
 * compared with <dir>/<baseline>/<code>.pdf: text, outline and figure alts (tests/helpers/pdf.ts),
 * pdfjs's operator list of every page, and the accessibility checks (tests/helpers/accessibility.ts).
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { BrowserSession } from '../src/print/browser-session.js';
import { type PdfMetadata, type SectionHeading, type StepRunner, fixPdf, loadChromiumPdf, pagesOfHeadings, printPdf, savePdf } from '../src/print/print-pdf.js';
import { getDataset, loadRegionArgument, pdfMetadataFor, prepareReport, renderReportHtml } from '../src/pipeline/render-region.js';
import { defaultDataDir } from '../src/paths.js';
import { readPdf } from '../tests/helpers/pdf.js';
import { checkAccessibility } from '../tests/helpers/accessibility.js';

const arg = (name: string, fallback: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback);
const runs = Number(arg('--runs', '7'));
const codes = arg('--codes', 'GM0202,GM0363,GM0373,GM0014,GM0088').split(',');
const dir = resolve(arg('--dir', 'out/bench-pdf-ua'));
const label = arg('--label', 'current');
const baseline = process.argv.includes('--baseline') ? arg('--baseline', '') : undefined;
const dataDir = arg('--data', defaultDataDir);
/** A fixed date, so that two versions of the code give comparable files. */
const date = new Date('2025-01-01T00:00:00Z');

interface RawReport {
  code: string;
  name: string;
  headings: SectionHeading[];
  meta: PdfMetadata;
}

/** Prints the reports not yet in <dir>/raw with Chromium, keeping the bytes before post-processing. */
async function printRawPdfs(): Promise<void> {
  const missing = codes.filter((c) => !existsSync(join(dir, 'raw', `${c}.json`)));
  if (missing.length === 0) return;
  mkdirSync(join(dir, 'raw'), { recursive: true });
  const dataset = await getDataset(dataDir);
  await using session = new BrowserSession();
  for (const code of missing) {
    const report = await prepareReport(await loadRegionArgument(code, dataset), dataset);
    const html = await renderReportHtml(report, { now: date });
    const meta = pdfMetadataFor(report);
    let raw: Uint8Array | undefined;
    let headings: SectionHeading[] = [];
    await printPdf(session, html, meta, { onChromiumPdf: (pdf, h) => ((raw = pdf), (headings = h)) });
    writeFileSync(join(dir, 'raw', `${code}.pdf`), raw!);
    writeFileSync(join(dir, 'raw', `${code}.json`), JSON.stringify({ code, name: report.region.name, headings, meta } satisfies RawReport, null, 2));
    process.stderr.write(`printed ${code} ${report.region.name}\n`);
  }
}

/** One post-processing of the raw bytes, as printPdf does it, with the time of each step (ms). */
async function postProcess(raw: Uint8Array, report: RawReport): Promise<{ pdf: Uint8Array; steps: Map<string, number> }> {
  const steps = new Map<string, number>();
  const step: StepRunner = (name, fn) => {
    const t0 = performance.now();
    try {
      return fn();
    } finally {
      steps.set(name, (steps.get(name) ?? 0) + performance.now() - t0);
    }
  };
  const timeAsync = async <T>(name: string, fn: () => Promise<T>) => {
    const t0 = performance.now();
    const r = await fn();
    steps.set(name, performance.now() - t0);
    return r;
  };
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const doc = await timeAsync('load', () => loadChromiumPdf(raw));
  step('outline (pages of headings)', () => pagesOfHeadings(doc, report.headings));
  fixPdf(doc, report.meta, date, step);
  const pdf = await timeAsync('save', () => savePdf(doc));
  steps.set('total', performance.now() - t0);
  // CPU time of the process (all threads, e.g. GC helpers): what a busy batch pays, without idle waits.
  const cpu = process.cpuUsage(cpu0);
  steps.set('total CPU time', (cpu.user + cpu.system) / 1000);
  return { pdf, steps };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** pdfjs's operator list of every page: what is drawn, in which marked content. */
async function operatorLists(path: string): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(readFileSync(path)), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const list = await (await doc.getPage(i)).getOperatorList();
    const ops = JSON.stringify([list.fnArray, list.argsArray], (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as Uint8Array) : v));
    // Font ids carry the number of the document in this process ("g_d3_f1").
    pages.push(ops.replace(/"g_d\d+_/g, '"g_d_'));
  }
  await doc.destroy();
  return pages;
}

async function compareOutputs(code: string, before: string, after: string): Promise<string[]> {
  const problems: string[] = [];
  const [a, b] = [await readPdf(before), await readPdf(after)];
  if (a.text !== b.text) problems.push('text');
  if (!isDeepStrictEqual(a.outline, b.outline)) problems.push('outline');
  if (!isDeepStrictEqual(a.figureAlts, b.figureAlts)) problems.push('figure alts');
  if (!isDeepStrictEqual(a.info, b.info)) problems.push('document info');
  if (!isDeepStrictEqual(a.markInfo, b.markInfo)) problems.push('MarkInfo');
  const [opsA, opsB] = [await operatorLists(before), await operatorLists(after)];
  const differing = opsA.flatMap((p, i) => (p === opsB[i] ? [] : [i + 1]));
  if (opsA.length !== opsB.length || differing.length) problems.push(`operators of pages ${differing.join(',')}`);
  const [ca, cb] = [await checkAccessibility(before), await checkAccessibility(after)];
  for (const key of Object.keys(ca) as (keyof typeof ca)[]) if (!isDeepStrictEqual(ca[key], cb[key])) problems.push(`accessibility check ${key}`);
  const failing = cb.untaggedPerPage.some((n) => n > 0) || cb.unmappedTypes.length || cb.listItemsWithoutBody || cb.linksWithoutContents || cb.xmp.pdfuaPart !== '1';
  if (failing) problems.push(`${code}: a PDF/UA check fails`);
  return problems;
}

await printRawPdfs();
const reports = codes.map((code) => ({
  raw: new Uint8Array(readFileSync(join(dir, 'raw', `${code}.pdf`))),
  report: JSON.parse(readFileSync(join(dir, 'raw', `${code}.json`), 'utf8')) as RawReport,
}));
const samples = new Map<string, Map<string, number[]>>(codes.map((c) => [c, new Map()]));
mkdirSync(join(dir, label), { recursive: true });
// One warm-up round (JIT, font caches), then rounds over all reports so drift hits all alike.
for (let round = 0; round <= runs; round++) {
  for (const { raw, report } of reports) {
    const { pdf, steps } = await postProcess(raw, report);
    if (round === 0) {
      writeFileSync(join(dir, label, `${report.code}.pdf`), pdf);
      continue;
    }
    const perStep = samples.get(report.code)!;
    for (const [name, ms] of steps) perStep.set(name, [...(perStep.get(name) ?? []), ms]);
  }
}

const result: Record<string, Record<string, number>> = {};
for (const [code, perStep] of samples) result[code] = Object.fromEntries([...perStep].map(([name, xs]) => [name, median(xs)]));
const stepNames = [...samples.get(codes[0])!.keys()];
const cpu = cpus();
const machine = `${cpu[0]?.model ?? 'unknown cpu'} × ${cpu.length}, node ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`;
writeFileSync(join(dir, `${label}.json`), JSON.stringify({ machine, runs, result, bytes: Object.fromEntries(codes.map((c) => [c, statSync(join(dir, label, `${c}.pdf`)).size])) }, null, 2));

const base = baseline ? (JSON.parse(readFileSync(join(dir, `${baseline}.json`), 'utf8')) as { result: Record<string, Record<string, number>>; bytes: Record<string, number> }) : undefined;
console.log(`PDF post-processing only, median of ${runs} runs (ms) after one warm-up; ${machine}`);
const names = reports.map((r) => `${r.report.code} ${r.report.name}`);
const width = Math.max(...stepNames.map((s) => s.length));
const cell = (code: string, name: string) => {
  const ms = result[code][name] ?? 0;
  const was = base?.result[code]?.[name];
  return (was ? `${ms.toFixed(0)} (${(ms / was).toFixed(2)}×)` : ms.toFixed(0)).padStart(base ? 15 : 7);
};
console.log(`${'step'.padEnd(width)} | ${names.map((n) => n.slice(0, base ? 15 : 16).padStart(base ? 15 : 16)).join(' | ')} | median`);
for (const name of stepNames) {
  const mid = median(codes.map((c) => result[c][name] ?? 0));
  const midWas = base ? median(codes.map((c) => base.result[c]?.[name] ?? 0)) : undefined;
  const midCell = midWas ? `${mid.toFixed(0)} (${(mid / midWas).toFixed(2)}×)` : mid.toFixed(0);
  console.log(`${name.padEnd(width)} | ${codes.map((c) => cell(c, name).padStart(base ? 15 : 16)).join(' | ')} | ${midCell}`);
}
const size = (c: string) => statSync(join(dir, label, `${c}.pdf`)).size;
console.log(`${'bytes'.padEnd(width)} | ${codes.map((c) => `${(size(c) / 1024).toFixed(0)} kB${base ? ` (${(size(c) / base.bytes[c]).toFixed(2)}×)` : ''}`.padStart(base ? 15 : 16)).join(' | ')}`);

if (baseline) {
  let differences = 0;
  for (const code of codes) {
    const problems = await compareOutputs(code, join(dir, baseline, `${code}.pdf`), join(dir, label, `${code}.pdf`));
    differences += problems.length;
    console.log(`${code}: ${problems.length ? `DIFFERS in ${problems.join('; ')}` : `same as ${baseline} (text, outline, figure alts, info, operators of every page, accessibility checks)`}`);
  }
  process.exitCode = differences ? 1 : 0;
}
