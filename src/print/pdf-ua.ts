/**
 * PDF/UA-1 (ISO 14289-1) post-processing of Chromium's tagged PDF: fixes what
 * Chromium gets wrong, one function per rule. Runs after the metadata is set.
 */
import { deflateSync } from 'node:zlib';
import { PDFArray, PDFBool, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNull, PDFNumber, PDFRef, PDFString, type PDFObject, type PDFPage } from 'pdf-lib';
import { ContentEditor, PATH_CONSTRUCT, PATH_PAINT, type Operation } from './content-stream.js';
import { type FontInfo, type TextRun, markedContext, pageFonts, pageOperations, refKey, textByMcid, textRuns } from './pdf-text.js';

export interface AccessibilityMetadata {
  title: string;
  language: string;
  author: string;
  subject: string;
  keywords: string[];
  creator: string;
  producer: string;
  date: Date;
}

/** Margins of the page area (print.css @page): a text run above or below them is a running header or footer. */
const HEADER_MARGIN_PT = (20 * 72) / 25.4;
const FOOTER_MARGIN_PT = (18 * 72) / 25.4;

/** Runs one named step of the post-processing; scripts/bench-pdf-ua.ts passes one that times each. */
export type StepRunner = <T>(step: string, fn: () => T) => T;

export function makeAccessible(doc: PDFDocument, meta: AccessibilityMetadata, step: StepRunner = (_step, fn) => fn()): void {
  const root = doc.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  const tree = step('read tag tree', () => (root ? readTagTree(doc, root) : undefined));
  const repeated = step('repeated table headers', () => (root && tree ? detachRepeatedHeaders(doc, root, tree.headerCells) : new Map<string, Set<number>>()));
  const mcidText = new Map<string, Map<number, string>>();
  step('content streams (artifacts, line-end spaces)', () => {
    for (const page of doc.getPages()) mcidText.set(refKey(page.ref), rewritePageContent(doc, page, repeated.get(refKey(page.ref)), step));
  });
  step('XMP metadata and flags', () => {
    setXmpMetadata(doc, meta);
    setDocumentFlags(doc);
  });
  if (!root || !tree) return;
  step('role map', () => roleMapNonStandardTypes(doc, root, tree.types));
  step('list bodies', () => addListBodies(doc, root, tree.listItems));
  step('link descriptions', () => describeLinks(doc, root, mcidText));
}

/**
 * PDF/UA 7.1 (content is tagged or an artifact): Chromium leaves the @page margin
 * boxes (region name, "pagina N van M", data years), borders, backgrounds and
 * aria-hidden glyphs outside any marked content. Each such graphics object is put
 * in an /Artifact sequence; running headers and footers as /Pagination artifacts.
 *
 * WCAG 1.3.2 / PDF/UA 7.2 (text in reading order as on the page): Chromium does not
 * draw the space where a line wraps, so the tag tree reads "aantalinwoners". An
 * invisible space glyph is added at the end of every tagged line that is followed
 * by a tagged line lower on the page and does not end in a space or hyphen, and at
 * the end of a text run followed on its line by another after a gap (the space
 * before an inline element or between flex items is not drawn either).
 *
 * Returns the text of each MCID on the page (for link descriptions).
 */
