/**
 * Text of a page's content stream as a reader sees it: fonts' ToUnicode maps,
 * text objects with their position, and the marked-content sequence (MCID or
 * Artifact) each belongs to. Shared by the PDF/UA post-processing and its checks.
 */
import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFPage, PDFRawStream, PDFRef, PDFStream, decodePDFRawStream } from 'pdf-lib';
import { IDENTITY, type Matrix, type Operation, TEXT_SHOW, apply, multiply, parseContentStream, stringTokenBytes, translate } from './content-stream.js';

export interface FontInfo {
  /** Bytes per character code (2 for Type0/Identity-H, else 1). */
  codeBytes: number;
  toUnicode: Map<number, string>;
  /** Code of a glyph that maps to U+0020, if the font has one. */
  spaceCode?: number;
  /** Advance of a code in text space units for a font size of 1. */
  width(code: number): number;
}

/** Glyph advances: a Type0 font's W array (CIDs), else FirstChar/Widths; Type3 in its FontMatrix. */
function widthsOf(doc: PDFDocument, font: PDFDict): (code: number) => number {
  const num = (o: unknown) => (o instanceof PDFNumber ? o.asNumber() : 0);
  const look = (o: unknown) => (o instanceof PDFRef ? doc.context.lookup(o) : o);
  if (String(font.get(PDFName.of('Subtype'))) === '/Type0') {
    const descendants = look(font.get(PDFName.of('DescendantFonts')));
    const cid = descendants instanceof PDFArray ? look(descendants.get(0)) : undefined;
    const widths = new Map<number, number>();
    let dw = 1000;
    if (cid instanceof PDFDict) {
      if (cid.has(PDFName.of('DW'))) dw = num(look(cid.get(PDFName.of('DW'))));
      const w = look(cid.get(PDFName.of('W')));
      const items = w instanceof PDFArray ? w.asArray().map(look) : [];
      for (let i = 0; i < items.length; ) {
        const first = num(items[i]);
        const next = items[i + 1];
        if (next instanceof PDFArray) {
          next.asArray().forEach((x, k) => widths.set(first + k, num(look(x))));
          i += 2;
        } else {
          for (let c = first; c <= num(next) && c - first < 65536; c++) widths.set(c, num(items[i + 2]));
          i += 3;
        }
      }
    }
    return (code) => (widths.get(code) ?? dw) / 1000;
  }
  const firstChar = num(look(font.get(PDFName.of('FirstChar'))));
  const list = look(font.get(PDFName.of('Widths')));
  const widths = list instanceof PDFArray ? list.asArray().map((x) => num(look(x))) : [];
  const matrix = look(font.get(PDFName.of('FontMatrix')));
  const scale = matrix instanceof PDFArray ? num(look(matrix.get(0))) : 0.001;
  return (code) => (widths[code - firstChar] ?? 0) * scale;
}

export function parseToUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const hexText = (h: string) => {
    let s = '';
    for (let i = 0; i + 4 <= h.length; i += 4) s += String.fromCharCode(parseInt(h.slice(i, i + 4), 16));
    return s;
  };
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>/g)) map.set(parseInt(m[1], 16), hexText(m[2]));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(<[0-9a-fA-F]*>|\[[^\]]*\])/g)) {
      const lo = parseInt(m[1], 16);
      const hi = parseInt(m[2], 16);
      if (m[3].startsWith('[')) {
        const items = [...m[3].matchAll(/<([0-9a-fA-F]*)>/g)].map((x) => hexText(x[1]));
        for (let c = lo; c <= hi && c - lo < items.length; c++) map.set(c, items[c - lo]);
      } else {
        const base = m[3].slice(1, -1);
        const prefix = hexText(base.slice(0, -4));
        const last = parseInt(base.slice(-4), 16);
        for (let c = lo; c <= hi && c - lo < 65536; c++) map.set(c, prefix + String.fromCharCode(last + c - lo));
      }
    }
  }
  return map;
}

const fontCache = new WeakMap<object, FontInfo>();

