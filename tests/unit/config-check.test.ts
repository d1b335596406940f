/**
 * validate before the data (issue 23): every config problem in one run, each at its line with its
 * fix, checked against the light lists of a data directory (gemeenten, wijken) and the catalogue;
 * no dataset is read. The data directory here is a fixture holding only those two light files, so
 * a check that reached for the dataset would fail with a data error instead.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { checkRegionConfigFile, referenceData } from '../../src/pipeline/config-check.js';
import { displayPath, parseRegionConfig } from '../../src/config/load.js';
import { regionConfigJsonSchemaText } from '../../src/config/json-schema.js';
import { messages } from '../../src/util/messages.js';
import { thrownReportError } from '../helpers/errors.js';
import { runCli } from '../helpers/run-cli.js';

let root: string;
let data: string;
let dir: string;

/** A data directory with only the koppeltabel and the wijken file, in the publishers' layouts. */
function lightDataDir(at: string): void {
  mkdirSync(join(at, 'cbs'), { recursive: true });
  mkdirSync(join(at, 'geo'), { recursive: true });
  writeFileSync(
    join(at, 'cbs/gemeente_vr_provincie_koppeling.csv'),
    '\ufeffgemeentCode;gemeenteNaam;veiligheidsRegioCode;veiligheidsRegioNaam;provincieCode;Provincie;Land\n' +
      'GM0677;Hulst;VR19;Zeeland;PV29;Zeeland;NL\n' +
      'GM1714;Sluis;VR19;Zeeland;PV29;Zeeland;NL\n' +
      'GM0715;Terneuzen;VR19;Zeeland;PV29;Zeeland;NL\n' +
      "GM0796;'s-Hertogenbosch;VR21;Brabant-Noord;PV30;Noord-Brabant;NL\n" +
      'GM0344;Utrecht (gemeente);VR09;Utrecht;PV26;Utrecht;NL\n',
  );
  const wijk = (code: string, name: string, gemeente: string, inwoners: number | null) => ({
    type: 'Feature',
    geometry: null,
    properties: { wijkcode: code, wijknaam: name, gemeentecode: gemeente, gemeentenaam: 'x', aantal_inwoners: inwoners },
  });
  writeFileSync(
    join(at, 'geo/wijken_2024_pdok.geojson'),
    JSON.stringify({
      type: 'FeatureCollection',
      features: [wijk('WK034401', 'West', 'GM0344', 29040), wijk('WK034402', 'Noordwest', 'GM0344', 44710), wijk('WK034499', 'Water', 'GM0344', null), wijk('WK079601', 'Centrum', 'GM0796', 20000)],
    }),
  );
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'contextkaart-check-'));
  data = join(root, 'data');
  dir = join(root, 'regio');
  lightDataDir(data);
  mkdirSync(dir);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const shown = (file: string) => displayPath(file);

