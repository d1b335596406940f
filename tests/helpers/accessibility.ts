/**
 * Machine checks of PDF/UA-1 and WCAG AA on a rendered PDF, read back with pdf-lib
 * (no validator is packaged for npm or Debian): the tag tree, the content streams,
 * the XMP metadata, annotations, and the contrast of every text colour drawn
 * against what is painted under it.
 */
import { readFile } from 'node:fs/promises';
import { PDFArray, PDFBool, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFStream, decodePDFRawStream, type PDFPage } from 'pdf-lib';
import { IDENTITY, type Matrix, PATH_PAINT, TEXT_SHOW, apply, multiply } from '../../src/print/content-stream.js';
import { type MarkedContext, markedContext, pageFonts, pageOperations, refKey, textByMcid, textRuns } from '../../src/print/pdf-text.js';
import { STANDARD_STRUCTURE_TYPES, elementText, visitElements } from '../../src/print/pdf-ua.js';
import { contrastRatio } from '../../src/contrast.js';

export interface TextContrast {
  colour: string;
  background: string;
  ratio: number;
  /** Large text (18pt, or 14pt bold) needs 3:1 only. */
  large: boolean;
  page: number;
  sample: string;
}

export interface AccessibilityCheck {
  pages: number;
  structureTypes: string[];
  /** Types neither standard nor role-mapped to a standard type. */
  unmappedTypes: string[];
  /** Per page: painting operations in neither tagged content (MCID) nor an artifact. */
  untaggedPerPage: number[];
  /** Per page: text runs marked as /Pagination artifacts (running headers and footers). */
  paginationArtifactsPerPage: number[];
  xmp: { title?: string; language?: string; pdfuaPart?: string };
  marked: boolean;
  displayDocTitle: boolean;
  listItems: number;
  listItemsWithoutBody: number;
  links: number;
  linksWithoutContents: number;
  linkContents: string[];
  tables: number;
  tablesWithoutHeaderCell: number;
  headerCells: number;
  headerCellsWithoutScope: number;
  /** Header cells whose text is the same word twice ("NiveauNiveau"). */
  doubledHeaderCells: string[];
  /** Per page: filled paths smaller than 1.5 × 1.5 pt (dotted leaders are drawn as such squares). */
  tinyFillsPerPage: number[];
  /** Every text colour used, on every background found under it: the lowest ratio per pair. */
  textContrasts: TextContrast[];
  /** Tagged text per structure element (P, H1, LI, TD…), words as a screen reader gets them. */
  taggedText: string[];
}

const isBlock = (type: string) => /^(P|H[1-6]?|LI|LBody|TD|TH|Caption|Lbl)$/.test(type);