export function fontInfo(doc: PDFDocument, font: PDFDict): FontInfo {
  const cached = fontCache.get(font);
  if (cached) return cached;
  const codeBytes = String(font.get(PDFName.of('Subtype'))) === '/Type0' ? 2 : 1;
  const stream = font.lookup(PDFName.of('ToUnicode'));
  const toUnicode = stream instanceof PDFRawStream ? parseToUnicode(Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1')) : new Map<number, string>();
  let spaceCode: number | undefined;
  for (const [code, text] of toUnicode) if (text === ' ') { spaceCode = code; break; }
  const info = { codeBytes, toUnicode, spaceCode, width: widthsOf(doc, font) };
  fontCache.set(font, info);
  return info;
}

/** The page's fonts by resource name. */
export function pageFonts(doc: PDFDocument, page: PDFPage): Map<string, FontInfo> {
  const fonts = new Map<string, FontInfo>();
  const dict = page.node.Resources()?.lookup(PDFName.of('Font'));
  if (dict instanceof PDFDict) {
    for (const [name, ref] of dict.entries()) {
      const font = doc.context.lookup(ref);
      if (font instanceof PDFDict) fonts.set(name.decodeText(), fontInfo(doc, font));
    }
  }
  return fonts;
}

let scratch = new Uint8Array(256);

/** Decodes the string operands of a text-showing operation; `advance` gets the summed glyph widths (font size 1). */
export function decodeShown(op: Operation, font: FontInfo | undefined, advance?: { width: number }): string {
  if (op.operator !== 'TJ') {
    const last = op.operandCount - 1;
    return last < 0 ? '' : decodeString(op.bytes, op.operandStart(last), op.operandEnd(last), font, advance);
  }
  let out = '';
  for (const [from, to] of op.shownStrings()) out += decodeString(op.bytes, from, to, font, advance);
  return out;
}

function decodeString(bytes: Uint8Array, from: number, to: number, font: FontInfo | undefined, advance?: { width: number }): string {
  const step = font?.codeBytes ?? 1;
  if (scratch.length < to - from) scratch = new Uint8Array(2 * (to - from));
  const length = stringTokenBytes(bytes, from, to, scratch);
  let out = '';
  for (let i = 0; i + step <= length; i += step) {
    const code = step === 2 ? (scratch[i] << 8) | scratch[i + 1] : scratch[i];
    out += font?.toUnicode.get(code) ?? (step === 1 ? String.fromCharCode(code) : '\ufffd');
    if (advance && font) advance.width += font.width(code);
  }
  return out;
}

/** The decoded operations of a page (all content streams joined). */
export function pageOperations(doc: PDFDocument, page: PDFPage): Operation[] {
  const contents = page.node.Contents();
  const streams = contents instanceof PDFArray ? contents.asArray().map((r) => doc.context.lookup(r)) : [contents];
  const parts: Uint8Array[] = [];
  for (const s of streams) {
    // Node's zlib inflates Chromium's Flate streams several times faster than pdf-lib's own decoder.
    if (s instanceof PDFRawStream && String(s.dict.get(PDFName.of('Filter'))) === '/FlateDecode') parts.push(inflateSync(s.contents));
    else if (s instanceof PDFRawStream) parts.push(decodePDFRawStream(s).decode());
    else if (s instanceof PDFStream) parts.push(s.getContents());
  }
  return parseContentStream(Buffer.concat(parts.flatMap((p) => [p, Buffer.from('\n')])));
}

/** What a marked-content sequence is: tagged content (MCID), an artifact, or something else. */
export interface MarkedContext {
  mcid?: number;
  artifact: boolean;
}

export interface TextRun {
  /** Index of the BT operation that opens the text object, and of its ET. */
  begin: number;
  end: number;
  text: string;
  /** Origin of the first glyph in default user space (PDF points, y up). */
  x: number;
  y: number;
  /** Where the last glyph ends (x, user space). */
  endX: number;
  /** Font size in user space. */
  size: number;
  /** Font size operand of Tf (text space). */
  fontSize: number;
  font?: string;
  /** The innermost MCID around the text, if any; artifact when inside an Artifact sequence. */
  mcid?: number;
  artifact: boolean;
}

/** Parses the marked-content tag of a BDC/BMC operation. */
export function markedContext(op: Operation): MarkedContext {
  const tag = op.operands[0] ?? '';
  const props = op.operator === 'BDC' ? (op.operands[1] ?? '') : '';
  const mcid = /\/MCID\s+(\d+)/.exec(props);
  return { mcid: mcid ? Number(mcid[1]) : undefined, artifact: tag === '/Artifact' };
}

/**
 * Text objects of a page in content order, with the position, font and marked
 * content they are in. Tracks the CTM (q/Q/cm) and the text matrix (Tm/Td/TD/T*).
 */
export function textRuns(ops: Operation[], fonts: Map<string, FontInfo>): TextRun[] {
  const runs: TextRun[] = [];
  const ctmStack: Matrix[] = [];
  let ctm: Matrix = IDENTITY;
  const marked: MarkedContext[] = [];
  let run: TextRun | undefined;
  let tm: Matrix = IDENTITY;
  let lineStart: Matrix = IDENTITY;
  let font: string | undefined;
  let size = 0;
  let leading = 0;
  const matrixOf = (op: Operation): Matrix => [op.number(0), op.number(1), op.number(2), op.number(3), op.number(4), op.number(5)];
  const advance = { width: 0 };
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i];
    switch (op.operator) {
      case 'q': ctmStack.push(ctm); break;
      case 'Q': ctm = ctmStack.pop() ?? IDENTITY; break;
      case 'cm': ctm = multiply(matrixOf(op), ctm); break;
      case 'BDC': case 'BMC': marked.push(markedContext(op)); break;
      case 'EMC': marked.pop(); break;
      case 'BT': {
        tm = lineStart = IDENTITY;
        const mcid = innermostMcid(marked);
        run = { begin: i, end: i, text: '', x: NaN, y: NaN, endX: NaN, size: 0, fontSize: size, font, mcid, artifact: marked.some((m) => m.artifact) };
        break;
      }
      case 'ET':
        if (run) { run.end = i; runs.push(run); }
        run = undefined;
        break;
      case 'Tf': font = op.operandCount > 0 ? op.operand(0).slice(1) : undefined; size = op.number(1); if (run && !run.text) run.font = font; break;
      case 'TL': leading = op.number(0); break;
      case 'Tm': tm = lineStart = matrixOf(op); break;
      case 'Td': case 'TD':
        if (op.operator === 'TD') leading = -op.number(1);
        tm = lineStart = translate(op.number(0), op.number(1), lineStart);
        break;
      case 'T*': tm = lineStart = translate(0, -leading, lineStart); break;
      default:
        if (TEXT_SHOW.has(op.operator) && run) {
          advance.width = 0;
          const text = decodeShown(op, font ? fonts.get(font) : undefined, advance);
          if (!run.text && Number.isNaN(run.x)) {
            const m = multiply(tm, ctm);
            [run.x, run.y] = apply(m, 0, 0);
            run.size = size * Math.hypot(m[2], m[3]);
            run.font = font;
            run.fontSize = size;
            // A later run in this object with a marked context inside BT: take the innermost at the first glyph.
            const mcid = innermostMcid(marked);
            run.mcid = mcid;
            run.artifact = marked.some((mk) => mk.artifact);
          }
          run.text += text;
          tm = translate(advance.width * size, 0, tm);
          // The x of multiply(tm, ctm), without building it.
          run.endX = tm[4] * ctm[0] + tm[5] * ctm[2] + ctm[4];
        }
    }
  }
  return runs;
}

function innermostMcid(marked: MarkedContext[]): number | undefined {
  for (let k = marked.length - 1; k >= 0; k--) if (marked[k].mcid !== undefined) return marked[k].mcid;
  return undefined;
}

/** Text of every MCID on a page, in content order. */
export function textByMcid(runs: TextRun[]): Map<number, string> {
  const byMcid = new Map<number, string>();
  for (const r of runs) if (r.mcid !== undefined && !r.artifact) byMcid.set(r.mcid, (byMcid.get(r.mcid) ?? '') + r.text);
  return byMcid;
}

export function refKey(ref: PDFRef): string {
  return `${ref.objectNumber} ${ref.generationNumber}`;
}
