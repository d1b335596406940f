/**
 * HTML → PDF in two passes: the first finds on which page each section starts
 * (from the PDF's bookmarks), the second prints with those numbers in the
 * contents (Chromium prints no target-counter()). Then metadata is set.
 */
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFStreamWriter, PDFString, ParseSpeeds } from 'pdf-lib';
import { ReportError } from '../util/errors.js';
import type { BrowserSession } from './browser-session.js';
import { timed } from '../util/timings.js';
import { setInputsHash } from './pdf-inputs.js';
import { type StepRunner, makeAccessible } from './pdf-ua.js';

export interface PdfMetadata {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  creator: string;
  language: string;
  /** Hash of the report's inputs, kept in the document info (see pdf-inputs.ts). */
  inputsHash?: string;
}

export interface PrintResult {
  pdf: Uint8Array;
  pages: number;
  /** Section anchor → 1-based page. */
  pageOfAnchor: Record<string, number>;
}

const pdfOptions = { format: 'A4', printBackground: true, preferCSSPageSize: true, tagged: true, outline: true } as const;

/**
 * Page numbers of the sections seen in earlier reports with the same sections.
 * In a batch most reports share a layout, so the first print usually already has
 * the right numbers and no second print is needed; a wrong guess costs one more print.
 */
class TocLayoutCache {
  private readonly seen = new Map<string, Map<string, number>>();

  guess(key: string): Record<string, number> | undefined {
    const layouts = this.seen.get(key);
    if (!layouts) return undefined;
    const best = [...layouts].sort((a, b) => b[1] - a[1])[0];
    return best ? (JSON.parse(best[0]) as Record<string, number>) : undefined;
  }

  record(key: string, pages: Record<string, number>): void {
    const layouts = this.seen.get(key) ?? new Map<string, number>();
    const id = JSON.stringify(pages);
    layouts.set(id, (layouts.get(id) ?? 0) + 1);
    this.seen.set(key, layouts);
  }
}

const layoutCaches = new WeakMap<BrowserSession, TocLayoutCache>();

/** Counts for the benchmark: reports printed and Chromium print passes used. */
export const printCounters = { reports: 0, prints: 0 };

export type { StepRunner };
const runStep: StepRunner = (_step, fn) => fn();

export interface PrintOptions {
  /** Receives Chromium's bytes of the final print, before any post-processing (scripts/bench-pdf-ua.ts). */
  onChromiumPdf?: (pdf: Uint8Array, headings: SectionHeading[]) => void;
}

export interface SectionHeading {
  anchor: string;
  title: string;
}

