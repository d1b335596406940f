/**
 * End to end with the real browser and the real data: render, read the PDF back,
 * and check pages, names, bookmarks, metadata and figures against the sources.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { readPdf, type PdfReadBack } from '../helpers/pdf.js';
import { runCli } from '../helpers/run-cli.js';
import { dataDir } from '../helpers/data.js';
import { messages } from '../../src/util/messages.js';

let out: string;
beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'contextkaart-it-'));
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

const kwb2022 = (code: string, field: string): number => {
  const [header, ...lines] = readFileSync(join(dataDir, 'cbs/kwb_2022_gemeenten_pdok_indicatoren.csv'), 'utf8').trim().split('\n');
  const row = lines.find((l) => l.startsWith(`${code},`))!.split(',');
  return Number(row[header.split(',').indexOf(field)]);
};
const dutch = (v: number, decimals: number) => v.toFixed(decimals).replace('.', ',');

describe('render one gemeente by code', () => {
  let pdf: PdfReadBack;
  let html: string;
  // Temp files beside the PDF: one of a render killed earlier (its process is gone), one of a running process.
  const staleTemp = '.den-bosch.pdf.999999999.0badf00d.tmp';
  const liveTemp = `.den-bosch.pdf.${process.pid}.0badf00d.tmp`;
  beforeAll(async () => {
    writeFileSync(join(out, staleTemp), '%PDF-half');
    writeFileSync(join(out, liveTemp), '%PDF-busy');
    // The full edition: the contents page, every chapter's figures and tables.
    const r = await runCli(['render', 'GM0796', '--edition', 'volledig', '-o', join(out, 'den-bosch.pdf'), '--html', '--data', dataDir]);
    expect(r.stderr).toContain("✓ 's-Hertogenbosch");
    expect(r.code).toBe(0);
    pdf = await readPdf(join(out, 'den-bosch.pdf'));
    html = readFileSync(join(out, 'den-bosch.html'), 'utf8');
  });

  it('removes the temp file a killed render left, and keeps that of a process still running', () => {
    expect(existsSync(join(out, staleTemp))).toBe(false);
    expect(existsSync(join(out, liveTemp))).toBe(true);
    rmSync(join(out, liveTemp));
  });

  it('is a PDF of at least 8 A4 pages with the region name on the cover and in the running header', () => {
    expect(readFileSync(join(out, 'den-bosch.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.pages).toBeGreaterThanOrEqual(8);
    expect(pdf.pageText[0]).toContain("'s-Hertogenbosch");
    expect(pdf.pageText[0]).toContain('Contextkaart kansengelijkheid');
    expect(pdf.pageText[0]).not.toContain('pagina 1 van');
    expect(pdf.pageText[2]).toContain(`pagina 3 van ${pdf.pages}`);
    expect(pdf.pageText[2]).toMatch(/^'s-Hertogenbosch/);
  });

  it('has title, author, subject and language set, and is tagged', () => {
    expect(pdf.info.Title).toBe("Contextkaart kansengelijkheid – 's-Hertogenbosch");
    expect(pdf.info.Author).toBe('contextkaart');
    expect(String(pdf.info.Subject)).toContain("'s-Hertogenbosch");
    expect(pdf.info.Language).toBe('nl-NL');
    expect(pdf.markInfo?.Marked).toBe(true);
  });

  it('has bookmarks from the headings, without doubled titles', () => {
    const top = pdf.outline.map((o) => o.title);
    for (const t of ['Inhoud', 'Demografie', 'Wijk en stedelijkheid', 'Inkomen en armoede', 'Jeugdhulp', 'Onderwijs', '(Vroeg)signalering', 'Verantwoording']) expect(top).toContain(t);
    expect(top).not.toContain('DemografieDemografie');
    expect(pdf.outline.some((o) => o.depth > 0)).toBe(true);
  });

  it('lists the sections with the pages they start on', () => {
    const contents = pdf.pageText.find((t) => t.includes('Inhoud\n'))!;
    expect(pdf.pageText.indexOf(contents)).toBe(3); // cover, summary, kernpunten, contents
    for (const [title, page] of [
      ['Demografie', pdf.pageText.findIndex((t, i) => i > 1 && t.includes('Demografie\n') && t.includes('Aantal inwoners')) + 1],
      ['Verantwoording', pdf.pageText.findIndex((t) => t.includes('Verantwoording\nDit is de volledige editie')) + 1],
    ] as const) {
      expect(page).toBeGreaterThan(2);
      expect(contents).toMatch(new RegExp(`${title.replace(/[()]/g, '\\$&')}\\s*${page}\\b`));
    }
  });

  it('prints figures equal to the source values, in Dutch format', () => {
    const kwb24 = JSON.parse(readFileSync(join(dataDir, 'cbs/kwb_2024_85984NED_gm_wk_basis.json'), 'utf8'));
    expect(pdf.text).toContain(kwb24.GM0796.AantalInwoners_5.toLocaleString('nl-NL').replace(/\s/g, '.')); // 160.757
    expect(pdf.text).toContain(`${dutch(kwb2022('GM0796', 'pct_jeugdzorg'), 1)}%`); // 10,0%
    expect(pdf.text).toContain(`${kwb2022('GM0796', 'pct_hh_laag_inkomen')}%`);
    expect(pdf.text).toContain(`${dutch(kwb2022('GM0796', 'afstand_basisonderwijs'), 1)} km`);
  });

  it('has at least 6 charts and a wijk map, each with a text alternative and a source line', () => {
    const charts = html.match(/<div class="chart"><svg role="img" aria-label="[^"]+"/g) ?? [];
    expect(charts.length).toBeGreaterThanOrEqual(6);
    expect(html).toMatch(/<div class="figure figure-wijk-map"/);
    expect(html).toContain('aria-label="Kaart van de wijken van \'s-Hertogenbosch, gekleurd naar 0 tot 15 jaar.');
    // In the tagged PDF every figure carries its text alternative.
    expect(pdf.figureAlts.length).toBeGreaterThanOrEqual(charts.length);
    expect(pdf.figureAlts.filter((a) => a === null)).toEqual([]);
    const [kwb21Header, ...kwb21Lines] = readFileSync(join(dataDir, 'cbs/kwb_2021_gm_wk_sociaal.csv'), 'utf8').trim().split('\n');
    const inw2021 = Number(kwb21Lines.find((l) => l.startsWith('GM0796,'))!.split(',')[kwb21Header.split(',').indexOf('a_inw')]);
    expect(pdf.figureAlts).toContain(`Staafdiagram: Aantal inwoners per jaar. 's-Hertogenbosch: 2021 ${inw2021.toLocaleString('nl-NL').replace(/\s/g, '.')}, 2022 156.538, 2023 158.753, 2024 160.757.`);
    const sources = pdf.text.match(/Bron: /g) ?? [];
    expect(sources.length).toBeGreaterThanOrEqual(charts.length);
    expect(pdf.text).toContain('Binnenstad');
    expect(pdf.text).toContain('De Groote Wielen');
  });

  it('credits the publishers in the colophon', () => {
    const colophon = pdf.text.slice(pdf.text.lastIndexOf('Verantwoording'));
    expect(colophon).toContain('CC BY 4.0');
    expect(colophon).toMatch(/CBS, Kerncijfers wijken en buurten 2022/);
    expect(colophon).toMatch(/DUO, Examenkandidaten en geslaagden vo/);
    expect(colophon).toMatch(/contextkaart 0\.\d+\.\d+/);
  });

  it('writes self-contained HTML with the charts inline as SVG', () => {
    expect(html).toMatch(/<svg[^>]+class="marks"/);
    expect(html).not.toMatch(/(src|href)="(https?|file):/);
  });
});

describe('render by name and the example region', () => {
  it('renders a gemeente by name to out/<id>.pdf relative to the working directory', async () => {
    const cwd = process.cwd();
    process.chdir(out);
    try {
      const r = await runCli(['render', "'s-Hertogenbosch", '--data', dataDir, '-q']);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      expect(existsSync(join(out, 'out', 'gm0796.pdf'))).toBe(true);
    } finally {
      process.chdir(cwd);
    }
  });

  it('renders the example region of three gemeenten with branding, texts and aggregated figures', async () => {
    const r = await runCli(['render', 'regions/voorbeeld-regio.yaml', '--edition', 'volledig', '-o', join(out, 'regio.pdf'), '--data', dataDir]);
    expect(r.code).toBe(0);
    const pdf = await readPdf(join(out, 'regio.pdf'));
    expect(pdf.pages).toBeGreaterThanOrEqual(8);
    expect(pdf.pageText[0]).toContain('Zeeuws-Vlaanderen');
    expect(pdf.pageText[0]).toContain('Samen Kansrijk Zeeuws-Vlaanderen');
    expect(pdf.info.Author).toBe('Samen Kansrijk Zeeuws-Vlaanderen (voorbeeldopdrachtgever)');
    expect(pdf.text).toContain('Kernpunten');
    expect(pdf.text).toContain('Inkomen is een van de sterkste voorspellers van onderwijskansen');
    // Inhabitants 2024 of the region: the sum of the three gemeenten, in Dutch format.
    const kwb24 = JSON.parse(readFileSync(join(dataDir, 'cbs/kwb_2024_85984NED_gm_wk_basis.json'), 'utf8'));
    const sum = ['GM0677', 'GM1714', 'GM0715'].reduce((s, c) => s + kwb24[c].AantalInwoners_5, 0);
    expect(pdf.text).toContain(sum.toLocaleString('nl-NL').replace(/\s/g, '.'));
    // Youth care: weighted by the number of young people, not the plain mean of the three percentages.
    const codes = ['GM0677', 'GM1714', 'GM0715'];
    const youth = codes.map((c) => (kwb2022(c, 'aantal_inwoners') * (kwb2022(c, '0_15') + kwb2022(c, '15_25'))) / 100);
    const jz = codes.map((c) => kwb2022(c, 'pct_jeugdzorg'));
    const weighted = jz.reduce((s, v, i) => s + v * youth[i], 0) / youth.reduce((a, b) => a + b, 0);
    const mean = jz.reduce((a, b) => a + b, 0) / jz.length;
    expect(dutch(weighted, 1)).not.toBe(dutch(mean, 1));
    expect(pdf.text).toMatch(new RegExp(`Jongeren met jeugdzorg in natura\\s*${dutch(weighted, 1)}%`));
  });

  it('renders a gemeente with its wijken and the client\'s own figures', async () => {
    const r = await runCli(['render', 'regions/utrecht-wijken.yaml', '--edition', 'volledig', '-o', join(out, 'utrecht.pdf'), '--data', dataDir]);
    expect(r.code).toBe(0);
    const pdf = await readPdf(join(out, 'utrecht.pdf'));
    expect(pdf.text).toContain('WW-uitkeringen per 1.000 inwoners');
    expect(pdf.text).toContain('Wijk 06 Binnenstad');
    expect(pdf.text).toContain('10,2 per 1.000'); // regions/data/utrecht-ww-2023.csv, WK034406
    expect(pdf.text).toContain('CBS, Kerncijfers wijken en buurten 2023 (gemeente Utrecht), bewerking opdrachtgever');
  });
});

describe('errors', () => {
  it('a bad config exits 3 with its message and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'contextkaart-bad-'));
    const cfg = join(dir, 'kapot.yaml');
    (await import('node:fs')).writeFileSync(cfg, 'id: kapot\narea:\n  gemeente: GM0796\nsections:\n  - domain: onderwijs\n    figures: [taart]\n');
    const target = join(dir, 'out');
    const r = await runCli(['render', cfg, '-o', join(target, 'kapot.pdf'), '--data', dataDir]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('kapot.yaml:6: sections[0].figures[0]: unknown figure "taart"');
    expect(existsSync(target)).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });

  it('an unknown gemeente typed on the command line exits 2 (a bad command line) and suggests names', async () => {
    const r = await runCli(['render', 'Amsterdm', '--data', dataDir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown gemeente "Amsterdm"');
    expect(r.stderr).toContain('Amsterdam (GM0363)');
  });

  it('a missing browser exits 4 and says how to install one', async () => {
    const r = await runCli(['render', 'GM0796', '--browser', '/nonexistent/chrome', '-o', join(out, 'x.pdf'), '--data', dataDir]);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(messages.browserNotFound(['/nonexistent/chrome']));
    expect(existsSync(join(out, 'x.pdf'))).toBe(false);
  });

  it('a wrong data directory exits 3 and names the flag', async () => {
    const r = await runCli(['validate', 'GM0796', '--data', join(out, 'geen-data')]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('--data');
  });

  it('bad usage exits 2', async () => {
    const r = await runCli(['render']);
    expect(r.code).toBe(2);
    const r2 = await runCli(['rendr', 'GM0796']);
    expect(r2.code).toBe(2);
  });

  it('leaves no temp files behind in the output folder', () => {
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('the installed command', () => {
  it('npx contextkaart --help lists the commands', () => {
    const r = spawnSync('npx', ['--no-install', 'contextkaart', '--help'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('render <region..>');
    expect(r.stdout).toContain('validate <region..>');
  });
  // No test asserts a duration (a busy machine fails it); speed is measured by npm run bench.
  it('validate needs no browser', () => {
    const r = spawnSync('npx', ['--no-install', 'contextkaart', 'validate', 'regions/voorbeeld-regio.yaml', '--browser', '/nonexistent'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('✓ regions/voorbeeld-regio.yaml: Zeeuws-Vlaanderen');
  });
});
