/**
 * Two real gemeenten that differ strongly (Rotterdam, Aa en Hunze): the computed
 * sentences in the PDF are checked against the source figures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readPdf, type PdfReadBack } from '../helpers/pdf.js';
import { runCli } from '../helpers/run-cli.js';
import { dataDir } from '../helpers/data.js';

let out: string;
const pdfs: Record<string, PdfReadBack> = {};
const flat = (s: string) => s.replace(/\s+/g, ' ');

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'contextkaart-interpret-'));
  const r = await runCli(['render', 'GM0599', 'GM1680', '--edition', 'volledig', '-o', out, '--data', dataDir, '-q']);
  expect(r.code).toBe(0);
  for (const c of ['gm0599', 'gm1680']) pdfs[c] = await readPdf(join(out, `${c}.pdf`));
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

const kwb2022 = (() => {
  const [header, ...lines] = readFileSync(join(dataDir, 'cbs/kwb_2022_gemeenten_pdok_indicatoren.csv'), 'utf8').trim().split('\n');
  const cols = header.split(',');
  const rows = lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])));
  return (code: string, field: string) => Number(rows.find((r) => r.gemeentecode === code)![field]);
})();
const allValues = (field: string) => {
  const [header, ...lines] = readFileSync(join(dataDir, 'cbs/kwb_2022_gemeenten_pdok_indicatoren.csv'), 'utf8').trim().split('\n');
  const i = header.split(',').indexOf(field);
  return lines.map((l) => l.split(',')).filter((c) => c[0] !== 'GM0998' && c[i] !== '').map((c) => Number(c[i]));
};

describe.each([
  ['gm0599', 'GM0599', 'Rotterdam'],
  ['gm1680', 'GM1680', 'Aa en Hunze'],
])('%s', (file, code, name) => {
  it('states the value of the source and its place among all gemeenten', () => {
    const text = flat(pdfs[file].text);
    const v = kwb2022(code, 'pct_hh_laag_inkomen');
    expect(text).toContain(`In ${name} is het aandeel huishoudens in de laagste 40% inkomens van Nederland ${v}% (2022).`);
    const values = allValues('pct_hh_laag_inkomen');
    const higher = values.filter((x) => x > v).length;
    const lower = values.filter((x) => x < v).length;
    const top = `${name} hoort bij de 10% gemeenten met het hoogste aandeel huishoudens in de laagste 40% inkomens van Nederland.`;
    const bottom = `${name} hoort bij de 10% gemeenten met het laagste aandeel huishoudens in de laagste 40% inkomens van Nederland.`;
    expect(text.includes(top)).toBe(higher < values.length * 0.1);
    expect(text.includes(bottom)).toBe(lower < values.length * 0.1);
  });

  it('says higher or lower consistently with the numbers it gives', () => {
    const text = flat(pdfs[file].text);
    const re = new RegExp(`In ${name} is het aandeel jongeren met jeugdzorg in natura (\\d+,\\d)% \\(2022\\)\\. Dat is ([^.]*?)(?:;[^.]*)?\\.`);
    const m = re.exec(text)!;
    expect(m).not.toBeNull();
    expect(m[1]).toBe(kwb2022(code, 'pct_jeugdzorg').toFixed(1).replace('.', ','));
    const own = Number(m[1].replace(',', '.'));
    for (const part of m[2].matchAll(/(?:(\d+,\d) procentpunt (hoger|lager)|ongeveer even hoog als|en) in (?:de vergelijkbare gemeenten|Nederland) \((\d+,\d)%\)/g)) {
      const ref = Number(part[3].replace(',', '.'));
      if (part[2] === 'hoger') expect(own).toBeGreaterThan(ref);
      if (part[2] === 'lager') expect(own).toBeLessThan(ref);
      if (part[1]) expect(Number(part[1].replace(',', '.'))).toBeCloseTo(Math.abs(own - ref), 0);
    }
  });

  it('opens with 3 to 6 kernpunten that point to the right pages', () => {
    const pdf = pdfs[file];
    const page = pdf.pageText.findIndex((t) => t.includes('Kernpunten\n'));
    expect(page).toBe(2); // after the cover and the summary page
    const refs = [...flat(pdf.pageText[page]).matchAll(/Zie ([^,]+), pagina (\d+)\./g)];
    expect(refs.length).toBeGreaterThanOrEqual(3);
    expect(refs.length).toBeLessThanOrEqual(6);
    for (const [, title, p] of refs) expect(pdf.pageText[Number(p) - 1]).toContain(title);
  });

  it('shows which of the 30 factors the data speaks to', () => {
    const text = flat(pdfs[file].text);
    expect(text).toContain('De 30 factoren');
    expect(text).toMatch(/financiële middelen Huishoudens met een laag inkomen/);
    expect(text).toMatch(/motivatie niet in deze contextkaart/);
  });
});

it('the two differ where the data differ: Rotterdam above Nederland on low incomes, Aa en Hunze below', () => {
  const sentence = (file: string, name: string) =>
    new RegExp(`In ${name} is het aandeel huishoudens in de laagste 40% inkomens van Nederland \\d+% \\(2022\\)\\. Dat is [^.]*?(hoger|lager) dan in Nederland`).exec(flat(pdfs[file].text))?.[1];
  expect(kwb2022('GM0599', 'pct_hh_laag_inkomen')).toBeGreaterThan(40);
  expect(kwb2022('GM1680', 'pct_hh_laag_inkomen')).toBeLessThan(40);
  expect(sentence('gm0599', 'Rotterdam')).toBe('hoger');
  expect(sentence('gm1680', 'Aa en Hunze')).toBe('lager');
});
