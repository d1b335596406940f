/** Contrast rules (WCAG 2.1 AA) and the PDF/UA content-stream rewriting, without a browser (issue 13). */
import { describe, expect, it } from 'vitest';
import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNull, PDFRawStream, PDFRef, StandardFonts } from 'pdf-lib';
import { BLACK_TEXT, WHITE_TEXT, brandColourWarning, contrastRatio, darkenUntil, readableOnWhite, textOn } from '../../src/contrast.js';
import { paletteFor } from '../../src/charts/theme.js';
import { parseContentStream } from '../../src/print/content-stream.js';
import { pageOperations, textRuns } from '../../src/print/pdf-text.js';
import { makeAccessible } from '../../src/print/pdf-ua.js';
import { messages } from '../../src/util/messages.js';

describe('contrast', () => {
  it('computes WCAG ratios', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#e87722', '#ffffff')).toBeCloseTo(2.96, 2);
    expect(contrastRatio('#ffffff', '#e87722')).toBeCloseTo(2.96, 2);
  });

  it('picks black or white text that reaches 4.5:1 on any fill', () => {
    for (let v = 0; v < 256; v += 5) {
      for (const fill of [`#${v.toString(16).padStart(2, '0').repeat(3)}`, `#ff${v.toString(16).padStart(2, '0')}00`, `#00${v.toString(16).padStart(2, '0')}ff`]) {
        expect(contrastRatio(textOn(fill), fill), fill).toBeGreaterThanOrEqual(4.5);
      }
    }
    expect(textOn('#1d5c96')).toBe(WHITE_TEXT);
    expect(textOn('#f0f0f0')).toBe(BLACK_TEXT);
  });

  it('darkens a light brand colour to 4.5:1 for text and 3:1 for graphics, and leaves a dark one alone', () => {
    expect(readableOnWhite('#1d5c96')).toBe('#1d5c96');
    expect(contrastRatio(readableOnWhite('#e87722'), '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(darkenUntil('#ffeb3b', '#ffffff', 3), '#ffffff')).toBeGreaterThanOrEqual(3);
  });

  it('gives graphical objects that carry meaning 3:1 on white', () => {
    for (const brand of ['#e87722', '#ffeb3b', '#1d5c96']) {
      const p = paletteFor({ primary: brand, secondary: '#cccccc' });
      for (const colour of [p.region, p.province, p.similar, p.nederland, p.gemeente]) expect(contrastRatio(colour, '#ffffff'), colour).toBeGreaterThanOrEqual(3);
    }
  });

  it('warns about a brand colour too light for text, with what it becomes', () => {
    expect(brandColourWarning('r.yaml', '#1d5c96')).toBeUndefined();
    expect(brandColourWarning('r.yaml', '#e87722')).toBe(messages.brandColourTooLight('r.yaml', 'brand.primary', '#e87722', '2.96', '#a95719', '#d16b1f'));
  });
});

describe('content streams', () => {
  it('splits operations with strings, arrays, dictionaries and names', () => {
    const ops = parseContentStream(Buffer.from('/P <</MCID 3 >>BDC BT /F1 12 Tf [(a\\)b) -20 <0041>] TJ (x y) Tj ET EMC 1 0 0 1 5 5 cm 0 0 10 10 re f'));
    expect(ops.map((o) => o.operator)).toEqual(['BDC', 'BT', 'Tf', 'TJ', 'Tj', 'ET', 'EMC', 'cm', 're', 'f']);
    expect(ops[0].operands).toEqual(['/P', '<</MCID 3 >>']);
    expect(ops[3].operands).toEqual(['[(a\\)b) -20 <0041>]']);
  });

  it('reads numbers exactly as Number() does, and literal strings with their escapes', () => {
    const tokens = ['841.91998', '-.23999999', '.2667', '5.', '+3', '-0', '12345678901234567890.5', '0.1000000000000000055511151231257827'];
    const [cm] = parseContentStream(Buffer.from(`${tokens.join(' ')} cm`));
    tokens.forEach((t, k) => expect(Object.is(cm.number(k), Number(t)), t).toBe(true));
    const runs = textRuns(parseContentStream(Buffer.from('BT 1 0 0 1 10 20 Tm (a\\)b\\101\\\\\\n) Tj [<41 4> -20 (x(y)z)] TJ ET')), new Map());
    // \) \101 \\ \n in a literal; a hex string with spaces and an odd last digit (<41 4> is "A@").
    expect(runs.map((r) => r.text)).toEqual(['a)bA\\\nA@x(y)z']);
    expect([runs[0].x, runs[0].y]).toEqual([10, 20]);
  });

  it('rewrites a stream by inserting between operations, keeping the bytes of each as they were', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage([595, 842]);
    const content = '%comment\n0 0 10 10 re\tf /P <</MCID 0 >>BDC 0 0 1 1 re f EMC';
    page.node.set(PDFName.of('Contents'), doc.context.register(doc.context.stream(content)));
    makeAccessible(doc, { title: 'T', language: 'nl-NL', author: 'a', subject: 's', keywords: [], creator: 'c', producer: 'p', date: new Date(0) });
    const stream = doc.context.lookup(page.node.get(PDFName.of('Contents'))) as PDFRawStream;
    // The comment, the tab and the spaces stay; the square is wrapped in an artifact sequence.
    expect(inflateSync(stream.contents).toString('latin1')).toBe('%comment\n\n/Artifact BMC\n0 0 10 10 re\tf \nEMC\n/P <</MCID 0 >>BDC 0 0 1 1 re f EMC\n');
  });

  it('leaves the stream of a page that needs no change as it was', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage([595, 842]);
    const original = doc.context.register(doc.context.stream('/P <</MCID 0 >>BDC 0 0 1 1 re f EMC'));
    page.node.set(PDFName.of('Contents'), original);
    makeAccessible(doc, { title: 'T', language: 'nl-NL', author: 'a', subject: 's', keywords: [], creator: 'c', producer: 'p', date: new Date(0) });
    expect(page.node.get(PDFName.of('Contents'))).toBe(original);
    expect(doc.context.lookup(original)).toBeDefined();
  });

  it('marks content outside the tag tree as artifacts, running headers as pagination artifacts', async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const page = doc.addPage([595, 842]);
    page.node.setFontDictionary(PDFName.of('F1'), font.ref);
    const content = 'BT /F1 8 Tf 50 820 Td (Kop) Tj ET /P <</MCID 0 >>BDC BT /F1 10 Tf 50 400 Td (Tekst) Tj ET EMC 0 0 10 10 re f 0 0 5 5 re W n';
    const stream = doc.context.register(doc.context.stream(content));
    page.node.set(PDFName.of('Contents'), stream);
    makeAccessible(doc, { title: 'T', language: 'nl-NL', author: 'a', subject: 's', keywords: [], creator: 'c', producer: 'p', date: new Date(0) });
    const ops = pageOperations(doc, page).map((o) => o.source.replace(/\s+/g, ' '));
    expect(ops.slice(0, 2)).toEqual(['/Artifact <</Type /Pagination /Subtype /Header>> BDC', 'BT']);
    // The tagged text stays as it was; the filled square becomes a layout artifact (a path is never split).
    const emcAfterHeader = ops.indexOf('EMC');
    expect(ops[emcAfterHeader + 1]).toBe('/P <</MCID 0 >>BDC');
    expect(ops.slice(-8)).toEqual(['EMC', '/Artifact BMC', '0 0 10 10 re', 'f', '0 0 5 5 re', 'W', 'n', 'EMC']);
    expect(doc.catalog.get(PDFName.of('Metadata'))).toBeDefined();
  });

  it('moves a repeated table header on a later page out of the TH into an artifact, and list item content into an LBody', async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const ctx = doc.context;
    const pages = [doc.addPage([595, 842]), doc.addPage([595, 842])];
    pages.forEach((page, i) => {
      page.node.setFontDictionary(PDFName.of('F1'), font.ref);
      const text = i === 0 ? '/P <</MCID 0 >>BDC BT /F1 10 Tf 50 700 Td (Niveau) Tj ET EMC /P <</MCID 1 >>BDC BT /F1 10 Tf 50 600 Td (Item) Tj ET EMC' : '/P <</MCID 0 >>BDC BT /F1 10 Tf 50 700 Td (Niveau) Tj ET EMC';
      page.node.set(PDFName.of('Contents'), ctx.register(ctx.stream(text)));
      page.node.set(PDFName.of('StructParents'), ctx.obj(i));
    });
    const [p1, p2] = pages.map((p) => p.ref);
    const root = ctx.obj({ Type: 'StructTreeRoot' });
    const rootRef = ctx.register(root);
    const el = (type: string, parent: PDFRef, extra: Record<string, unknown> = {}) => ctx.register(ctx.obj({ Type: 'StructElem', S: type, P: parent, ...extra }));
    const docEl = el('Document', rootRef);
    const table = el('Table', docEl);
    const tr = el('TR', table);
    const th = el('TH', tr);
    const cell = el('NonStruct', th, { Pg: p1, K: [0, { Type: 'MCR', Pg: p2, MCID: 0 }] });
    const list = el('L', docEl);
    const li = el('LI', list);
    const item = el('NonStruct', li, { Pg: p1, K: 1 });
    const set = (ref: PDFRef, kids: unknown[]) => (ctx.lookup(ref) as PDFDict).set(PDFName.of('K'), ctx.obj(kids as never));
    set(th, [cell]);
    set(tr, [th]);
    set(table, [tr]);
    set(li, [item]);
    set(list, [li]);
    set(docEl, [table, list]);
    root.set(PDFName.of('K'), docEl);
    const page2Parents = ctx.obj([cell]);
    root.set(PDFName.of('ParentTree'), ctx.obj({ Nums: [0, [cell, item], 1, page2Parents] }));
    doc.catalog.set(PDFName.of('StructTreeRoot'), rootRef);

    makeAccessible(doc, { title: 'T', language: 'nl-NL', author: 'a', subject: 's', keywords: [], creator: 'c', producer: 'p', date: new Date(0) });

    // The copy on page 2 is a pagination artifact, no longer in the TH nor in the parent tree.
    expect(pageOperations(doc, pages[1]).map((o) => o.source)).toContain('/Artifact <</Type /Pagination>> BDC');
    expect(String((ctx.lookup(cell) as PDFDict).get(PDFName.of('K')))).toBe('[ 0 ]');
    expect(page2Parents.get(0)).toBe(PDFNull);
    // The list item's content sits in an LBody.
    const liKids = (ctx.lookup(li) as PDFDict).lookup(PDFName.of('K'), PDFArray).asArray();
    const body = ctx.lookup(liKids[0]) as PDFDict;
    expect(String(body.get(PDFName.of('S')))).toBe('/LBody');
    expect(String(body.get(PDFName.of('K')))).toBe(`[ ${item.toString()} ]`);
    expect((ctx.lookup(item) as PDFDict).get(PDFName.of('P'))).toBe(liKids[0]);
  });
});
