/**
 * Issue 12 in a real render: a config that names a text outside its folder is refused and
 * nothing is written; with --allow-outside-files the text is in the PDF. Extra data that is
 * unusual but can be right is warned about on the command line and listed in the colophon.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readPdf } from '../helpers/pdf.js';
import { runCli } from '../helpers/run-cli.js';
import { dataDir } from '../helpers/data.js';

let root: string;
let config: string;
const flat = (s: string) => s.replace(/\s+/g, ' ');

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'contextkaart-bad-render-'));
  mkdirSync(join(root, 'regio'));
  writeFileSync(join(root, 'gedeeld.md'), 'Deze gedeelde tekst staat buiten de map van de config.\n');
  writeFileSync(
    join(root, 'regio', 'eigen.csv'),
    'code,indicator,year,value,numerator,denominator\nGM0796,eigen_bereik,2023,50,50,100\nGM0797,eigen_bereik,2023,60,,\n',
  );
  config = join(root, 'regio', 'region.yaml');
  writeFileSync(
    config,
    `id: buiten-test
area:
  gemeenten: [GM0796, GM0797]
  name: Den Bosch en Heusden
sections:
  - domain: signalering
    textFile: ../gedeeld.md
extraData:
  - file: eigen.csv
    indicators:
      - { id: eigen_bereik, label: Bereik eigen programma, domain: signalering, unit: percent, source: "Gemeente Test, monitor 2024" }
      - { id: eigen_leeg, label: Leeg eigen cijfer, domain: signalering, unit: percent, source: "Gemeente Test, monitor 2024" }
`,
  );
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a config that reads a file outside its folder', () => {
  it('is refused by default, and no PDF is written', async () => {
    const out = join(root, 'out-refused');
    const r = await runCli(['render', config, '-o', join(out, 'x.pdf'), '--data', dataDir]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('region.yaml:7: sections[0].textFile: "../gedeeld.md" is outside the config\'s folder');
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });

  it('renders with --allow-outside-files: the text is in the PDF, the warnings on stderr and in the colophon', async () => {
    const pdfPath = join(root, 'out', 'buiten-test.pdf');
    const r = await runCli(['render', config, '-o', pdfPath, '--allow-outside-files', '--data', dataDir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('contextkaart: warning: eigen.csv:3: indicator "eigen_bereik" has numerator and denominator on some rows but not on this one');
    expect(r.stderr).toContain('contextkaart: warning: eigen.csv: indicator "eigen_leeg" is declared in the config but has no rows in the file');
    const pdf = await readPdf(pdfPath);
    const text = flat(pdf.text);
    expect(text).toContain('Deze gedeelde tekst staat buiten de map van de config.');
    const colophon = flat(pdf.pageText.slice(pdf.pageText.findIndex((t) => t.includes('Verantwoording') && t.includes('Bronnen'))).join(' '));
    expect(colophon).toContain('Opmerkingen bij de aangeleverde cijfers');
    expect(colophon).toContain('Bij ‘Bereik eigen programma’ (eigen.csv) staan niet op elke rij teller en noemer; voor een gebied van meerdere gemeenten is deze indicator daarom niet berekend.');
    expect(colophon).toContain('Voor ‘Leeg eigen cijfer’ staat geen enkele rij in het aangeleverde bestand eigen.csv; deze indicator ontbreekt in het rapport.');
  });
});
