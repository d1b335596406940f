/**
 * Issue 19: two editions, where to act up front, nothing stressed that rests on an artefact.
 * Real renders of real gemeenten, read back from the PDF; the wijken where disadvantages
 * stack are recomputed here from the raw CBS files by a second, simple path.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readPdf, type PdfReadBack } from '../helpers/pdf.js';
import { runCli } from '../helpers/run-cli.js';
import { dataDir } from '../helpers/data.js';
import { standardSections, figures } from '../../src/data/figures.js';

let out: string;
beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'contextkaart-editions-'));
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

async function render(args: string[], file: string): Promise<PdfReadBack> {
  const r = await runCli(['render', ...args, '-o', join(out, file), '--data', dataDir]);
  expect(r.stderr).toContain('✓');
  expect(r.code).toBe(0);
  return readPdf(join(out, file));
}

/** Rows of a plain CSV (no quoted separators in these files). */
function csv(path: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(join(dataDir, path), 'utf8').replace(/^\uFEFF/, '').trim().split('\n');
  const cols = head.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v.trim()])));
}
const num = (s: string | undefined) => (s === undefined || s === '' || s === '.' ? null : Number(s));

/**
 * The wijken of a gemeente that fall in the highest of five quantile classes on at least two of
 * low income, bijstand, low education and youth care (KWB 2021 and CBS youth care 2021), among
 * the wijken with at least 1.000 inhabitants in 2024: the rule the verantwoording states.
 */
function rawStackingWijken(gemeente: string): Set<string> {
  const kwb = csv('cbs/kwb_2021_gm_wk_sociaal.csv').filter((r) => r.recs === 'Wijk' && r.gwb_code_10.slice(2, 6) === gemeente.slice(2));
  const jz = new Map(csv('cbs/jeugdzorg_in_natura_gm_wk_2021_2022.csv').filter((r) => r.year === '2021' && r.recs === 'Wijk').map((r) => [r.gwb_code_10, num(r.TotaalJongerenMetJeugdzorgInNatura_1)]));
  const geo = JSON.parse(readFileSync(join(dataDir, 'geo/wijken_2024_pdok.geojson'), 'utf8')) as { features: { properties: Record<string, unknown> }[] };
  const wijken2024 = new Map(geo.features.filter((f) => f.properties.gemeentecode === gemeente && f.properties.aantal_inwoners != null).map((f) => [String(f.properties.wijkcode), f.properties]));
  const round = (v: number | null, d: number) => (v === null || !Number.isFinite(v) ? null : Number(v.toFixed(d)));
  const values = kwb
    .filter((r) => wijken2024.has(r.gwb_code_10))
    .map((r) => {
      const opl = [num(r.a_opl_lg), num(r.a_opl_md), num(r.a_opl_hg)];
      const young = (num(r.a_00_14) ?? NaN) + (num(r.a_15_24) ?? NaN);
      const jeugd = jz.get(r.gwb_code_10) ?? null;
      const bijstand = num(r.a_soz_wb);
      return {
        code: r.gwb_code_10,
        name: String(wijken2024.get(r.gwb_code_10)!.wijknaam),
        inwoners: Number(wijken2024.get(r.gwb_code_10)!.aantal_inwoners),
        v: [
          round(num(r.p_hh_lkk), 1),
          round(bijstand !== null && bijstand >= 5 ? (bijstand / Number(r.a_inw)) * 1000 : null, 0),
          round(opl.every((x) => x !== null) ? (opl[0]! / (opl[0]! + opl[1]! + opl[2]!)) * 100 : null, 0),
          round(jeugd !== null && young > 0 ? (jeugd / young) * 100 : null, 1),
        ],
      };
    });
  const inTop = values.map(() => 0);
  for (let k = 0; k < 4; k++) {
    const known = values.map((w) => w.v[k]).filter((x): x is number => x !== null).sort((a, b) => a - b);
    const n = Math.min(5, new Set(known).size);
    if (n < 3) continue;
    // The lower edge of the highest class: above the value at the (n-1)/n quantile position.
    const edge = known[Math.floor(((n - 1) * known.length) / n) - 1];
    values.forEach((w, i) => {
      if (w.v[k] !== null && w.v[k]! > edge) inTop[i]++;
    });
  }
  return new Set(values.filter((w, i) => inTop[i] >= 2 && w.inwoners >= 1000).map((w) => w.name));
}