function rewritePageContent(doc: PDFDocument, page: PDFPage, repeatedMcids = new Set<number>(), step: StepRunner): Map<number, string> {
  const ops = step('  inflate and parse', () => pageOperations(doc, page));
  const fonts = step('  fonts', () => pageFonts(doc, page));
  const runs = step('  text runs', () => textRuns(ops, fonts));
  const { height } = page.getSize();
  const kindOfRun = new Map<number, ArtifactKind>();
  for (const r of runs) {
    if (r.mcid !== undefined || r.artifact) continue;
    kindOfRun.set(r.begin, r.y > height - HEADER_MARGIN_PT ? 'header' : r.y < FOOTER_MARGIN_PT ? 'footer' : 'layout');
  }
  const spaceAfter = lineEndSpaces(runs, fonts);
  const editor = new ContentEditor(ops[0]?.bytes ?? new Uint8Array());
  step('  mark artifacts', () => markArtifacts(ops, editor, kindOfRun, spaceAfter, repeatedMcids));
  // A page that needs no change keeps its stream as Chromium compressed it.
  if (editor.changed) {
    const contents = page.node.Contents();
    const old = contents instanceof PDFArray ? contents.asArray() : [page.node.get(PDFName.of('Contents'))];
    // zlib's default level: a third of the time of level 9 for 3% more bytes of content.
    const stream = doc.context.stream(step('  deflate', () => deflateSync(editor.finish(), { level: 6 })), { Filter: 'FlateDecode' });
    page.node.set(PDFName.of('Contents'), doc.context.register(stream));
    for (const ref of old) if (ref instanceof PDFRef) doc.context.delete(ref);
  }
  for (const r of runs) {
    const space = spaceAfter.get(r.end);
    if (space) r.text += ' ';
  }
  return textByMcid(runs);
}

/** ET index → the operations (source text) that draw one (invisible) space before it. */
function lineEndSpaces(runs: TextRun[], fonts: Map<string, FontInfo>): Map<number, string> {
  const result = new Map<number, string>();
  const tagged = runs.filter((r) => r.mcid !== undefined && !r.artifact && r.text.length > 0);
  const withSpace = [...fonts].find(([, f]) => f.spaceCode !== undefined);
  for (let i = 0; i < tagged.length; i++) {
    const a = tagged[i];
    // The last line of a page: its paragraph may go on on the next page.
    const b = tagged[i + 1] ?? { ...a, text: 'x', x: a.x, y: -Infinity };
    const size = Math.max(a.size, b.size);
    const newLine = a.y - b.y > size * 0.5;
    // On one line, a gap wider than a thin space is a space Chromium did not draw ("Zie" + link, "Demografie" + page number).
    const gap = Math.abs(a.y - b.y) < size * 0.3 && b.x - a.endX > size * 0.15;
    // A word broken after its hyphen ("sociaal-" / "economisch") gets no space; a suspended
    // hyphen ("havo- of vwo-advies") and a dash between spaces do.
    const brokenWord = newLine && /\S-$/.test(a.text) && !/^(en|of|tot|t\/m)\s/.test(b.text);
    if (!(newLine || gap) || /[\s\u00ad]$/.test(a.text) || brokenWord || /^\s/.test(b.text)) continue;
    const own = a.font ? fonts.get(a.font) : undefined;
    const hex = (code: number, bytes: number) => `<${code.toString(16).padStart(bytes * 2, '0')}>`;
    if (own?.spaceCode !== undefined) result.set(a.end, `${hex(own.spaceCode, own.codeBytes)} Tj`);
    else if (withSpace && a.font) {
      // The line's font has no space glyph: borrow one, then restore the font.
      const [name, f] = withSpace;
      const size = String(a.fontSize);
      result.set(a.end, `/${name} ${size} Tf\n${hex(f.spaceCode!, f.codeBytes)} Tj\n/${a.font} ${size} Tf`);
    }
  }
  return result;
}

type ArtifactKind = 'header' | 'footer' | 'layout';

const ARTIFACT_TAG: Record<ArtifactKind, string> = {
  header: '/Artifact <</Type /Pagination /Subtype /Header>> BDC',
  footer: '/Artifact <</Type /Pagination /Subtype /Footer>> BDC',
  layout: '/Artifact BMC',
};

const REPEATED_HEADER_TAG = '/Artifact <</Type /Pagination>> BDC';

/**
 * PDF/UA 7.5 (table headers) and 7.1: when a table breaks over pages, Chromium repeats
 * the header row and tags the copy into the same TH ("NiveauNiveau"). The copy on a
 * later page is a pagination artifact: its marked content is retyped as /Artifact, and
 * it leaves the TH and the parent tree. Returns page → MCIDs to retype.
 */
