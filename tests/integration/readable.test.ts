/**
 * A contextkaart a wethouder reads (issue 10), read back from the PDF: the summary page
 * agrees with the kernpunten, kernpunten lead with the finding and its number and come
 * from indicators about opportunity, the Verbanden pages exist where the data allows,
 * and a client's own indicator reads like the catalogue's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readPdf, type PdfReadBack } from '../helpers/pdf.js';
import { runCli } from '../helpers/run-cli.js';
import { dataDir } from '../helpers/data.js';
import { opportunityIndicators, catalogue } from '../../src/data/catalogue.js';

let out: string;
const pdfs: Record<string, PdfReadBack> = {};
const flat = (s: string) => s.replace(/\s+/g, ' ');
beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'contextkaart-read-'));
  const amsterdamDiemen = resolve(import.meta.dirname, '../fixtures/regions/amsterdam-diemen.yaml');
  const r = await runCli(['render', 'GM0202', 'GM1680', amsterdamDiemen, '-o', out, '--data', dataDir]);
  expect(r.code).toBe(0);
  for (const f of ['gm0202', 'gm1680', 'amsterdam-diemen']) pdfs[f] = await readPdf(join(out, `${f}.pdf`));
}, 180_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** The kernpunten page: each item's sentence (up to "Zie …"). */
function kernpunten(pdf: PdfReadBack): string[] {
  const page = flat(pdf.pageText.find((t) => t.includes('Kernpunten') && t.includes('Zie '))!);
  return [...page.matchAll(/\d\. (.+?) Zie [^,]+, pagina \d+\./g)].map((m) => m[1]);
}

describe.each([
  ['gm0202', 'Arnhem'],
  ['gm1680', 'Aa en Hunze'],
  ['amsterdam-diemen', 'Amsterdam-Diemen'],
])('%s', (file, name) => {
  it('opens with a summary page, one tile per chapter, then the kernpunten', () => {
    const pdf = pdfs[file];
    expect(flat(pdf.pageText[1])).toContain('In één oogopslag');
    expect(flat(pdf.pageText[1])).toContain(`Per hoofdstuk één kerncijfer van ${name}`);
    expect(flat(pdf.pageText[2])).toContain('Kernpunten');
  });

  it('has 4 to 6 kernpunten, each one sentence that leads with the finding and its number', () => {
    const items = kernpunten(pdfs[file]);
    expect(items.length).toBeGreaterThanOrEqual(4);
    expect(items.length).toBeLessThanOrEqual(6);
    for (const k of items) {
      expect(k).toMatch(/^(Meer|Minder|Hoger|Hogere|Lager|Lagere|Groter|Grotere|Kleiner|Kleinere) .+ dan in (vergelijkbare gemeenten|Nederland): \S+.* tegen \S+/);
      expect(k.replace(/ca\. /g, '').split('. ').length).toBe(1); // one sentence
    }
  });

  it('takes kernpunten from indicators about opportunity before context', () => {
    const labels = [...opportunityIndicators].map((id) => catalogue.get(id)!.subject!.replace(/^(het|de) (aandeel |aantal )?/, ''));
    const items = kernpunten(pdfs[file]);
    const aboutOpportunity = items.map((k) => labels.some((l) => k.includes(l)));
    // Context only after the opportunity findings, never before one.
    const firstContext = aboutOpportunity.indexOf(false);
    if (firstContext !== -1) expect(aboutOpportunity.slice(firstContext).every((x) => !x)).toBe(true);
    expect(aboutOpportunity.filter(Boolean).length).toBeGreaterThanOrEqual(Math.min(4, items.length) - 1);
  });

  it('agrees between the summary tiles and the kernpunten', () => {
    const summary = flat(pdfs[file].pageText[1]);
    // Every tile line that is a comparison appears word for word as a kernpunt or is about another indicator;
    // where the same indicator is a kernpunt, the words are the same.
    for (const k of kernpunten(pdfs[file])) {
      const lead = k.split(' dan in ')[0];
      if (summary.includes(lead)) expect(summary).toContain(k);
    }
  });

  it('has the Verbanden chapter with the profile of the key figures', () => {
    const text = flat(pdfs[file].text);
    expect(text).toContain('Verbanden');
    expect(text).toContain('Profiel: de kerncijfers naast elkaar');
  });
});

it('links the wijken where there are enough: scatter with a rank correlation and the wijk profile (Arnhem)', () => {
  const text = flat(pdfs.gm0202.text);
  expect(text).toContain('Wijken: laag inkomen en jeugdzorg');
  expect(text).toMatch(/Over de 24 wijken van Arnhem (gaan .+ (sterk|duidelijk|enigszins) samen|hangen .+ nauwelijks samen) \(rangcorrelatie -?\d,\d\d\)/);
  // Careful words: "gaan samen", and only ever "veroorzaakt" in the sentence that denies it.
  expect(text.replace(/Samengaan betekent niet dat het een het ander veroorzaakt\./g, '')).not.toContain('veroorza');
  expect(text).toContain('Wijkprofiel: waar stapelen de achterstanden zich op?');
});

it("prints the client's own indicator once, in correct Dutch, with its own base", () => {
  const text = flat(pdfs['amsterdam-diemen'].text);
  expect(text).toMatch(/In Amsterdam-Diemen is het aantal thuiszitters per 1\.000 leerplichtigen 3,0 \(2023\)/); // (310 + 10) / 105.000
  expect(text).not.toMatch(/is het aantal thuiszitters per 1\.000 leerplichtigen [\d,]+ per 1\.000/);
  expect(text.match(/Thuiszitters per 1\.000 leerplichtigen, 2023/g)).toHaveLength(1);
  expect(text).toContain('Per 1.000 leerplichtigen');
  expect(text).not.toContain('Thuiszitters en verzuim: niet in de gebruikte open data');
});
