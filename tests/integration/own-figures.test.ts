/**
 * A client's own figure, honestly (issue 19, item 8), read back from rendered PDFs of FIXTURE
 * configs: three gemeenten whose client CSV has a "<5" cell for one of them, and that gemeente on
 * its own. Expected numbers come from the FIXTURE CSV, read here independently of the loader.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { formatNumber } from '../../src/format.js';
import { runCli } from '../helpers/run-cli.js';
import { dataDir } from '../helpers/data.js';

const dir = resolve(import.meta.dirname, '../fixtures/own-figures');
let out: string;
const text: Record<string, string> = {};
const flat = (s: string) => s.replace(/\s+/g, ' ');

const [header, ...lines] = readFileSync(join(dir, 'data/fixture-eigen-cijfers.csv'), 'utf8').trim().split('\n');
const raw = lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [header.split(',')[i], v])));
const cell = (code: string, indicator: string, year: number) => raw.find((r) => r.code === code && r.indicator === indicator && r.year === String(year))!;

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'contextkaart-own-figures-'));
  const r = await runCli(['render', join(dir, 'fixture-arnhem-oost.yaml'), join(dir, 'fixture-rozendaal.yaml'), '-o', out, '--data', dataDir]);
  expect(r.code, r.stderr).toBe(0);
  for (const id of ['fixture-arnhem-oost', 'fixture-rozendaal']) text[id] = execFileSync('pdftotext', ['-layout', join(out, `${id}.pdf`), '-'], { encoding: 'utf8' });
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** The lines of one figure: from its title to its source line. */
function figureBlock(pdf: string, title: string): string {
  const start = pdf.indexOf(title);
  expect(start, `figure "${title}"`).toBeGreaterThanOrEqual(0);
  return pdf.slice(start, pdf.indexOf('Bron:', start));
}

describe('three gemeenten, one with a "<5" cell', () => {
  it('says the group value of that year is not computed, and why, and prints none', () => {
    const pdf = text['fixture-arnhem-oost'];
    expect(flat(pdf)).toContain('FIXTURE Arnhem-Oost, 2023: niet berekend: de waarde van Rozendaal is afgeschermd.');
    expect(flat(pdf)).toContain('FIXTURE Arnhem-Oost: niet berekend: de waarde van Rozendaal is afgeschermd.');
    expect(pdf).not.toMatch(/niet in de bron/);
    const bars = figureBlock(pdf, 'FIXTURE peuters met vve, 2023');
    expect(bars).toMatch(/FIXTURE Arnhem-Oost +niet berekend/);
    // No value over the members that have one, nor with Rozendaal as 0 (both would read as the area's figure).
    const withValues = ['GM0202', 'GM0275'].map((c) => cell(c, 'fixture_vve_bereik', 2023));
    const num = withValues.reduce((a, r) => a + Number(r.numerator), 0);
    const den = withValues.reduce((a, r) => a + Number(r.denominator), 0);
    expect(bars).not.toContain(`${formatNumber((num / den) * 100, 1)}%`);
    const counts = figureBlock(pdf, 'FIXTURE meldingen, 2023');
    const sum = ['GM0202', 'GM0275'].reduce((a, c) => a + Number(cell(c, 'fixture_meldingen', 2023).value), 0);
    expect(counts).not.toMatch(new RegExp(`\\b${sum}\\b`));
    expect(counts).toMatch(/FIXTURE Arnhem-Oost +niet berekend/);
  });

  it('shows the members with values beside the region, under their names', () => {
    const pdf = text['fixture-arnhem-oost'];
    const bars = figureBlock(pdf, 'FIXTURE peuters met vve, 2023');
    for (const [code, name] of [['GM0202', 'Arnhem'], ['GM0275', 'Rheden']]) {
      expect(bars).toMatch(new RegExp(`${name} +${formatNumber(Number(cell(code, 'fixture_vve_bereik', 2023).value), 1)}%`));
    }
    expect(bars).toMatch(/Rozendaal +afgeschermd/);
    expect(flat(bars)).toContain('Rozendaal: afgeschermd: minder dan 5.');
    const counts = figureBlock(pdf, 'FIXTURE meldingen, 2023');
    expect(counts).toMatch(new RegExp(`Arnhem +${cell('GM0202', 'fixture_meldingen', 2023).value}\\b`));
    expect(counts).toMatch(/Rozendaal +afgeschermd/);
    // Under the trend, the members' values of the year the area has none.
    const v = (c: string) => `${formatNumber(Number(cell(c, 'fixture_vve_bereik', 2023).value), 1)}%`;
    expect(flat(pdf)).toContain(`Per gemeente in 2023: Arnhem ${v('GM0202')}, Rheden ${v('GM0275')}, Rozendaal afgeschermd.`);
  });

  it('computes the ratio where the "<5" row gives exact counts, and says so', () => {
    const pdf = text['fixture-arnhem-oost'];
    const rows = ['GM0202', 'GM0275', 'GM0277'].map((c) => cell(c, 'fixture_thuiszitters_per_1000', 2023));
    const rate = (rows.reduce((a, r) => a + Number(r.numerator), 0) / rows.reduce((a, r) => a + Number(r.denominator), 0)) * 1000;
    const block = figureBlock(pdf, 'FIXTURE thuiszitters per 1.000 leerplichtigen, 2023');
    expect(block).toMatch(new RegExp(`FIXTURE Arnhem-Oost +${formatNumber(rate, 1)} per 1\\.000`));
    expect(flat(block)).toContain('FIXTURE Arnhem-Oost: berekend uit de aantallen van alle 3 gemeenten; het eigen cijfer van Rozendaal is afgeschermd.');
  });

  it('draws a one-year trend as bars of that year, saying there is no development', () => {
    const pdf = text['fixture-arnhem-oost'];
    for (const title of ['FIXTURE thuiszitters per 1.000 leerplichtigen, 2023', 'FIXTURE meldingen, 2023']) {
      expect(flat(figureBlock(pdf, title))).toContain('Eén jaar (2023): geen ontwikkeling te tonen.');
    }
  });

  it('names the "<5" cells in the colophon, as the client wrote them', () => {
    const pdf = flat(text['fixture-arnhem-oost']);
    expect(pdf).toContain(
      'Bij ‘FIXTURE peuters met vve’ (data/fixture-eigen-cijfers.csv) is de waarde van Rozendaal (2023) afgeschermd: minder dan 5, zoals aangeleverd (‘<5’). Voor een gebied van meerdere gemeenten of wijken waar het bij hoort, is het cijfer van dat jaar daarom niet berekend.',
    );
  });
});

describe('the gemeente of the "<5" cell on its own', () => {
  it('says its value is withheld, as the cell says, for that year', () => {
    const pdf = text['fixture-rozendaal'];
    expect(flat(pdf)).toContain('Rozendaal, 2023: afgeschermd: minder dan 5.');
    const bars = figureBlock(pdf, 'FIXTURE peuters met vve, 2023');
    expect(bars).toMatch(/Rozendaal +afgeschermd/);
    expect(flat(bars)).toContain('Rozendaal: afgeschermd: minder dan 5.');
    expect(pdf).not.toMatch(/geen gegevens voor 2023/);
  });
});
