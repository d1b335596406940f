/**
 * HTML → PDF in two passes: the first finds on which page each section starts
 * (from the PDF's bookmarks), the second prints with those numbers in the
 * contents (Chromium prints no target-counter()). Then metadata is set.
 */
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString } from 'pdf-lib';
import { ReportError } from '../errors.js';
import { messages } from '../messages.js';
import type { BrowserSession } from './browser-session.js';

export interface PdfMetadata {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  creator: string;
  language: string;
}

export interface PrintResult {
  pdf: Uint8Array;
  pages: number;
  /** Section anchor → 1-based page. */
  pageOfAnchor: Record<string, number>;
}

const pdfOptions = { format: 'A4', printBackground: true, preferCSSPageSize: true, tagged: true, outline: true } as const;

export async function printPdf(session: BrowserSession, html: string, meta: PdfMetadata): Promise<PrintResult> {
  return session.withPage(async (page, failures) => {
    await page.setContent(html, { waitUntil: 'load', timeout: session.timeout });
    await page.evaluate(async () => {
      await document.fonts.ready;
      (window as unknown as { __REPORT_READY__: boolean }).__REPORT_READY__ = true;
    });
    await page.waitForFunction('window.__REPORT_READY__ === true', { timeout: session.timeout }).catch(() => {
      throw new ReportError(messages.renderTimeout(session.timeout), 'render');
    });
    const headings = await page.$$eval('.toc-page[data-anchor]', (els) =>
      els.map((el) => {
        const anchor = el.getAttribute('data-anchor')!;
        const h = document.getElementById(anchor)?.querySelector('h1');
        return { anchor, title: (h?.textContent ?? '').trim() };
      }),
    );
    const first = await page.pdf(pdfOptions);
    const pageOfAnchor = await pagesOfHeadings(first, headings);
    await page.evaluate((pages: Record<string, number>) => {
      for (const el of document.querySelectorAll('.toc-page[data-anchor]')) {
        const p = pages[el.getAttribute('data-anchor')!];
        el.textContent = p ? String(p) : '';
      }
    }, pageOfAnchor);
    const second = await page.pdf(pdfOptions);
    if (failures.length > 0) throw new ReportError(failures[0], 'render', { detail: failures.slice(1).join('\n') || undefined });
    const { pdf, pages } = await setMetadata(second, meta);
    return { pdf, pages, pageOfAnchor };
  });
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
export async function pagesOfHeadings(pdf: Uint8Array, headings: { anchor: string; title: string }[]): Promise<Record<string, number>> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
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

async function setMetadata(pdf: Uint8Array, meta: PdfMetadata): Promise<{ pdf: Uint8Array; pages: number }> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(meta.author);
  doc.setSubject(meta.subject);
  doc.setKeywords(meta.keywords);
  doc.setCreator(meta.creator);
  doc.setProducer(`${meta.creator} (Chromium, pdf-lib)`);
  doc.setLanguage(meta.language);
  doc.setCreationDate(new Date());
  visitOutline(doc, (node) => {
    const raw = node.lookup(PDFName.of('Title'));
    const title = decodeTitle(raw);
    if (raw && title !== (raw as PDFString).decodeText().trim()) node.set(PDFName.of('Title'), PDFHexString.fromText(title));
  });
  doc.setModificationDate(new Date());
  return { pdf: await doc.save({ useObjectStreams: true }), pages: doc.getPageCount() };
}