export async function checkAccessibility(path: string): Promise<AccessibilityCheck> {
  const doc = await PDFDocument.load(await readFile(path), { updateMetadata: false });
  const pages = doc.getPages();
  const untaggedPerPage: number[] = [];
  const paginationArtifactsPerPage: number[] = [];
  const tinyFillsPerPage: number[] = [];
  const contrasts = new Map<string, TextContrast>();
  const mcidText = new Map<string, Map<number, string>>();
  pages.forEach((page, index) => {
    const r = scanPage(doc, page, index + 1, contrasts);
    untaggedPerPage.push(r.untagged);
    paginationArtifactsPerPage.push(r.pagination);
    tinyFillsPerPage.push(r.tinyFills);
    mcidText.set(refKey(page.ref), r.mcidText);
  });

  const root = doc.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  const types = new Set<string>();
  let listItems = 0;
  let listItemsWithoutBody = 0;
  let tables = 0;
  let tablesWithoutHeaderCell = 0;
  let headerCells = 0;
  let headerCellsWithoutScope = 0;
  const doubledHeaderCells: string[] = [];
  const taggedText: string[] = [];
  const kidsOf = (el: PDFDict) => {
    const k = el.get(PDFName.of('K'));
    return (k instanceof PDFArray ? k.asArray() : k ? [k] : []).map((x) => (x instanceof PDFRef ? doc.context.lookup(x) : x));
  };
  const typeOf = (el: unknown) => (el instanceof PDFDict && el.has(PDFName.of('S')) ? el.get(PDFName.of('S'))!.toString().slice(1) : '');
  const roleMap = root?.lookupMaybe(PDFName.of('RoleMap'), PDFDict);
  const mapped = (t: string) => {
    const to = roleMap?.get(PDFName.of(t));
    return to ? to.toString().slice(1) : t;
  };
  if (root) {
    visitElements(doc, root, (el) => {
      const type = mapped(typeOf(el));
      types.add(typeOf(el));
      if (type === 'LI') {
        listItems++;
        if (!kidsOf(el).some((k) => typeOf(k) === 'LBody')) listItemsWithoutBody++;
      }
      if (type === 'Table') {
        tables++;
        let th = 0;
        visitElements(doc, el.get(PDFName.of('K')) === undefined ? el : wrap(doc, el), (cell) => {
          if (typeOf(cell) !== 'TH') return;
          th++;
        });
        if (th === 0) tablesWithoutHeaderCell++;
      }
      if (type === 'TH') {
        headerCells++;
        if (!hasScope(doc, el)) headerCellsWithoutScope++;
        const text = elementText(doc, el, mcidText).replace(/\s+/g, '');
        const half = text.length / 2;
        if (text.length > 2 && Number.isInteger(half) && text.slice(0, half) === text.slice(half)) doubledHeaderCells.push(text);
      }
      if (isBlock(type) && !kidsOf(el).some((k) => isBlock(mapped(typeOf(k))))) {
        // As a screen reader reads it: the marked content joined as it is, nothing added.
        const text = elementText(doc, el, mcidText, undefined, '');
        if (text) taggedText.push(text);
      }
    });
  }
  const unmappedTypes = [...types].filter((t) => !STANDARD_STRUCTURE_TYPES.has(t) && !STANDARD_STRUCTURE_TYPES.has(mapped(t)));

  let links = 0;
  let linksWithoutContents = 0;
  const linkContents: string[] = [];
  for (const page of pages) {
    for (const ref of page.node.Annots()?.asArray() ?? []) {
      const annot = doc.context.lookup(ref);
      if (!(annot instanceof PDFDict) || String(annot.get(PDFName.of('Subtype'))) !== '/Link') continue;
      links++;
      const contents = annot.lookup(PDFName.of('Contents'));
      const text = contents && 'decodeText' in contents ? (contents as unknown as { decodeText(): string }).decodeText().trim() : '';
      if (!text) linksWithoutContents++;
      else linkContents.push(text);
    }
  }

  const meta = doc.catalog.lookup(PDFName.of('Metadata'));
  const xml = meta instanceof PDFRawStream ? Buffer.from(decodePDFRawStream(meta).decode()).toString('utf8') : meta instanceof PDFStream ? Buffer.from(meta.getContents()).toString('utf8') : '';
  const xmp = {
    title: /<dc:title>[\s\S]*?<rdf:li[^>]*>([^<]*)<\/rdf:li>/.exec(xml)?.[1],
    language: /<dc:language>[\s\S]*?<rdf:li[^>]*>([^<]*)<\/rdf:li>/.exec(xml)?.[1],
    pdfuaPart: /<pdfuaid:part>(\d+)<\/pdfuaid:part>|pdfuaid:part="(\d+)"/.exec(xml)?.slice(1).find(Boolean),
  };
  const markInfo = doc.catalog.lookupMaybe(PDFName.of('MarkInfo'), PDFDict);
  const prefs = doc.catalog.lookupMaybe(PDFName.of('ViewerPreferences'), PDFDict);
  return {
    pages: pages.length,
    structureTypes: [...types].sort(),
    unmappedTypes,
    untaggedPerPage,
    paginationArtifactsPerPage,
    xmp,
    marked: markInfo?.get(PDFName.of('Marked')) === PDFBool.True,
    displayDocTitle: prefs?.get(PDFName.of('DisplayDocTitle')) === PDFBool.True,
    listItems,
    listItemsWithoutBody,
    links,
    linksWithoutContents,
    linkContents,
    tables,
    tablesWithoutHeaderCell,
    headerCells,
    headerCellsWithoutScope,
    doubledHeaderCells,
    tinyFillsPerPage,
    textContrasts: [...contrasts.values()].sort((a, b) => a.ratio - b.ratio),
    taggedText,
  };
}

/** A root-like dictionary whose K is the element itself, so visitElements includes it. */
function wrap(doc: PDFDocument, el: PDFDict): PDFDict {
  return doc.context.obj({ K: el.get(PDFName.of('K'))! });
}