/** Parses Chromium's PDF in one go (pdf-lib's default yields to the event loop every 100 objects, 1 ms each). */
export function loadChromiumPdf(pdf: Uint8Array): Promise<PDFDocument> {
  return PDFDocument.load(pdf, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
}

/** Metadata and the PDF/UA fixes on a loaded Chromium PDF. */
export function fixPdf(doc: PDFDocument, meta: PdfMetadata, date: Date, step: StepRunner = runStep): void {
  step('metadata and outline titles', () => setMetadata(doc, meta, date));
  makeAccessible(doc, { ...meta, producer: producerOf(meta), date }, step);
}

/**
 * Objects (the tag tree, mostly) per compressed object stream. pdf-lib's default of 50 gives
 * a hundred streams, and its deflate (pako) pays a fixed cost for each; 1000 is faster and smaller.
 */
const OBJECTS_PER_STREAM = 1000;

/** What doc.save({ useObjectStreams: true }) does for a PDF without forms, in one go (no yield every 50 objects). */
export async function savePdf(doc: PDFDocument): Promise<Uint8Array> {
  await doc.flush();
  return PDFStreamWriter.forContext(doc.context, Infinity, true, OBJECTS_PER_STREAM).serializeToBuffer();
}

export async function printPdf(session: BrowserSession, html: string, meta: PdfMetadata, options: PrintOptions = {}): Promise<PrintResult> {
  const cache = layoutCaches.get(session) ?? new TocLayoutCache();
  layoutCaches.set(session, cache);
  return session.withPage(async (page, failures) => {
    await timed('load page (chromium)', () => page.setContent(html, { waitUntil: 'load', timeout: session.timeout }));
    await page.evaluate(async () => {
      await document.fonts.ready;
      (window as unknown as { __REPORT_READY__: boolean }).__REPORT_READY__ = true;
    });
    await page.waitForFunction('window.__REPORT_READY__ === true', { timeout: session.timeout });
    const headings = await page.$$eval('.toc-page[data-anchor]', (els) =>
      els.map((el) => {
        const anchor = el.getAttribute('data-anchor')!;
        const h = document.getElementById(anchor)?.querySelector('h1');
        return { anchor, title: (h?.textContent ?? '').trim() };
      }),
    );
    const key = JSON.stringify(headings);
    const fillToc = (pages: Record<string, number>) =>
      page.evaluate((p: Record<string, number>) => {
        for (const el of document.querySelectorAll('.toc-page[data-anchor], .page-ref[data-anchor]')) {
          const n = p[el.getAttribute('data-anchor')!];
          el.textContent = n ? String(n) : '';
        }
      }, pages);

    // The pages the sections will start on, from a layout of the same content in page-sized
    // columns (Chromium fragments columns as it does pages); else the last layout seen.
    const predicted = await predictSectionPages(page, headings.map((h) => h.anchor)).catch(() => undefined);
    const guess = predicted ?? cache.guess(key);
    if (guess) await fillToc(guess);
    let chromiumPdf = await timed('print (chromium)', () => page.pdf(pdfOptions));
    const load = async (pdf: Uint8Array) => timed('read PDF outline (pdf-lib)', () => loadChromiumPdf(pdf));
    let doc = await load(chromiumPdf);
    let prints = 1;
    const pageOfAnchor = pagesOfHeadings(doc, headings);
    if (!guess || JSON.stringify(guess) !== JSON.stringify(pageOfAnchor)) {
      await fillToc(pageOfAnchor);
      chromiumPdf = await timed('print (chromium)', () => page.pdf(pdfOptions));
      doc = await load(chromiumPdf);
      prints++;
    }
    options.onChromiumPdf?.(chromiumPdf, headings);
    cache.record(key, pageOfAnchor);
    printCounters.reports++;
    printCounters.prints += prints;
    if (failures.length > 0) throw new ReportError(failures[0], 'render', { detail: failures.slice(1).join('\n') || undefined });
    await timed('PDF/UA fixes (pdf-lib)', () => fixPdf(doc, meta, new Date()));
    const pdf = await timed('metadata and save (pdf-lib)', () => savePdf(doc));
    return { pdf, pages: doc.getPageCount(), pageOfAnchor };
  });
}

/** Content box of an A4 page with the margins of print.css (20 + 18 mm, 17 + 17 mm). */
const CONTENT_MM = { width: 210 - 34, height: 297 - 38 };

/**
 * Lays the report out once in columns of one page each (the cover is page 1) and reads
 * on which column each section starts. Page breaks become column breaks (print.css's, for
 * both editions: the short one starts every chapter on a new page). The result is
 * checked against the printed PDF; a wrong guess costs a second print.
 */
async function predictSectionPages(page: import('puppeteer-core').Page, anchors: string[]): Promise<Record<string, number>> {
  return page.evaluate(
    (ids: string[], size: { width: number; height: number }) => {
      const mm = 96 / 25.4;
      const w = size.width * mm;
      const h = size.height * mm;
      const style = document.createElement('style');
      style.textContent = `#measure-pages { position: absolute; top: 0; left: 0; width: ${w}px; height: ${h}px; columns: ${w}px; column-gap: 0; column-fill: auto; }
        #measure-pages .contents, #measure-pages .kernpunten, #measure-pages .summary, #measure-pages .intro-page { break-after: column; }
        #measure-pages .colophon, #measure-pages .factors, .edition-kort #measure-pages .domain { break-before: column; }`;
      document.head.appendChild(style);
      const box = document.createElement('div');
      box.id = 'measure-pages';
      const moved = [...document.body.children].filter((el) => !el.classList.contains('cover'));
      for (const el of moved) box.appendChild(el);
      document.body.appendChild(box);
      const left = box.getBoundingClientRect().left;
      const pages: Record<string, number> = {};
      for (const id of ids) {
        const el = document.getElementById(id)?.querySelector('h1') ?? document.getElementById(id);
        if (el) pages[id] = Math.floor((el.getBoundingClientRect().left - left + 1) / w) + 2;
      }
      for (const el of moved) document.body.insertBefore(el, box);
      box.remove();
      style.remove();
      return pages;
    },
    anchors,
    CONTENT_MM,
  );
}

function decodeTitle(obj: unknown): string {
  if (obj instanceof PDFString || obj instanceof PDFHexString) return undouble(obj.decodeText().trim());
  return '';
}

/**
 * Chromium 156 repeats the text of a heading that starts a new page in its
 * bookmark ("DemografieDemografie"); such a title is exactly twice the heading.
 */
export function undouble(title: string): string {
  const half = title.length / 2;
  return title.length > 0 && Number.isInteger(half) && title.slice(0, half) === title.slice(half) ? title.slice(0, half) : title;
}

/** Visits every bookmark in document order. */
function visitOutline(doc: PDFDocument, visit: (node: PDFDict) => void): void {
  const walk = (ref: unknown, depth: number) => {
    let node = ref instanceof PDFRef ? doc.context.lookup(ref, PDFDict) : undefined;
    while (node && depth < 8) {
      visit(node);
      walk(node.get(PDFName.of('First')), depth + 1);
      const next = node.get(PDFName.of('Next'));
      node = next instanceof PDFRef ? doc.context.lookup(next, PDFDict) : undefined;
    }
  };
  const outlines = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  if (outlines) walk(outlines.get(PDFName.of('First')), 0);
}

/** Reads the bookmarks (title → page) and matches them, in order, to the section headings. */
export function pagesOfHeadings(doc: PDFDocument, headings: SectionHeading[]): Record<string, number> {
  const pageIndex = new Map(doc.getPages().map((p, i) => [p.ref.toString(), i + 1]));
  const items: { title: string; page: number }[] = [];
  visitOutline(doc, (node) => {
    const dest = node.lookup(PDFName.of('Dest'));
    const page = dest instanceof PDFArray && dest.size() > 0 ? (pageIndex.get(String(dest.get(0))) ?? 0) : 0;
    items.push({ title: decodeTitle(node.lookup(PDFName.of('Title'))), page });
  });
  const result: Record<string, number> = {};
  let from = 0;
  for (const h of headings) {
    const i = items.findIndex((it, j) => j >= from && it.title === h.title);
    if (i >= 0) {
      result[h.anchor] = items[i].page;
      from = i + 1;
    }
  }
  return result;
}

const producerOf = (meta: PdfMetadata) => `${meta.creator} (Chromium, pdf-lib)`;

function setMetadata(doc: PDFDocument, meta: PdfMetadata, date: Date): void {
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(meta.author);
  doc.setSubject(meta.subject);
  doc.setKeywords(meta.keywords);
  doc.setCreator(meta.creator);
  doc.setProducer(producerOf(meta));
  doc.setLanguage(meta.language);
  if (meta.inputsHash) setInputsHash(doc, meta.inputsHash);
  doc.setCreationDate(date);
  visitOutline(doc, (node) => {
    const raw = node.lookup(PDFName.of('Title'));
    const title = decodeTitle(raw);
    if (raw && title !== (raw as PDFString).decodeText().trim()) node.set(PDFName.of('Title'), PDFHexString.fromText(title));
  });
  doc.setModificationDate(date);
}
