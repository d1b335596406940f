/**
 * An accessible PDF (issue 13), read back: PDF/UA-1 as far as a machine can check it
 * (no validator is packaged for npm or Debian, so tests/helpers/accessibility.ts
 * walks the tag tree and the content streams) and WCAG AA contrast of every text
 * colour drawn. A gemeente in the default colour and a region with a light (orange)
 * brand colour; one render each, shared by all tests.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { dataDir } from '../helpers/data.js';
import { readPdf } from '../helpers/pdf.js';
import { checkAccessibility, wordsNotInHtml, type AccessibilityCheck } from '../helpers/accessibility.js';
import { messages } from '../../src/util/messages.js';

const fixture = resolve(import.meta.dirname, '../fixtures/regions/oranje-regio.yaml');
let out: string;
const checks: Record<string, AccessibilityCheck> = {};
const html: Record<string, string> = {};
const titles: Record<string, unknown> = {};
let renderStderr = '';

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'contextkaart-a11y-'));
  // Arnhem in the full edition (every table, the 30 factors over two pages), the orange region in the short one.
  const full = await runCli(['render', 'GM0202', '--edition', 'volledig', '-o', out, '--html', '--data', dataDir]);
  expect(full.code, full.stderr).toBe(0);
  const r = await runCli(['render', fixture, '--edition', 'kort', '-o', out, '--html', '--data', dataDir]);
  expect(r.code, r.stderr).toBe(0);
  renderStderr = r.stderr;
  for (const f of ['gm0202', 'oranje-regio']) {
    checks[f] = await checkAccessibility(join(out, `${f}.pdf`));
    html[f] = readFileSync(join(out, `${f}.html`), 'utf8');
    titles[f] = (await readPdf(join(out, `${f}.pdf`))).info.Title;
  }
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe.each(['gm0202', 'oranje-regio'])('%s', (file) => {
  it('uses standard structure types only, or role-maps them (Strong, Em)', () => {
    const c = checks[file];
    expect(c.unmappedTypes).toEqual([]);
    expect(c.structureTypes).toContain('Strong');
  });

  it('has no content outside the tag tree that is not an artifact; running headers and footers are pagination artifacts', () => {
    const c = checks[file];
    expect(c.untaggedPerPage.every((n) => n === 0), `untagged operations per page: ${c.untaggedPerPage}`).toBe(true);
    expect(c.paginationArtifactsPerPage[0]).toBe(0); // the cover has no running header
    expect(c.paginationArtifactsPerPage.slice(1).every((n) => n >= 2)).toBe(true);
  });

  it('has XMP metadata with dc:title, dc:language and pdfuaid:part 1, and shows the title', () => {
    const c = checks[file];
    expect(c.xmp.title).toBe(titles[file]);
    expect(c.xmp.language).toBe('nl-NL');
    expect(c.xmp.pdfuaPart).toBe('1');
    expect(c.marked).toBe(true);
    expect(c.displayDocTitle).toBe(true);
  });

  it('gives every list item an LBody', () => {
    expect(checks[file].listItems).toBeGreaterThan(50);
    expect(checks[file].listItemsWithoutBody).toBe(0);
  });

  it('describes every link annotation in /Contents', () => {
    const c = checks[file];
    expect(c.links).toBeGreaterThan(10);
    expect(c.linksWithoutContents).toBe(0);
    expect(c.linkContents).toContainEqual(expect.stringMatching(/^Demografie \d+$/));
    expect(c.linkContents).toContainEqual(expect.stringMatching(/^Inkomen en armoede, pagina \d+$/));
  });

  it('has header cells with a scope in every table, never a repeated header merged into one cell', () => {
    const c = checks[file];
    // The short edition has the wijk profile and the list of wijken on its summary page; the full one every Kerncijfers table.
    expect(c.tables).toBeGreaterThan(file === 'gm0202' ? 5 : 1);
    expect(c.tablesWithoutHeaderCell).toBe(0);
    expect(c.headerCellsWithoutScope).toBe(0);
    expect(c.doubledHeaderCells).toEqual([]);
  });

  it('draws the dotted leaders on the contents page only (the short edition: under the kernpunten)', () => {
    const pagesWithDots = checks[file].tinyFillsPerPage.flatMap((n, i) => (n > 0 ? [i + 1] : []));
    expect(pagesWithDots).toEqual([file === 'gm0202' ? 4 : 3]);
  });

  it('draws every text colour at 4.5:1 on its background (3:1 for large text)', () => {
    const failing = checks[file].textContrasts.filter((t) => t.ratio < (t.large ? 3 : 4.5));
    expect(failing).toEqual([]);
    expect(checks[file].textContrasts.length).toBeGreaterThan(5);
  });

  it('keeps words apart in the tag tree where a line wraps (as a screen reader reads it)', () => {
    const text = checks[file].taggedText.join(' ');
    expect(text.length).toBeGreaterThan(10_000);
    expect(wordsNotInHtml(checks[file].taggedText, html[file])).toEqual([]);
  });
});

describe('a table that breaks over pages (the 30 factors of Arnhem)', () => {
  it('repeats its header row on the next page as a pagination artifact, not in the TH', () => {
    const c = checks.gm0202;
    // Two running-header artifacts on every page; the factor table's page 2 has its header row as well.
    expect(c.paginationArtifactsPerPage.some((n) => n > 2)).toBe(true);
    expect(c.doubledHeaderCells).toEqual([]);
  });
});

describe('a light brand colour', () => {
  it('is darkened for text to 4.5:1, and render says so', () => {
    const colours = new Set(checks['oranje-regio'].textContrasts.map((t) => t.colour));
    expect(colours.has('#a95719')).toBe(true);
    expect(colours.has('#e87722')).toBe(false);
    expect(renderStderr).toContain(messages.brandColourTooLight('tests/fixtures/regions/oranje-regio.yaml', 'brand.primary', '#e87722', '2.96', '#a95719', '#d16b1f'));
  });

  it('makes validate say what it will be darkened to', async () => {
    const r = await runCli(['validate', fixture, '--data', dataDir]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(messages.brandColourTooLight('tests/fixtures/regions/oranje-regio.yaml', 'brand.primary', '#e87722', '2.96', '#a95719', '#d16b1f'));
  });

  it('leaves a dark enough brand colour alone', async () => {
    const r = await runCli(['validate', 'GM0202', '--data', dataDir]);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('too light for text');
  });
});