function config(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

const clean = `id: zeeuws-vlaanderen
area:
  gemeenten: [Hulst, Sluis, Terneuzen]
  name: Zeeuws-Vlaanderen
sections:
  - domain: armoede
    figures: [inkomen, "vergelijking:pct_hh_laag_inkomen"]
  - domain: signalering
`;

describe('checkRegionConfigFile: every problem of a config at once', () => {
  it('passes a clean config and returns it', async () => {
    const check = await checkRegionConfigFile(config('clean.yaml', clean), referenceData(data));
    expect(check.problems).toEqual([]);
    expect(check.warnings).toEqual([]);
    expect(check.config?.area.gemeenten).toEqual(['Hulst', 'Sluis', 'Terneuzen']);
  });

  it('reports schema, name, figure, indicator, file and repeat problems together, in file order, each at its line', async () => {
    const file = config(
      'many.yaml',
      `id: zeeuws-vlaanderen
area:
  gemeenten: [Hulst, Slius, Terneuzen]
  name: Zeeuws-Vlaanderen
brand:
  primary: blauw
client:
  name: X
  logo: logo.png
sections:
  - domain: armoede
    figures: [inkomn, "vergelijking:pct_hh_laag_inkomn"]
  - domain: armoede
interpretation:
  exclude: [nietbestaand]
`,
    );
    const f = shown(file);
    const check = await checkRegionConfigFile(file, referenceData(data));
    expect(check.config).toBeUndefined();
    expect(check.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(new RegExp(`^${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3: area\\.gemeenten\\[1\\]: unknown gemeente "Slius"\\. .*; did you mean Sluis \\(GM1714\\), `)),
      messages.configInvalid(f, 6, 'brand.primary', 'must be a colour like "#1f5fa8"', 'Correct the value (see `contextkaart schema`).'),
      messages.fileNotFound(`${f}:9`, 'client.logo', 'logo.png'),
      expect.stringContaining(`${f}:12: sections[0].figures[0]: unknown figure "inkomn"; did you mean "inkomen"?`),
      messages.unknownIndicator(`${f}:12`, 'sections[0].figures[1]', 'pct_hh_laag_inkomn', ['pct_hh_laag_inkomen']),
      messages.unknownIndicator(`${f}:15`, 'interpretation.exclude[0]', 'nietbestaand', []),
    ]);
    expect(check.problems.map((p) => [p.line, p.field])).toEqual([
      [3, 'area.gemeenten[1]'],
      [6, 'brand.primary'],
      [9, 'client.logo'],
      [12, 'sections[0].figures[0]'],
      [12, 'sections[0].figures[1]'],
      [15, 'interpretation.exclude[0]'],
    ]);
  });

  it('reports values given twice once the schema passes, all of them', async () => {
    const file = config('twice.yaml', `id: x\narea:\n  gemeenten: [Hulst, GM0677]\n  name: X\nsections:\n  - domain: armoede\n  - domain: armoede\ninterpretation:\n  exclude: [pct_hh_laag_inkomen, pct_hh_laag_inkomen]\n`);
    const f = shown(file);
    const { problems } = await checkRegionConfigFile(file, referenceData(data));
    expect(problems.map((p) => p.message)).toEqual([
      messages.configRepeated(f, 3, 'area.gemeenten[1]', 'GM0677', 'area.gemeenten[0], Hulst'),
      messages.configRepeated(f, 7, 'sections[1].domain', 'armoede', 'sections[0].domain'),
      messages.configRepeated(f, 9, 'interpretation.exclude[1]', 'pct_hh_laag_inkomen', 'interpretation.exclude[0]'),
    ]);
  });

  it('takes a misspelt required field as one mistake, with the suggestion', async () => {
    const file = config('aera.yaml', 'id: x\naera:\n  gemeente: Hulst\n');
    const { problems } = await checkRegionConfigFile(file, referenceData(data));
    expect(problems.map((p) => p.message)).toEqual([messages.configInvalid(shown(file), 2, 'aera', 'is not a known field', 'Did you mean "area"?')]);
  });

  it('names the wijken of the gemeente for an unknown wijk code', async () => {
    const file = config('wijken.yaml', 'id: x\narea:\n  wijken: [WK034401, WK034409, WK999901]\n  name: Twee wijken\n');
    const f = shown(file);
    const { problems } = await checkRegionConfigFile(file, referenceData(data));
    expect(problems.map((p) => p.message)).toEqual([
      messages.configUnknownWijk(`${f}:3`, 'area.wijken[1]', 'WK034409', { code: 'GM0344', name: 'Utrecht' }, [
        { code: 'WK034401', name: 'West' },
        { code: 'WK034402', name: 'Noordwest' },
      ]),
      messages.configUnknownWijk(`${f}:3`, 'area.wijken[2]', 'WK999901', undefined, []),
    ]);
    expect(problems[0].message).toContain('The wijken of Utrecht (GM0344): WK034401 West, WK034402 Noordwest.');
    expect(problems[1].message).toContain('`contextkaart wijken <gemeente>`');
  });

  it("checks the client's own indicators: an id of the catalogue, and one no section shows", async () => {
    const own = (id: string, domain: string) => `      - { id: ${id}, label: L, domain: ${domain}, unit: percent, source: S }\n`;
    writeFileSync(join(dir, 'eigen.csv'), 'code,indicator,year,value\n');
    const file = config('own.yaml', `id: x\narea:\n  gemeente: Hulst\nsections:\n  - domain: armoede\nextraData:\n  - file: eigen.csv\n    indicators:\n${own('pct_hh_laag_inkomen', 'armoede')}${own('vve_bereik', 'signalering')}`);
    const f = shown(file);
    const { problems } = await checkRegionConfigFile(file, referenceData(data));
    expect(problems.map((p) => p.message)).toEqual([
      messages.configExtraIdTaken(`${f}:9`, 'extraData[0].indicators[0].id', 'pct_hh_laag_inkomen'),
      messages.extraIndicatorUnused(`${f}:10`, 'extraData[0].indicators[1].id', 'vve_bereik', 'signalering'),
    ]);
  });

  it('without the light lists still reports the rest, and says the names were not checked', async () => {
    const file = config('nodata.yaml', 'id: x\narea:\n  gemeente: Atlantis\nbrand:\n  primary: "#ffff00"\n  secondary: geel\n');
    const nowhere = join(root, 'geen-data');
    const check = await checkRegionConfigFile(file, referenceData(nowhere));
    expect(check.problems.map((p) => p.field)).toEqual(['brand.secondary']);
    expect(check.warnings).toHaveLength(1);
    expect(check.warnings[0]).toContain(`${shown(file)}: brand.primary: "#ffff00" has a contrast of`);
    expect(check.namesUnchecked).toContain(`names and codes were not checked: the gemeente and wijk lists of the data directory ${nowhere} cannot be read`);
  });

  it('stops at a YAML syntax error: nothing else can be read', async () => {
    const file = config('syntax.yaml', 'id: x\narea:\n  gemeente: [Hulst\n');
    const { problems } = await checkRegionConfigFile(file, referenceData(data));
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toMatch(/:\d+:\d+: YAML syntax error: /);
  });
});

