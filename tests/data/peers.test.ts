// Similar gemeenten of real reports, the consultant's voice, an area of wijken; ties on a fixture dataset are in tests/unit/peers.test.ts.
import { describe, expect, it } from 'vitest';
import { computePeers, PEER_COUNT } from '../../src/data/peers.js';
import { renderReportHtml } from '../../src/pipeline/render-region.js';
import { ReportError } from '../../src/util/errors.js';
import { realDataset } from '../helpers/data.js';
import { reportFor } from '../helpers/report.js';

describe('similar gemeenten', () => {
  it('are the nearest gemeenten on the context measures, never the region itself', async () => {
    const ds = await realDataset();
    const peers = computePeers(ds, ['GM0796']);
    expect(peers).toHaveLength(PEER_COUNT);
    expect(peers.map((p) => p.code)).not.toContain('GM0796');
    for (let i = 1; i < peers.length; i++) expect(peers[i].distance).toBeGreaterThanOrEqual(peers[i - 1].distance);
    const group = computePeers(ds, ['GM0677', 'GM1714', 'GM0715']).map((p) => p.code);
    for (const own of ['GM0677', 'GM1714', 'GM0715']) expect(group).not.toContain(own);
  });
  it('are named in the report and the method stated in the colophon', async () => {
    const report = await reportFor('id: x\narea:\n  gemeente: GM0796\n');
    const html = await renderReportHtml(report);
    expect(report.peers).toHaveLength(PEER_COUNT);
    expect(html).toContain(`Vergelijkbare gemeenten: ${report.peers.map((p) => p.name.replace(/'/g, '&#x27;')).join(', ')}.`);
    expect(html).toContain('gestandaardiseerd over alle gemeenten (z-score');
  });
  it('can be given by the config instead, but not include the region', async () => {
    const report = await reportFor('id: x\narea:\n  gemeente: GM0796\ncomparisons:\n  peers: [Breda, Tilburg]\n');
    expect(report.peers.map((p) => p.code)).toEqual(['GM0758', 'GM0855']);
    expect(report.comparisons.find((c) => c.role === 'similar')!.description).toBe('door de opdrachtgever gekozen: Breda, Tilburg');
    await expect(reportFor('id: x\narea:\n  gemeenten: [Breda, Tilburg]\n  name: X\ncomparisons:\n  peers: [Tilburg]\n')).rejects.toThrow(ReportError);
  });
});

describe("the consultant's voice", () => {
  // The full edition: every computed sentence of a chapter is printed.
  const base = 'id: x\nedition: volledig\narea:\n  gemeente: GM0796\n';
  it('replaces the sentence of one indicator, or removes it with an empty text', async () => {
    const html = await renderReportHtml(
      await reportFor(`${base}sections:\n  - domain: jeugdhulp\n    indicatorTexts:\n      pct_jeugdzorg: "Eigen **duiding** van de jeugdzorg."\n  - domain: armoede\n    indicatorTexts:\n      pct_hh_laagste_40: ""\n`),
    );
    expect(html).toContain('Eigen <strong>duiding</strong> van de jeugdzorg.');
    expect(html).not.toContain('In &#x27;s-Hertogenbosch is het aandeel jongeren met jeugdzorg in natura');
    expect(html).not.toContain('In &#x27;s-Hertogenbosch is het aandeel huishoudens met een laag inkomen 39%');
    expect(html).toContain('In &#x27;s-Hertogenbosch is het aandeel huishoudens onder of rond het sociaal minimum');
  });
  it('replaces all computed text of a section, or follows it', async () => {
    const replaced = await renderReportHtml(await reportFor(`${base}sections:\n  - domain: jeugdhulp\n    textMode: replace\n    text: Alleen mijn tekst.\n`));
    expect(replaced).toContain('Alleen mijn tekst.');
    expect(replaced).not.toContain('<ul class="findings">');
    const follows = await renderReportHtml(await reportFor(`${base}sections:\n  - domain: jeugdhulp\n    text: Mijn tekst erna.\n`));
    expect(follows.indexOf('<ul class="findings">')).toBeLessThan(follows.indexOf('Mijn tekst erna.'));
  });
  it('can switch off computed sentences for an indicator or altogether, and replace the kernpunten', async () => {
    const without = await renderReportHtml(await reportFor(`${base}interpretation:\n  exclude: [pct_jeugdzorg]\n`));
    expect(without).not.toContain('aandeel jongeren met jeugdzorg in natura 10,0% (2022)');
    const none = await renderReportHtml(await reportFor(`${base}interpretation:\n  computed: false\n`));
    expect(none).not.toContain('<ul class="findings">');
    expect(none).not.toContain('id="kernpunten"');
    const own = await renderReportHtml(await reportFor(`${base}kernpunten: "- Eigen kernpunt"\nkernpuntenMode: replace\n`));
    expect(own).toContain('<li>Eigen kernpunt</li>');
    expect(own).not.toContain('<ol class="kernpunten-list">');
  });
});

describe('an area of wijken', () => {
  it('compares wijk figures with the gemeente and the others, naming their year', async () => {
    const { buildInterpretation } = await import('../../src/interpret/interpretation.js');
    const report = await reportFor('id: x\narea:\n  wijken: [WK0363TA, WK0363TB, WK0363TC, WK0363TD, WK0363TE]\n  name: Zuidoost (deel)\n');
    expect(report.comparisons[0]).toMatchObject({ role: 'gemeente', name: 'Amsterdam' });
    const { kernpunten } = buildInterpretation(report);
    expect(kernpunten.length).toBeGreaterThanOrEqual(1);
    // An area of wijken is compared first with its own gemeente; a reference of another year says so.
    for (const k of kernpunten) expect(k.text).toMatch(/ dan in Amsterdam: .+ tegen .+ \(/);
    expect(kernpunten.map((k) => k.text).join(' ')).toMatch(/tegen [^(]+ in 20\d\d \(/);
  });
});