function detachRepeatedHeaders(doc: PDFDocument, root: PDFDict, headerCells: PDFDict[]): Map<string, Set<number>> {
  const pageIndex = new Map(doc.getPages().map((p, i) => [refKey(p.ref), i]));
  const result = new Map<string, Set<number>>();
  for (const th of headerCells) {
    // The marked content under the TH (at any depth: Chromium puts the copy in the same NonStruct).
    const leaves: { page: string; mcid: number }[] = [];
    const leafOf = (k: PDFObject, pg: PDFObject | undefined): { page: string; mcid: number } | undefined => {
      const d = k instanceof PDFRef ? doc.context.lookup(k) : k;
      if (d instanceof PDFNumber) return pg instanceof PDFRef ? { page: refKey(pg), mcid: d.asNumber() } : undefined;
      if (d instanceof PDFDict && String(d.get(PDFName.of('Type'))) === '/MCR') {
        const page = d.get(PDFName.of('Pg')) ?? pg;
        const mcid = d.lookupMaybe(PDFName.of('MCID'), PDFNumber)?.asNumber();
        return page instanceof PDFRef && mcid !== undefined ? { page: refKey(page), mcid } : undefined;
      }
      return undefined;
    };
    const kidsOf = (el: PDFDict) => {
      const k = el.get(PDFName.of('K'));
      return k instanceof PDFArray ? k.asArray() : k ? [k] : [];
    };
    const collect = (el: PDFDict, pg: PDFObject | undefined) => {
      const page = el.get(PDFName.of('Pg')) ?? pg;
      for (const k of kidsOf(el)) {
        const leaf = leafOf(k, page);
        const d = k instanceof PDFRef ? doc.context.lookup(k) : k;
        if (leaf) leaves.push(leaf);
        else if (d instanceof PDFDict && d.has(PDFName.of('S'))) collect(d, page);
      }
    };
    collect(th, undefined);
    if (leaves.length === 0) continue;
    const first = Math.min(...leaves.map((l) => pageIndex.get(l.page) ?? 0));
    const isLater = (l: { page: string } | undefined) => !!l && (pageIndex.get(l.page) ?? 0) > first;
    if (!leaves.some(isLater)) continue;
    const prune = (el: PDFDict, pg: PDFObject | undefined) => {
      const page = el.get(PDFName.of('Pg')) ?? pg;
      const keep: PDFObject[] = [];
      for (const k of kidsOf(el)) {
        const leaf = leafOf(k, page);
        const d = k instanceof PDFRef ? doc.context.lookup(k) : k;
        if (leaf && isLater(leaf)) result.set(leaf.page, (result.get(leaf.page) ?? new Set()).add(leaf.mcid));
        else {
          if (!leaf && d instanceof PDFDict && d.has(PDFName.of('S'))) prune(d, page);
          keep.push(k);
        }
      }
      el.set(PDFName.of('K'), doc.context.obj(keep));
    };
    prune(th, undefined);
  }
  // The parent tree no longer points these MCIDs at the TH.
  for (const page of doc.getPages()) {
    const mcids = result.get(refKey(page.ref));
    const key = page.node.lookupMaybe(PDFName.of('StructParents'), PDFNumber)?.asNumber();
    if (!mcids || key === undefined) continue;
    const entry = parentTreeEntry(doc, root, key);
    const arr = entry instanceof PDFRef ? doc.context.lookup(entry) : entry;
    if (arr instanceof PDFArray) for (const m of mcids) if (m < arr.size()) arr.set(m, PDFNull);
  }
  return result;
}

/**
 * Wraps every graphics object outside marked content in an artifact sequence.
 * Sequences open and close only between graphics objects (never inside a path
 * or text object), and close before tagged content and before a Q that would
 * restore a state saved before they opened. The editor gets the insertions, in
 * stream order; the operations themselves stay as they are.
 */