function hasScope(doc: PDFDocument, th: PDFDict): boolean {
  const a = th.get(PDFName.of('A'));
  const attrs = a instanceof PDFRef ? doc.context.lookup(a) : a;
  const list = attrs instanceof PDFArray ? attrs.asArray() : attrs ? [attrs] : [];
  return list.some((x) => {
    const d = x instanceof PDFRef ? doc.context.lookup(x) : x;
    return d instanceof PDFDict && d.get(PDFName.of('Scope')) instanceof PDFName;
  });
}

const toHex = (rgb: number[]) => `#${rgb.map((v) => Math.round(Math.max(0, Math.min(1, v)) * 255).toString(16).padStart(2, '0')).join('')}`;

interface Fill {
  box: [number, number, number, number];
  colour: string;
}

/**
 * One page: untagged painting operations, pagination artifacts, tiny fills, and
 * for each text run its colour against the last filled shape painted under its
 * first glyph (white where there is none).
 */
function scanPage(doc: PDFDocument, page: PDFPage, pageNo: number, contrasts: Map<string, TextContrast>) {
  const ops = pageOperations(doc, page);
  const fonts = pageFonts(doc, page);
  const runs = textRuns(ops, fonts);
  const runAt = new Map(runs.map((r) => [r.begin, r]));
  // A label with a halo is drawn twice at one origin: first in the halo colour (as a fill run and,
  // for the SVG stroke, an outline run; maps draw all halos first), then in its own colour.
  const halos = new Set<number>();
  const haloUnder = new Map<number, number>();
  const atOrigin = new Map<string, number[]>();
  for (const r of runs) {
    const key = `${r.x.toFixed(1)},${r.y.toFixed(1)}`;
    atOrigin.set(key, [...(atOrigin.get(key) ?? []), r.begin]);
  }
  for (const group of atOrigin.values()) {
    if (group.length < 2) continue;
    for (const begin of group.slice(0, -1)) halos.add(begin);
    haloUnder.set(group[group.length - 1], group[0]);
  }
  const colourOfRun = new Map<number, string>();
  const boldFonts = new Set<string>();
  const fontDict = page.node.Resources()?.lookup(PDFName.of('Font'));
  if (fontDict instanceof PDFDict) {
    for (const [name, ref] of fontDict.entries()) {
      const f = doc.context.lookup(ref);
      if (f instanceof PDFDict && /Bold|Semibold|Black/i.test(String(f.get(PDFName.of('BaseFont'))))) boldFonts.add(name.decodeText());
    }
  }
  const alphaOf = new Map<string, number>();
  const gsDict = page.node.Resources()?.lookup(PDFName.of('ExtGState'));
  if (gsDict instanceof PDFDict) {
    for (const [name, ref] of gsDict.entries()) {
      const g = doc.context.lookup(ref);
      const ca = g instanceof PDFDict ? g.lookupMaybe(PDFName.of('ca'), PDFNumber)?.asNumber() : undefined;
      if (ca !== undefined) alphaOf.set(name.decodeText(), ca);
    }
  }
  let untagged = 0;
  let pagination = 0;
  let tinyFills = 0;
  const marked: MarkedContext[] = [];
  const stack: { ctm: Matrix; fill: string; alpha: number }[] = [];
  let ctm: Matrix = IDENTITY;
  let fill = '#000000';
  let alpha = 1;
  let path: [number, number][] = [];
  const fills: Fill[] = [];
  const covered = () => marked.some((m) => m.mcid !== undefined || m.artifact);
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i];
    const a = op.operands.map(Number);
    switch (op.operator) {
      case 'q': stack.push({ ctm, fill, alpha }); break;
      case 'Q': ({ ctm, fill, alpha } = stack.pop() ?? { ctm: IDENTITY, fill: '#000000', alpha: 1 }); break;
      case 'cm': ctm = multiply(a as Matrix, ctm); break;
      case 'rg': fill = toHex(a); break;
      case 'g': fill = toHex([a[0], a[0], a[0]]); break;
      case 'k': fill = toHex([0, 1, 2].map((j) => (1 - a[j]) * (1 - a[3]))); break;
      case 'sc': case 'scn': if (a.length === 3 && a.every(Number.isFinite)) fill = toHex(a); break;
      case 'gs': alpha = alphaOf.get(op.operands[0]?.slice(1) ?? '') ?? alpha; break;
      case 'BDC': case 'BMC': {
        const m = markedContext(op);
        marked.push(m);
        if (m.artifact && /\/Pagination/.test(op.operands[1] ?? '')) pagination++;
        break;
      }
      case 'EMC': marked.pop(); break;
      case 'm': case 'l': path.push(apply(ctm, a[0], a[1])); break;
      case 'c': path.push(apply(ctm, a[4], a[5])); break;
      case 'v': case 'y': path.push(apply(ctm, a[2], a[3])); break;
      case 're':
        path.push(apply(ctm, a[0], a[1]), apply(ctm, a[0] + a[2], a[1] + a[3]));
        break;
      case 'BT': {
        const run = runAt.get(i);
        if (run && run.text.trim() && alpha > 0) {
          // The colour of the first glyph; a text object sets its colour before BT or inside it.
          let colour = fill;
          for (let k = i; k < ops.length && ops[k].operator !== 'ET' && !TEXT_SHOW.has(ops[k].operator); k++) {
            if (ops[k].operator === 'rg') colour = toHex(ops[k].operands.map(Number));
            if (ops[k].operator === 'g') colour = toHex([0, 0, 0].map(() => Number(ops[k].operands[0])));
          }
          colourOfRun.set(i, colour);
          if (halos.has(i)) break;
          const px = run.x + run.size * 0.3;
          const py = run.y + run.size * 0.3;
          const under = [...fills].reverse().find((f) => px >= f.box[0] && px <= f.box[2] && py >= f.box[1] && py <= f.box[3]);
          const halo = haloUnder.get(i);
          const background = (halo !== undefined ? colourOfRun.get(halo) : undefined) ?? under?.colour ?? '#ffffff';
          const shown = alpha < 1 ? blend(colour, background, alpha) : colour;
          const ratio = contrastRatio(shown, background);
          const points = run.size;
          const large = points >= 18 || (points >= 14 && boldFonts.has(run.font ?? ''));
          const key = `${shown} ${background} ${large}`;
          const seen = contrasts.get(key);
          if (!seen || ratio < seen.ratio) contrasts.set(key, { colour: shown, background, ratio, large, page: pageNo, sample: run.text.trim().slice(0, 40) });
        }
        break;
      }
      default:
        if (PATH_PAINT.has(op.operator)) {
          const paints = op.operator !== 'n';
          if (paints && !covered()) untagged++;
          if (paints && /^(f|F|f\*|B|B\*|b|b\*)$/.test(op.operator) && path.length) {
            const xs = path.map((p) => p[0]);
            const ys = path.map((p) => p[1]);
            const box: Fill['box'] = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
            if (box[2] - box[0] < 1.5 && box[3] - box[1] < 1.5) tinyFills++;
            else if (alpha > 0.5) fills.push({ box, colour: fill });
          }
          path = [];
        } else if ((TEXT_SHOW.has(op.operator) || op.operator === 'Do' || op.operator === 'sh' || op.operator === 'BI') && !covered()) untagged++;
    }
  }
  return { untagged, pagination, tinyFills, mcidText: textByMcid(runs) };
}

function blend(fg: string, bg: string, alpha: number): string {
  const c = (h: string, i: number) => parseInt(h.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
  return toHex([0, 1, 2].map((i) => c(fg, i) * alpha + c(bg, i) * (1 - alpha)));
}

/**
 * Words of the tagged text that appear nowhere in the HTML the PDF was printed from
 * (elements and tags removed, inline tags joined): words run together where a line wraps.
 */
export function wordsNotInHtml(taggedText: string[], html: string): string[] {
  const body = html
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<\/?(strong|em|b|i|a|span|sup|sub|abbr)\b[^>]*>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&#x3D;/g, '=').replace(/&#x60;/g, '`').replace(/&nbsp;/g, ' ');
  const vocabulary = new Set(body.toLowerCase().split(/[\s\u00a0\u202f]+/).filter(Boolean));
  const missing = new Set<string>();
  for (const text of taggedText) {
    for (const word of text.toLowerCase().split(/[\s\u00a0\u202f]+/)) {
      if (/\p{L}/u.test(word) && word.length > 1 && !vocabulary.has(word)) missing.add(word);
    }
  }
  return [...missing];
}
