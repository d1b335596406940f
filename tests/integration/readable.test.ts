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
  // The full edition has the Verbanden chapter whole: the scatters.
  const full = await runCli(['render', 'GM0202', '--edition', 'volledig', '-o', join(out, 'arnhem-volledig.pdf'), '--data', dataDir]);
  expect(full.code).toBe(0);
  pdfs['gm0202-volledig'] = await readPdf(join(out, 'arnhem-volledig.pdf'));
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** The kernpunten page: each item's sentence (up to "Zie …"). */
function kernpunten(pdf: PdfReadBack): string[] {
  const page = flat(pdf.pageText.find((t) => t.includes('Kernpunten') && t.includes('Zie '))!);
  return [...page.matchAll(/\d\. (.+?) Zie [^,]+, pagina \d+\./g)].map((m) => m[1]);
}

/** The kernpunt about the wijken where disadvantages stack (first, when there is one). */
const isWijkPoint = (k: string) => /^In \d+ van de \d+ wijken/.test(k);

describe.each([
  ['gm0202', 'Arnhem'],
  ['gm1680', 'Aa en Hunze'],
  ['amsterdam-diemen', 'Amsterdam-Diemen'],
])('%s', (file, name) => {
  it('opens with a summary page, one tile per chapter, then the kernpunten', () => {
    const pdf = pdfs[file];
    expect(flat(pdf.pageText[1])).toContain('In één oogopslag');
    expect(flat(pdf.pageText[1])).toContain(`Waar in ${name}: de wijken`);
    expect(flat(pdf.pageText[1])).toContain(`Per hoofdstuk het cijfer dat voor de kansen van kinderen in ${name} het meest zegt`);
    expect(flat(pdf.pageText[2])).toContain('Kernpunten');
  });

  it('has 4 to 6 kernpunten, the wijken first, each other one sentence that leads with the finding and its number', () => {
    const all = kernpunten(pdfs[file]);
    expect(all.length).toBeGreaterThanOrEqual(4);
    expect(all.length).toBeLessThanOrEqual(6);
    expect(all.slice(1).some(isWijkPoint)).toBe(false);
    const items = all.filter((k) => !isWijkPoint(k));
    for (const k of items) {
      expect(k).toMatch(/^(Meer|Minder|Hoger|Hogere|Lager|Lagere|Groter|Grotere|Kleiner|Kleinere) .+ dan in (vergelijkbare gemeenten|Nederland): \S+.* tegen \S+/);
      expect(k.replace(/ca\. /g, '').split('. ').length).toBe(1); // one sentence
    }
  });

  it('takes kernpunten from indicators about opportunity before context', () => {
    const labels = [...opportunityIndicators].map((id) => catalogue.get(id)!.subject!.replace(/^(het|de) (aandeel |aantal )?/, ''));
    const items = kernpunten(pdfs[file]).filter((k) => !isWijkPoint(k));
    const aboutOpportunity = items.map((k) => labels.some((l) => k.includes(l)));
    // Context only after the opportunity findings, never before one.
    const firstContext = aboutOpportunity.indexOf(false);
    if (firstContext !== -1) expect(aboutOpportunity.slice(firstContext).every((x) => !x)).toBe(true);
    // Opportunity figures of a small gemeente often rest on too few cases to be stressed: context may fill up, never lead.
    expect(aboutOpportunity[0]).toBe(true);
  });

  it('agrees between the summary page and the kernpunten on where disadvantages stack', () => {
    const summary = flat(pdfs[file].pageText[1]);
    const wijk = kernpunten(pdfs[file]).find(isWijkPoint);
    if (wijk) expect(summary).toContain(wijk.split(' (wijkcijfers')[0]);
    else expect(summary).toMatch(/valt op meer dan één|te weinig wijken|is één wijk|wijken: waar achterstanden/i);
  });

  it('has the Verbanden chapter with the profile of the key figures', () => {
    const text = flat(pdfs[file].text);
    expect(text).toContain('Verbanden');
    expect(text).toContain('Profiel: de kerncijfers naast elkaar');
  });
});

it('links the wijken where there are enough: scatter with a rank correlation and the wijk profile (Arnhem, full edition)', () => {
  const text = flat(pdfs['gm0202-volledig'].text);
  expect(text).toContain('Wijken: laag inkomen en jeugdzorg');
  expect(text).toMatch(/Over de (\d+ van de )?24 wijken van Arnhem( met beide cijfers)? (gaan .+ (sterk|duidelijk|enigszins) samen \(rangcorrelatie 0,\d\d\)|lopen .+ (sterk|duidelijk|enigszins) tegengesteld \(rangcorrelatie -0,\d\d\)|hangen .+ nauwelijks samen \(rangcorrelatie -?\d,\d\d\))/);
  // Careful words, and only ever "veroorzaakt" in the sentence that denies it.
  expect(text.replace(/(Samengaan betekent|Dat betekent) niet dat het een het ander veroorzaakt\./g, '')).not.toContain('veroorza');
  expect(text).toContain('Wijkprofiel: de cijfers over kansen per wijk');
  // The short edition has the wijken on its wijk page.
  expect(flat(pdfs.gm0202.text)).toContain('Waar stapelen de achterstanden zich op?');
});

it("prints the client's own indicator once, in correct Dutch, with its own base", () => {
  const text = flat(pdfs['amsterdam-diemen'].text);
  expect(text).toMatch(/In Amsterdam-Diemen is het aantal thuiszitters per 1\.000 leerplichtigen 3,0 \(2023\)/); // (310 + 10) / 105.000
  expect(text).not.toMatch(/is het aantal thuiszitters per 1\.000 leerplichtigen [\d,]+ per 1\.000/);
  expect(text.match(/Thuiszitters per 1\.000 leerplichtigen, 2023/g)).toHaveLength(1);
  expect(text).toContain('Per 1.000 leerplichtigen');
  expect(text).not.toContain('Thuiszitters en verzuim: niet in de gebruikte open data');
});
