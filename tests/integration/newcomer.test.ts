/**
 * The newcomer's path (issue 23): init → edit with three mistakes → validate reports all three in
 * one run, before the dataset is read → fix → validate → render, the PDF read back.
 *
 * "Before the dataset is read" is shown with a copy of the data directory whose every file except
 * the two light lists (gemeenten, wijken) is garbage: validate still reports the config problems,
 * not a data error; with the config fixed, the same directory gives the data error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { readPdf } from '../helpers/pdf.js';
import { dataDir } from '../helpers/data.js';
import { displayPath } from '../../src/config/load.js';
import { messages } from '../../src/util/messages.js';

const LIGHT_FILES = ['cbs/gemeente_vr_provincie_koppeling.csv', 'geo/wijken_2024_pdok.geojson'];

let root: string;
let garbage: string;
let folder: string;
let config: string;

/** A copy of the data directory: the light lists as they are, every other file garbage. */
function garbageCopy(from: string, to: string, rel = ''): void {
  mkdirSync(join(to, rel), { recursive: true });
  for (const name of readdirSync(join(from, rel))) {
    const path = rel ? `${rel}/${name}` : name;
    if (statSync(join(from, path)).isDirectory()) garbageCopy(from, to, path);
    else if (LIGHT_FILES.includes(path)) copyFileSync(join(from, path), join(to, path));
    else writeFileSync(join(to, path), '\u0000garbage, not the published table\u0000');
  }
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'contextkaart-newcomer-'));
  garbage = join(root, 'garbage-data');
  garbageCopy(dataDir, garbage);
  folder = join(root, 'zeeuws-vlaanderen');
  config = join(folder, 'regio.yaml');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a newcomer: init → edit → validate → render', () => {
  it('init writes a starter config, an introduction and an extra-data CSV', async () => {
    const r = await runCli(['init', folder, '--gemeenten', 'Hulst,Sluis,Terneuzen', '--client', 'Samen Kansrijk', '--data', dataDir]);
    expect(r.code).toBe(0);
    expect(readdirSync(folder).sort()).toEqual(['eigen-cijfers.csv', 'inleiding.md', 'regio.yaml']);
    // The schema line points at the schema the package ships.
    const schemaLine = readFileSync(config, 'utf8').split('\n')[0];
    expect(schemaLine).toMatch(/^# yaml-language-server: \$schema=\S+region\.schema\.json$/);
    const schemaFile = join(folder, schemaLine.split('$schema=')[1]);
    expect(readFileSync(schemaFile, 'utf8')).toBe((await runCli(['schema'])).stdout);
  });

  it('the starter config validates and renders as written, with the real data (its own figure empty, not invented)', async () => {
    const r = await runCli(['validate', config, '--data', dataDir]);
    expect(r.stderr).toContain(`✓ ${displayPath(config)}: Hulst, Sluis en Terneuzen,`);
    expect(r.code).toBe(0);
    const pdfPath = join(root, 'starter.pdf');
    const render = await runCli(['render', config, '-o', pdfPath, '--data', dataDir]);
    expect(render.code).toBe(0);
    const pdf = await readPdf(pdfPath);
    expect(pdf.pageText[0]).toContain('Hulst, Sluis en Terneuzen');
    expect(pdf.text).toContain('Vervang deze tekst door uw eigen inleiding');
  });

  it('three mistakes are reported in one run, each at its line, before the dataset is read', async () => {
    const starter = readFileSync(config, 'utf8');
    const edited = starter
      .replace('gemeenten: [GM0677, GM1714, GM0715]', 'gemeenten: [GM0677, Slius, GM0715]')
      .replace('primary: "#1d5c96"', 'primary: blauw')
      .replace('figures: [inkomen, ', 'figures: [inkomn, ');
    expect(edited.split('\n').filter((l, i) => l !== starter.split('\n')[i])).toHaveLength(3);
    writeFileSync(config, edited);
    const lineOf = (text: string) => edited.split('\n').findIndex((l) => l.includes(text)) + 1;
    const f = displayPath(config);

    // With the garbage data directory: the config problems, and no data error (the dataset was not read).
    const r = await runCli(['validate', config, '--data', garbage]);
    expect(r.code).toBe(3);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toBe(`contextkaart: ${messages.configProblems(f, 3)}`);
    expect(lines.slice(1)).toEqual([
      `  ${messages.configInvalid(f, lineOf('primary: blauw'), 'brand.primary', 'must be a colour like "#1f5fa8" (given: "blauw")', 'Correct the value (see `contextkaart schema`).')}`,
      expect.stringMatching(new RegExp(`^  .*:${lineOf('Slius')}: area\\.gemeenten\\[1\\]: unknown gemeente "Slius"\\. .*did you mean Sluis \\(GM1714\\)`)),
      expect.stringMatching(new RegExp(`^  .*:${lineOf('inkomn')}: sections\\[1\\]\\.figures\\[0\\]: unknown figure "inkomn"; did you mean "inkomen"\\?`)),
    ]);

    // The same answer with the real data directory.
    const real = await runCli(['validate', config, '--data', dataDir]);
    expect(real.code).toBe(3);
    expect(real.stderr).toBe(r.stderr);
  });

  it('with the config fixed, the garbage directory gives the data error: it is the dataset that validate did not read', async () => {
    const fixed = readFileSync(config, 'utf8').replace('Slius', 'GM1714').replace('primary: blauw', 'primary: "#00777a"').replace('[inkomn, ', '[inkomen, ');
    writeFileSync(config, fixed);
    writeFileSync(join(folder, 'inleiding.md'), 'Deze contextkaart is het startpunt voor het **gesprek** over kansengelijkheid in Zeeuws-Vlaanderen.\n');
    writeFileSync(join(folder, 'eigen-cijfers.csv'), 'code,indicator,year,value,numerator,denominator\nGM0677,vve_bereik,2024,80,40,50\nGM1714,vve_bereik,2024,75,30,40\nGM0715,vve_bereik,2024,70,70,100\n');
    const r = await runCli(['validate', config, '--data', garbage]);
    expect(r.code).toBe(3);
    expect(r.stderr).not.toContain('problems in the config');
    expect(r.stderr).toMatch(/^contextkaart: .*garbage-data.*(cannot be read|column|not found)/);
  });

  it('validate passes with the real data, and render prints the PDF with the own text and figure', async () => {
    const v = await runCli(['validate', config, '--data', dataDir]);
    expect(v.code).toBe(0);
    const pdfPath = join(root, 'zeeuws-vlaanderen.pdf');
    const r = await runCli(['render', config, '-o', pdfPath, '--data', dataDir]);
    expect(r.stderr).toContain('✓ Hulst, Sluis en Terneuzen');
    expect(r.code).toBe(0);
    const pdf = await readPdf(pdfPath);
    expect(pdf.pageText[0]).toContain('Hulst, Sluis en Terneuzen');
    expect(pdf.pageText[0]).toContain('Samen Kansrijk');
    expect(pdf.text).toContain('startpunt voor het gesprek over kansengelijkheid in Zeeuws-Vlaanderen');
    expect(pdf.text).toContain('Bereik vve');
  });
});