function markArtifacts(ops: Operation[], editor: ContentEditor, kindOfRun: Map<number, ArtifactKind>, spaceAfter: Map<number, string>, repeatedMcids: Set<number>): void {
  let depth = 0;
  let qDepth = 0;
  let open: { kind: ArtifactKind; qDepth: number } | undefined;
  const close = (at: number) => {
    if (open) editor.insert(at, 'EMC');
    open = undefined;
  };
  const ensure = (kind: ArtifactKind, at: number) => {
    if (open?.kind === kind) return;
    close(at);
    editor.insert(at, ARTIFACT_TAG[kind]);
    open = { kind, qDepth };
  };
  for (let i = 0; i < ops.length; i++) {
    const o = ops[i];
    const operator = o.operator;
    if (operator === 'BDC' || operator === 'BMC') {
      close(o.start);
      depth++;
      const mcid = repeatedMcids.size ? markedContext(o).mcid : undefined;
      if (mcid !== undefined && repeatedMcids.has(mcid)) editor.replace(o.start, o.end, REPEATED_HEADER_TAG);
      continue;
    }
    if (operator === 'EMC') {
      depth = Math.max(0, depth - 1);
      continue;
    }
    if (operator === 'BT') {
      // A whole text object; marked content inside it (rare) is kept as it is.
      let end = i;
      let marksInside = false;
      for (; end < ops.length && ops[end].operator !== 'ET'; end++) if (ops[end].operator === 'BDC' || ops[end].operator === 'BMC') marksInside = true;
      const kind = kindOfRun.get(i);
      if (marksInside) close(o.start);
      else if (depth === 0 && kind) ensure(kind, o.start);
      const space = spaceAfter.get(end);
      if (space && end < ops.length) editor.insert(ops[end].start, space);
      i = end;
      continue;
    }
    if (PATH_CONSTRUCT.has(operator)) {
      let end = i;
      while (end < ops.length && !PATH_PAINT.has(ops[end].operator)) end++;
      const paints = end < ops.length && ops[end].operator !== 'n';
      if (depth === 0 && paints) ensure('layout', o.start);
      i = end;
      continue;
    }
    if (operator === 'q') qDepth++;
    if (operator === 'Q') {
      if (open && qDepth <= open.qDepth) close(o.start);
      qDepth--;
    }
    if (depth === 0 && (operator === 'Do' || operator === 'sh' || operator === 'BI')) ensure('layout', o.start);
  }
  close(editor.length);
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** PDF/UA 5 and 7.1-8/9: an XMP metadata stream with dc:title, dc:language and pdfuaid:part 1. */
function setXmpMetadata(doc: PDFDocument, meta: AccessibilityMetadata): void {
  const date = meta.date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const xmp = `<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xmlEscape(meta.title)}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>${xmlEscape(meta.author)}</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xmlEscape(meta.subject)}</rdf:li></rdf:Alt></dc:description>
<dc:language><rdf:Bag><rdf:li>${xmlEscape(meta.language)}</rdf:li></rdf:Bag></dc:language>
<pdf:Keywords>${xmlEscape(meta.keywords.join(', '))}</pdf:Keywords>
<pdf:Producer>${xmlEscape(meta.producer)}</pdf:Producer>
<xmp:CreatorTool>${xmlEscape(meta.creator)}</xmp:CreatorTool>
<xmp:CreateDate>${date}</xmp:CreateDate>
<xmp:ModifyDate>${date}</xmp:ModifyDate>
<pdfuaid:part>1</pdfuaid:part>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
  const stream = doc.context.stream(Buffer.from(xmp, 'utf8'), { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(stream));
}

/**
 * PDF/UA 7.1: /MarkInfo /Marked true and /DisplayDocTitle true (Chromium and
 * setTitle set them; made sure here). PDF/UA 7.18.3: every page with annotations
 * has /Tabs /S (tab order follows the structure).
 */
function setDocumentFlags(doc: PDFDocument): void {
  const markInfo = doc.catalog.lookupMaybe(PDFName.of('MarkInfo'), PDFDict) ?? doc.context.obj({});
  markInfo.set(PDFName.of('Marked'), PDFBool.True);
  doc.catalog.set(PDFName.of('MarkInfo'), markInfo);
  const prefs = doc.catalog.lookupMaybe(PDFName.of('ViewerPreferences'), PDFDict) ?? doc.context.obj({});
  prefs.set(PDFName.of('DisplayDocTitle'), PDFBool.True);
  doc.catalog.set(PDFName.of('ViewerPreferences'), prefs);
  for (const page of doc.getPages()) {
    if (page.node.Annots()?.size()) page.node.set(PDFName.of('Tabs'), PDFName.of('S'));
  }
}

/** The standard structure types of PDF 1.7 (ISO 32000-1, 14.8.4). */
export const STANDARD_STRUCTURE_TYPES = new Set([
  'Document', 'Part', 'Art', 'Sect', 'Div', 'BlockQuote', 'Caption', 'TOC', 'TOCI', 'Index', 'NonStruct', 'Private',
  'P', 'H', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'L', 'LI', 'Lbl', 'LBody', 'Table', 'TR', 'TH', 'TD', 'THead', 'TBody', 'TFoot',
  'Span', 'Quote', 'Note', 'Reference', 'BibEntry', 'Code', 'Link', 'Annot', 'Ruby', 'RB', 'RT', 'RP', 'Warichu', 'WT', 'WP',
  'Figure', 'Formula', 'Form',
]);

/** Visits every structure element (dictionaries with /S) with its reference. */
export function visitElements(doc: PDFDocument, root: PDFDict, visit: (el: PDFDict, ref: PDFRef | undefined) => void): void {
  // pdf-lib makes one PDFRef per object number, so refs compare by identity.
  const seen = new Set<PDFRef>();
  const [S, K] = [PDFName.of('S'), PDFName.of('K')];
  const walk = (obj: PDFObject | undefined, depth: number) => {
    if (!obj || depth > 200) return;
    const ref = obj instanceof PDFRef ? obj : undefined;
    if (ref) {
      if (seen.has(ref)) return;
      seen.add(ref);
    }
    const d = ref ? doc.context.lookup(ref) : obj;
    if (d instanceof PDFArray) {
      for (const x of d.asArray()) walk(x, depth);
      return;
    }
    if (!(d instanceof PDFDict) || !d.has(S)) return;
    visit(d, ref);
    walk(d.get(K), depth + 1);
  };
  walk(root.get(K), 0);
}

/** What the PDF/UA fixes need from the tag tree, read in one walk (they add and prune kids, never elements they look for). */
interface TagTree {
  /** Every structure type used. */
  types: Set<string>;
  /** TH elements, in document order. */
  headerCells: PDFDict[];
  /** LI elements that are indirect objects, in document order. */
  listItems: { li: PDFDict; ref: PDFRef }[];
}

function readTagTree(doc: PDFDocument, root: PDFDict): TagTree {
  const tree: TagTree = { types: new Set(), headerCells: [], listItems: [] };
  const S = PDFName.of('S');
  visitElements(doc, root, (el, ref) => {
    const type = el.get(S)!.toString().slice(1);
    tree.types.add(type);
    if (type === 'TH') tree.headerCells.push(el);
    if (type === 'LI' && ref) tree.listItems.push({ li: el, ref });
  });
  return tree;
}

/**
 * PDF/UA 7.1-? (non-standard structure types are role-mapped): Chromium writes PDF 2.0's
 * Strong and Em; they map to Span (inline text whose emphasis is visual).
 */
function roleMapNonStandardTypes(doc: PDFDocument, root: PDFDict, used: Set<string>): void {
  const roleMap = root.lookupMaybe(PDFName.of('RoleMap'), PDFDict) ?? doc.context.obj({});
  for (const type of used) {
    if (!STANDARD_STRUCTURE_TYPES.has(type) && !roleMap.has(PDFName.of(type))) roleMap.set(PDFName.of(type), PDFName.of('Span'));
  }
  if (roleMap.keys().length) root.set(PDFName.of('RoleMap'), roleMap);
}

/**
 * PDF/UA 7.6 / ISO 32000-1 14.8.4.3.3: an LI holds a Lbl and/or an LBody. Chromium
 * puts the item's content straight into LI; it is moved into a new LBody, and the
 * parent tree entries that pointed to the LI now point to the LBody.
 */
function addListBodies(doc: PDFDocument, root: PDFDict, listItems: { li: PDFDict; ref: PDFRef }[]): void {
  const moved = new Map<string, PDFRef>();
  for (const { li, ref: liRef } of listItems) {
    const kids = li.get(PDFName.of('K'));
    const list = kids === undefined ? [] : kids instanceof PDFArray ? kids.asArray() : [kids];
    const typeOf = (k: PDFObject) => {
      const d = k instanceof PDFRef ? doc.context.lookup(k) : k;
      return d instanceof PDFDict ? String(d.get(PDFName.of('S')) ?? '') : '';
    };
    const keep = list.filter((k) => typeOf(k) === '/Lbl' || typeOf(k) === '/LBody');
    const body = list.filter((k) => !keep.includes(k));
    if (body.length === 0 && keep.length > 0) continue;
    const lbody = doc.context.obj({ Type: 'StructElem', S: 'LBody', P: liRef });
    const pg = li.get(PDFName.of('Pg'));
    if (pg) lbody.set(PDFName.of('Pg'), pg);
    const lbodyRef = doc.context.register(lbody);
    lbody.set(PDFName.of('K'), doc.context.obj(body));
    for (const k of body) {
      const d = k instanceof PDFRef ? doc.context.lookup(k) : k;
      if (d instanceof PDFDict && d.has(PDFName.of('S'))) d.set(PDFName.of('P'), lbodyRef);
    }
    li.set(PDFName.of('K'), doc.context.obj([...keep, lbodyRef]));
    moved.set(refKey(liRef), lbodyRef);
  }
  // Marked content and annotations that belonged to an LI directly now belong to its LBody.
  if (moved.size) visitParentTree(doc, root, (arr, index) => {
    const v = arr.get(index);
    if (v instanceof PDFRef && moved.has(refKey(v))) arr.set(index, moved.get(refKey(v))!);
  }, (nums, index) => {
    const v = nums.get(index);
    if (v instanceof PDFRef && moved.has(refKey(v))) nums.set(index, moved.get(refKey(v))!);
  });
}

/** Visits the parent tree: each MCID array entry (page arrays) and each direct entry (annotations). */
function visitParentTree(
  doc: PDFDocument,
  root: PDFDict,
  inArray: (arr: PDFArray, index: number) => void,
  direct: (nums: PDFArray, index: number) => void,
): void {
  const walk = (node: PDFDict | undefined, depth: number) => {
    if (!node || depth > 20) return;
    const nums = node.lookupMaybe(PDFName.of('Nums'), PDFArray);
    if (nums) {
      for (let i = 1; i < nums.size(); i += 2) {
        const value = nums.get(i);
        const arr = value instanceof PDFRef ? doc.context.lookup(value) : value;
        if (arr instanceof PDFArray) for (let j = 0; j < arr.size(); j++) inArray(arr, j);
        else direct(nums, i);
      }
    }
    const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
    for (const k of kids?.asArray() ?? []) walk(doc.context.lookup(k) as PDFDict, depth + 1);
  };
  walk(root.lookupMaybe(PDFName.of('ParentTree'), PDFDict), 0);
}

/** The structure element a StructParent(s) key points to in the parent tree. */
function parentTreeEntry(doc: PDFDocument, root: PDFDict, key: number): PDFObject | undefined {
  let found: PDFObject | undefined;
  const walk = (node: PDFDict | undefined, depth: number) => {
    if (!node || found || depth > 20) return;
    const nums = node.lookupMaybe(PDFName.of('Nums'), PDFArray);
    if (nums) for (let i = 0; i + 1 < nums.size(); i += 2) if ((nums.get(i) as PDFNumber).asNumber() === key) found = nums.get(i + 1);
    const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
    for (const k of kids?.asArray() ?? []) walk(doc.context.lookup(k) as PDFDict, depth + 1);
  };
  walk(root.lookupMaybe(PDFName.of('ParentTree'), PDFDict), 0);
  return found;
}

/** Text of a structure element: the text of its marked content in order, parts joined by the separator. */
export function elementText(doc: PDFDocument, el: PDFDict, mcidText: Map<string, Map<number, string>>, pg?: PDFRef, separator = ' '): string {
  return rawElementText(doc, el, mcidText, pg, separator).replace(/\s+/g, ' ').trim();
}

function rawElementText(doc: PDFDocument, el: PDFDict, mcidText: Map<string, Map<number, string>>, pg: PDFRef | undefined, separator: string): string {
  const page = (el.get(PDFName.of('Pg')) as PDFRef | undefined) ?? pg;
  const parts: string[] = [];
  const kids = el.get(PDFName.of('K'));
  for (const k of kids instanceof PDFArray ? kids.asArray() : kids ? [kids] : []) {
    if (k instanceof PDFNumber) {
      if (page) parts.push(mcidText.get(refKey(page))?.get(k.asNumber()) ?? '');
      continue;
    }
    const d = k instanceof PDFRef ? doc.context.lookup(k) : k;
    if (!(d instanceof PDFDict)) continue;
    const type = String(d.get(PDFName.of('Type')) ?? '');
    if (type === '/MCR') {
      const mcrPage = (d.get(PDFName.of('Pg')) as PDFRef | undefined) ?? page;
      const mcid = d.lookupMaybe(PDFName.of('MCID'), PDFNumber)?.asNumber();
      if (mcrPage && mcid !== undefined) parts.push(mcidText.get(refKey(mcrPage))?.get(mcid) ?? '');
    } else if (d.has(PDFName.of('S'))) parts.push(rawElementText(doc, d, mcidText, page, separator));
  }
  return parts.join(separator);
}

/**
 * PDF/UA 7.18.5 (a link annotation has an alternate description in /Contents):
 * the text of the Link element it belongs to, e.g. "Demografie 5" for a contents
 * entry, else where it leads.
 */
function describeLinks(doc: PDFDocument, root: PDFDict, mcidText: Map<string, Map<number, string>>): void {
  for (const page of doc.getPages()) {
    for (const ref of page.node.Annots()?.asArray() ?? []) {
      const annot = doc.context.lookup(ref);
      if (!(annot instanceof PDFDict) || String(annot.get(PDFName.of('Subtype'))) !== '/Link' || annot.has(PDFName.of('Contents'))) continue;
      const key = annot.lookupMaybe(PDFName.of('StructParent'), PDFNumber)?.asNumber();
      const entry = key === undefined ? undefined : parentTreeEntry(doc, root, key);
      const el = entry instanceof PDFRef ? doc.context.lookup(entry) : undefined;
      let text = el instanceof PDFDict ? elementText(doc, el, mcidText, page.ref) : '';
      if (!text) {
        const uri = annot.lookupMaybe(PDFName.of('A'), PDFDict)?.lookup(PDFName.of('URI'));
        text = uri instanceof PDFString || uri instanceof PDFHexString ? `Link naar ${uri.decodeText()}` : 'Link naar een andere pagina van dit rapport';
      }
      annot.set(PDFName.of('Contents'), PDFHexString.fromText(text));
    }
  }
}