/** The kernpunten as numbered items, one string each. */
function kernpunten(pdf: PdfReadBack): string[] {
  const page = pdf.pageText.find((t) => /^Kernpunten$/m.test(t))!;
  const body = page.slice(page.indexOf('Kernpunten'), page.indexOf('Vergelijkbare gemeenten:') > 0 ? page.indexOf('Vergelijkbare gemeenten:') : undefined);
  return body.replace(/\n/g, ' ').split(/(?:^|\s)(?=\d\.\s)/).slice(1);
}

/** Nothing stressed rests on an artefact: no 0% or 100%, school figures say where they are counted, one direction per subject. */
function expectHonestKernpunten(points: string[], region: string): void {
  expect(points.length).toBeGreaterThanOrEqual(2);
  for (const p of points) {
    expect(p).not.toMatch(/(^|[^\d,])(0,0|100,0|0|100)%/);
    if (/leerling|slagingspercentage|achterstandsscore|advies|examen|speciaal/.test(p)) expect(p).toContain(`op scholen in ${region}`);
  }
  const youth = points.filter((p) => /jeugdzorg|jeugdhulp|jeugdbescherming|jeugdreclassering/.test(p) && !/wijken stapelen/.test(p));
  expect(youth.length).toBeLessThanOrEqual(1);
}

describe('Arnhem, the short edition (the default)', () => {
  let pdf: PdfReadBack;
  beforeAll(async () => {
    pdf = await render(['GM0202'], 'arnhem.pdf');
  });

  it('is at most 14 pages, says it is the short edition and how to get the full one', () => {
    expect(pdf.pages).toBeLessThanOrEqual(14);
    expect(pdf.pageText[0]).toMatch(/Editie\s+kort/);
    expect(pdf.text).toContain('Dit is de korte editie');
    expect(pdf.text).toContain('--edition volledig');
  });

  it('keeps every chapter of the standard contextkaart', () => {
    const chapters = pdf.outline.filter((o) => o.depth === 0).map((o) => o.title);
    for (const title of ['Demografie', 'Wijk en stedelijkheid', 'Inkomen en armoede', 'Jeugdhulp', 'Onderwijs', '(Vroeg)signalering', 'Verbanden', 'Verantwoording']) expect(chapters).toContain(title);
  });

  it('names on its first three pages the wijken where disadvantages stack, as recomputed from the raw files', () => {
    const expected = rawStackingWijken('GM0202');
    expect(expected.size).toBeGreaterThanOrEqual(2);
    const front = pdf.pageText.slice(0, 3).join('\n').replace(/\s+/g, ' ');
    const named = [...expected].filter((w) => front.includes(w));
    expect(named.length).toBeGreaterThanOrEqual(2);
    // The summary page lists the wijken with their figures; each listed wijk is one that stacks.
    const summary = pdf.pageText.find((t) => t.includes('In één oogopslag'))!;
    expect(summary).toMatch(/stapelen de achterstanden zich op/);
    expect(summary).toMatch(/laag inkomen \d+,\d%, bijstand \d+ per 1\.000/);
    const listed = summary.split('\n').map((l) => l.trim()).filter((l) => /^\d+ [A-Z]/.test(l)).map((l) => l.replace(/^\d+ /, '').split(' laag inkomen')[0].trim());
    for (const w of listed) expect(expected.has(w), `${w} listed but does not stack`).toBe(true);
    // And a small map of them.
    expect(pdf.figureAlts.some((a) => a?.includes('gekleurd naar het aantal cijfers over kansen'))).toBe(true);
  });

  it('has kernpunten that rest on enough cases, say where school figures are counted, and do not contradict each other', () => {
    const points = kernpunten(pdf);
    expect(points[0]).toMatch(/wijken stapelen de achterstanden zich op/);
    expectHonestKernpunten(points, 'Arnhem');
  });

  it('shows per chapter at most two figures of its own choice, and the wijk page with the map and the wijk profile', () => {
    const titles = pdf.text.match(/^(Waar stapelen de achterstanden zich op\?.*|Wijkprofiel.*)$/gm) ?? [];
    expect(titles.some((t) => t.startsWith('Waar stapelen'))).toBe(true);
    expect(titles.some((t) => t.startsWith('Wijkprofiel'))).toBe(true);
    expect(pdf.text).not.toContain('Kerncijfers onderwijs');
    expect(pdf.text).not.toContain('De 30 factoren');
  });
});

