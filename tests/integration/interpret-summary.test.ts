/**
 * The front pages of a region of three gemeenten with six wijken where disadvantages stack (Noordoost-Twente):
 * "In één oogopslag" holds the wijken and every tile on one page (the last tiles once ran onto a page of their own),
 * and each kernpunt that points to a chapter finds its figure there in the short edition. Read back from the PDF.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readPdf, type PdfReadBack } from '../helpers/pdf.js';
import { runCli } from '../helpers/run-cli.js';
import { dataDir } from '../helpers/data.js';
import { TIMEOUT_MS } from '../helpers/timeouts.js';

let out: string;
let pdf: PdfReadBack;
const flat = (s: string) => s.replace(/\s+/g, ' ');

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'contextkaart-summary-'));
  writeFileSync(
    join(out, 'regio.yaml'),
    'id: twente-noordoost\nedition: kort\narea:\n  gemeenten: [GM0173, GM0168, GM1774]\n  name: Noordoost-Twente\nsections:\n  - domain: demografie\n  - domain: armoede\n  - domain: jeugdhulp\n  - domain: onderwijs\n  - domain: signalering\n    figures: [afstand-voorzieningen]\n  - domain: wijk\n',
  );
  const r = await runCli(['render', join(out, 'regio.yaml'), '-o', join(out, 'x.pdf'), '--data', dataDir]);
  expect(r.code, r.stderr).toBe(0);
  pdf = await readPdf(join(out, 'x.pdf'));
}, TIMEOUT_MS.integration);
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the front pages of the short edition (Noordoost-Twente)', () => {
  it('"In één oogopslag" is one page: the six wijken, then a tile for each of the five chapters', () => {
    const at = pdf.pageText.findIndex((t) => t.includes('In één oogopslag'));
    const summary = flat(pdf.pageText[at]);
    expect(summary).toMatch(/In 6 van de 31 wijken stapelen de achterstanden zich op/);
    for (const chapter of ['Demografie', 'Inkomen en armoede', 'Jeugdhulp', 'Onderwijs', '(Vroeg)signalering']) expect(summary.toLowerCase()).toContain(chapter.toLowerCase());
    expect(pdf.pageText[at + 1]).toContain('Kernpunten');
  });

  it('each kernpunt that says "Zie <chapter>, pagina N" finds its figure on that page', () => {
    const page = pdf.pageText.find((t) => t.includes('Kernpunten') && t.includes('Zie '))!;
    const wmo = flat(page).match(/Meer Wmo-cliënten per 1\.000 inwoners[^.]*\.[^Z]*Zie Jeugdhulp, pagina (\d+)/);
    expect(wmo).not.toBeNull();
    expect(flat(pdf.pageText[Number(wmo![1]) - 1])).toMatch(/Wmo-cliënten per 1\.000 inwoners, 20\d\d/);
  });
});
