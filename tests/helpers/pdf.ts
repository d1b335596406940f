/** Reads a PDF back with pdfjs-dist: page count, text per page, bookmarks, metadata. */
import { readFile } from 'node:fs/promises';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfReadBack {
  pages: number;
  pageText: string[];
  text: string;
  outline: { title: string; depth: number }[];
  info: Record<string, unknown>;
  markInfo: { Marked?: boolean } | null;
  /** /Alt of every Figure in the tag tree, null where a Figure has none. */
  figureAlts: (string | null)[];
}

interface StructNode {
  role?: string;
  alt?: string;
  children?: StructNode[];
}

export async function readPdf(path: string): Promise<PdfReadBack> {
  const data = new Uint8Array(await readFile(path));
  const doc = await getDocument({ data, useSystemFonts: false, isEvalSupported: false }).promise;
  const pageText: string[] = [];
  const figureAlts: (string | null)[] = [];
  const walkTags = (n: StructNode | null) => {
    if (!n) return;
    if (n.role === 'Figure') figureAlts.push(n.alt ?? null);
    for (const c of n.children ?? []) walkTags(c);
  };
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    walkTags((await page.getStructTree()) as StructNode | null);
    const content = await page.getTextContent();
    pageText.push(
      content.items
        .map((it) => ('str' in it ? it.str + (it.hasEOL ? '\n' : '') : ''))
        .join('')
        .replace(/[ \t]+/g, ' '),
    );
  }
  const outline: { title: string; depth: number }[] = [];
  const walk = (items: { title: string; items: unknown[] }[] | null, depth: number) => {
    for (const it of items ?? []) {
      outline.push({ title: it.title, depth });
      walk(it.items as { title: string; items: unknown[] }[], depth + 1);
    }
  };
  walk((await doc.getOutline()) as { title: string; items: unknown[] }[] | null, 0);
  const meta = await doc.getMetadata();
  const markInfo = await doc.getMarkInfo();
  await doc.destroy();
  return { pages: pageText.length, pageText, text: pageText.join('\n'), outline, info: meta.info as Record<string, unknown>, markInfo, figureAlts };
}