describe('Arnhem, the full edition', () => {
  let pdf: PdfReadBack;
  beforeAll(async () => {
    pdf = await render(['GM0202', '--edition', 'volledig'], 'arnhem-volledig.pdf');
  });

  it('holds every figure, table and page of the standard contextkaart, and the front pages of the short one', () => {
    const text = pdf.text.replace(/\s+/g, ' ');
    for (const s of standardSections) {
      for (const id of s.figures) expect(text, id).toContain(figures.get(id)!.title.split(':')[0]);
      if (s.indicators.length) expect(text).toContain(`Kerncijfers ${s.domain === 'wijk' ? 'wijk en stedelijkheid' : ''}`.trim());
    }
    expect(text).toContain('De 30 factoren');
    expect(text).toContain('Dit is de volledige editie');
    expect(text).toContain('stapelen de achterstanden zich op');
    expect(pdf.pages).toBeGreaterThan(14);
  });
});

describe('small and rural gemeenten', () => {
  it('Schiermonnikoog, one wijk: no wijk maps of one shape, no kernpunt on a handful of cases', async () => {
    const pdf = await render(['GM0088'], 'schiermonnikoog.pdf');
    expect(pdf.pages).toBeLessThanOrEqual(14);
    expect(pdf.text).toContain('Schiermonnikoog is één wijk');
    expect(pdf.figureAlts.filter((a) => a?.startsWith('Kaart van de wijken'))).toEqual([]);
    expectHonestKernpunten(kernpunten(pdf), 'Schiermonnikoog');
    // The youth care of Schiermonnikoog rests on about 30 young people: never stressed.
    expect(kernpunten(pdf).join(' ')).not.toMatch(/jeugdzorg/);
    const full = await render(['GM0088', '--edition', 'volledig'], 'schiermonnikoog-volledig.pdf');
    expect(full.figureAlts.filter((a) => a?.startsWith('Kaart van de wijken'))).toEqual([]);
    expect(full.text).toContain('Geen wijkkaarten en wijkfiguren: Schiermonnikoog is één wijk');
  });

  it('Aa en Hunze: honest kernpunten', async () => {
    const pdf = await render(['GM1680'], 'aa-en-hunze.pdf');
    expect(pdf.pages).toBeLessThanOrEqual(14);
    expectHonestKernpunten(kernpunten(pdf), 'Aa en Hunze');
  });
});

describe("the consultant's own words and choice of edition", () => {
  it('prints the introduction after the cover, the cover line, and the title in the running header; --edition overrides the config', async () => {
    const dir = mkdtempSync(join(out, 'cfg-'));
    writeFileSync(join(dir, 'inleiding.md'), 'Deze tekst komt uit een **bestand** (FIXTURE).\n');
    writeFileSync(
      join(dir, 'fixture-arnhem.yaml'),
      [
        'id: fixture-arnhem',
        'title: Kansenkaart Arnhem-Zuid',
        'coverLine: Voor het overleg van 12 januari met de schoolbesturen (FIXTURE).',
        'edition: volledig',
        'intro: |',
        '  Waarom deze contextkaart: een eigen inleiding (FIXTURE).',
        'introFile: inleiding.md',
        'area:',
        '  gemeente: Arnhem',
        'sections:',
        '  - domain: armoede',
        '  - domain: onderwijs',
        '',
      ].join('\n'),
    );
    const full = await render([join(dir, 'fixture-arnhem.yaml')], 'own-full.pdf');
    const page = (i: number) => full.pageText[i].replace(/\s+/g, ' ');
    expect(page(0)).toContain('Voor het overleg van 12 januari met de schoolbesturen (FIXTURE).');
    expect(page(0)).toMatch(/^Kansenkaart Arnhem-Zuid Arnhem/);
    expect(page(1)).toContain('Inleiding');
    expect(page(1)).toContain('Waarom deze contextkaart: een eigen inleiding (FIXTURE).');
    expect(page(1)).toContain('Deze tekst komt uit een bestand (FIXTURE).');
    // The running header carries the config's title on every page but the cover.
    for (const t of full.pageText.slice(1)) expect(t).toContain('Kansenkaart Arnhem-Zuid');
    expect(full.text).not.toContain('Contextkaart kansengelijkheid');
    expect(full.text).toContain('Dit is de volledige editie');
    // "Zo leest u" names only the chapters this report has.
    const guide = full.text.replace(/\s+/g, ' ');
    expect(guide).toContain('naast elkaar: armoede en onderwijs.');
    const short = await render([join(dir, 'fixture-arnhem.yaml'), '--edition', 'kort'], 'own-short.pdf');
    expect(short.text).toContain('Dit is de korte editie');
    expect(short.pages).toBeLessThan(full.pages);
  });
});