describe('a render stops at the first problem, and counts and lists the others', () => {
  it('lists every other schema problem under the first', () => {
    const e = thrownReportError(() => parseRegionConfig('id: X\naera:\n  gemeente: Hulst\nbrand:\n  primary: blauw\n', join(process.cwd(), 'r.yaml')));
    expect(e.message).toBe(messages.configInvalid('r.yaml', 2, 'aera', 'is not a known field', 'Did you mean "area"?'));
    expect(e.detail).toBe(
      [
        '2 more problems in this config:',
        `  ${messages.configInvalid('r.yaml', 1, 'id', 'must be lower-case letters, digits and hyphens (e.g. regio-noord)', 'Correct the value (see `contextkaart schema`).')}`,
        `  ${messages.configInvalid('r.yaml', 5, 'brand.primary', 'must be a colour like "#1f5fa8"', 'Correct the value (see `contextkaart schema`).')}`,
        '`contextkaart validate r.yaml` lists every problem, names, codes and files too.',
      ].join('\n'),
    );
  });
});

describe('contextkaart validate (before the data)', () => {
  it('lists every problem, exits 3 and reads no dataset (the fixture directory has none)', async () => {
    const file = config('cli.yaml', 'id: x\narea:\n  gemeente: Hulzt\nbrand:\n  primary: blauw\nsections:\n  - domain: armoede\n    figures: [inkomn]\n');
    const r = await runCli(['validate', file, '--data', data]);
    expect(r.code).toBe(3);
    const f = shown(file);
    expect(r.stderr).toContain(`contextkaart: ${messages.configProblems(f, 3)}\n`);
    expect(r.stderr).toContain(`  ${f}:3: area.gemeente: unknown gemeente "Hulzt"`);
    expect(r.stderr).toContain(`  ${f}:5: brand.primary: must be a colour`);
    expect(r.stderr).toContain(`  ${f}:8: sections[0].figures[0]: unknown figure "inkomn"`);
    expect(r.stderr).not.toContain('data file');
  });

  it('--json gives each problem with file, line and field', async () => {
    const file = config('json.yaml', 'id: x\narea:\n  gemeente: Hulzt\n');
    const r = await runCli(['validate', file, '--data', data, '--json']);
    expect(r.code).toBe(3);
    const out = JSON.parse(r.stdout);
    expect(out.ok).toBe(false);
    expect(out.dataChecked).toBe(false);
    expect(out.regions[0].problems).toEqual([{ file: shown(file), line: 3, field: 'area.gemeente', message: expect.stringMatching(/:3: area\.gemeente: unknown gemeente "Hulzt"\. .*; did you mean Hulst \(GM0677\)/) }]);
  });

  it('--config-only passes a clean config without loading the data (which this directory lacks)', async () => {
    const r = await runCli(['validate', config('clean2.yaml', clean), '--data', data, '--config-only']);
    expect(r.stderr).toContain('config ok (data not checked: --config-only)');
    expect(r.code).toBe(0);
  });

  it('a clean config goes on to the data: here the data error, as before', async () => {
    const r = await runCli(['validate', config('clean3.yaml', clean), '--data', data]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(messages.dataFileMissing(data, 'cbs/kwb_2022_gemeenten_pdok_indicatoren.csv'));
  });

  it('checks a gemeente given by name against the list too', async () => {
    const r = await runCli(['validate', 'Slius', '--data', data]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^contextkaart: unknown gemeente "Slius"\. .*; did you mean Sluis \(GM1714\), /);
  });
});

describe('lists for a config writer', () => {
  it('gemeenten, per province, as text and JSON', async () => {
    const r = await runCli(['gemeenten', '--province', 'zeeland', '--data', data]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n').map((l) => l.slice(0, 6))).toEqual(['GM0677', 'GM1714', 'GM0715']);
    const all = JSON.parse((await runCli(['gemeenten', '--json', '--data', data])).stdout);
    expect(all.find((g: { code: string }) => g.code === 'GM0344')).toEqual({ code: 'GM0344', name: 'Utrecht', provinceCode: 'PV26', provinceName: 'Utrecht' });
    const bad = await runCli(['gemeenten', '--province', 'Holland', '--data', data]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown province "Holland". Give one of: Noord-Brabant (PV30), Utrecht (PV26), Zeeland (PV29).');
  });

  it('wijken of a gemeente by name, and an unknown name with suggestions', async () => {
    const r = await runCli(['wijken', 'utrecht', '--data', data]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('Utrecht (GM0344): 3 wijken\nWK034401  West\nWK034402  Noordwest\nWK034499  Water  (no inhabitants: no figures)\n');
    const json = JSON.parse((await runCli(['wijken', 'GM0796', '--json', '--data', data])).stdout);
    expect(json).toEqual({ gemeente: { code: 'GM0796', name: "'s-Hertogenbosch" }, wijken: [{ code: 'WK079601', name: 'Centrum', gemeenteCode: 'GM0796', populated: true }] });
    const bad = await runCli(['wijken', 'Utreht', '--data', data]);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain('unknown gemeente "Utreht"');
    expect(bad.stderr).toContain('did you mean Utrecht (GM0344)');
  });

  it('indicators of one domain with the figure ids a config takes', async () => {
    const r = await runCli(['indicators', '--domain', 'armoede']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^armoede \(.+\)\n {2}figures: inkomen, laagste-40, /);
    expect(r.stdout).toMatch(/\n {4}pct_hh_laag_inkomen +\S/);
    expect(r.stdout).not.toContain('\nonderwijs (');
    const json = JSON.parse((await runCli(['indicators', '--domain', 'armoede', '--json'])).stdout);
    expect(json.figures.map((f: { id: string }) => f.id)).toContain('laag-inkomen-verdeling');
    const def = json.indicators.find((d: { id: string }) => d.id === 'pct_hh_laag_inkomen');
    expect(def.figureIds).toEqual(['vergelijking:pct_hh_laag_inkomen', 'trend:pct_hh_laag_inkomen', 'verdeling:pct_hh_laag_inkomen', 'wijkkaart:pct_hh_laag_inkomen']);
    const bad = await runCli(['indicators', '--domain', 'zorg']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown domain "zorg"');
  });
});

describe('init and schema', () => {
  it('writes a starter config that passes the check, an introduction and a CSV without invented values', async () => {
    const folder = join(root, 'zeeuws-vlaanderen');
    const r = await runCli(['init', folder, '--gemeenten', 'hulst, Sluis,GM0715', '--data', data]);
    expect(r.code).toBe(0);
    const yaml = readFileSync(join(folder, 'regio.yaml'), 'utf8');
    expect(yaml.split('\n')[0]).toBe(`# yaml-language-server: $schema=${relative(folder, join(process.cwd(), 'regions/region.schema.json'))}`);
    expect(yaml).toContain('id: zeeuws-vlaanderen ');
    expect(yaml).toMatch(/\n {2}gemeenten: \[GM0677, GM1714, GM0715\] +# Hulst, Sluis, Terneuzen\n {2}name: "Hulst, Sluis en Terneuzen" /);
    expect(readFileSync(join(folder, 'eigen-cijfers.csv'), 'utf8')).toBe('code,indicator,year,value,numerator,denominator\nGM0677,vve_bereik,2024,,,\nGM1714,vve_bereik,2024,,,\nGM0715,vve_bereik,2024,,,\n');
    expect(readFileSync(join(folder, 'inleiding.md'), 'utf8')).toContain('kansengelijkheid in Hulst, Sluis en Terneuzen');
    const check = await checkRegionConfigFile(join(folder, 'regio.yaml'), referenceData(data));
    expect(check.problems).toEqual([]);
    expect(check.warnings).toEqual([]);
  });

  it('refuses to overwrite, naming the files (exit 2); --force overwrites', async () => {
    const folder = join(root, 'bestaand');
    mkdirSync(folder);
    writeFileSync(join(folder, 'regio.yaml'), 'mijn werk\n');
    writeFileSync(join(folder, 'inleiding.md'), 'mijn tekst\n');
    const r = await runCli(['init', folder, '--data', data]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(messages.initExists([shown(join(folder, 'regio.yaml')), shown(join(folder, 'inleiding.md'))]));
    expect(readFileSync(join(folder, 'regio.yaml'), 'utf8')).toBe('mijn werk\n');
    const forced = await runCli(['init', folder, '--force', '--data', data]);
    expect(forced.code).toBe(0);
    expect(readFileSync(join(folder, 'regio.yaml'), 'utf8')).toContain('  gemeente: GM0796 ');
  });

  it('refuses an unknown gemeente with suggestions, writing nothing', async () => {
    const folder = join(root, 'onbekend');
    const r = await runCli(['init', folder, '-g', 'Slius', '--data', data]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('did you mean Sluis (GM1714)');
    expect(() => readFileSync(join(folder, 'regio.yaml'))).toThrow();
  });

  it('schema prints the schema generated from zod, the same as the shipped regions/region.schema.json', async () => {
    const r = await runCli(['schema']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(regionConfigJsonSchemaText());
    expect(r.stdout).toBe(readFileSync('regions/region.schema.json', 'utf8'));
    expect(JSON.parse(r.stdout).properties.area).toBeDefined();
  });
});
