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
import { loadExtraData } from '../../src/data/extra-data.js';
import { SeriesStore } from '../../src/data/series.js';
import type { Dataset } from '../../src/data/load-dataset.js';
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
      messages.configInvalid(f, 6, 'brand.primary', 'must be a colour like "#1f5fa8" (given: "blauw")', 'Correct the value (see `contextkaart schema`).'),
      messages.fileNotFound(`${f}:9`, 'client.logo', 'logo.png'),
      expect.stringContaining(`${f}:12: sections[0].figures[0]: unknown figure "inkomn"; did you mean "inkomen"?`),
      messages.unknownIndicator(`${f}:12`, 'sections[0].figures[1]', 'pct_hh_laag_inkomn', ['pct_hh_laag_inkomen']),
      // A repeat is found although the schema refused the config (the colour): every problem in one run.
      messages.configRepeated(f, 13, 'sections[1].domain', 'armoede', 'sections[0].domain'),
      messages.unknownIndicator(`${f}:15`, 'interpretation.exclude[0]', 'nietbestaand', []),
    ]);
    expect(check.problems.map((p) => [p.line, p.field])).toEqual([
      [3, 'area.gemeenten[1]'],
      [6, 'brand.primary'],
      [9, 'client.logo'],
      [12, 'sections[0].figures[0]'],
      [12, 'sections[0].figures[1]'],
      [13, 'sections[1].domain'],
      [15, 'interpretation.exclude[0]'],
    ]);
  });

  it('reports values given twice, all of them', async () => {
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
    writeFileSync(join(dir, 'eigen.csv'), 'code,indicator,year,value\nGM0677,vve_bereik,2023,61.5\n');
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

describe("the rows of a config's extra-data files, in the config stage (no dataset)", () => {
  /** A config with one own indicator (a percentage) read from `csv`; `gemeente` lets a test add a config mistake. */
  const ownConfig = (name: string, csv: string, gemeente = 'Hulst') =>
    config(
      name,
      `id: x\narea:\n  gemeente: ${gemeente}\nsections:\n  - domain: signalering\nextraData:\n  - file: ${csv}\n    indicators:\n      - { id: vve_bereik, label: Bereik vve, domain: signalering, unit: percent, source: Gemeente }\n`,
    );
  const csvFile = (name: string, text: string | Buffer) => writeFileSync(join(dir, name), text);
  const row = (csv: string, line: number, field: string, problem: string, fix: string) => messages.extraDataRow(csv, line, field, problem, fix);

  const badRows = [
    'code,indicator,year,value,numerator,denominator',
    'GM0677,vve_bereik,2023,50,50,100', // 2: good
    'GM9999,vve_bereik,2023,40,,', // 3: unknown code
    'GM1714,vve_onbekend,23,40,,', // 4: undeclared indicator and a bad year
    'WK034401,vve_bereik,2023,"12,5",,', // 5: a decimal comma in a comma file
    'gm0677,vve_bereik,2023,51,,', // 6: GM0677 2023 again
    'NL01,vve_bereik,2023,<5,,', // 7: good
  ].join('\n');

  it('reports the bad rows with their lines together with a config mistake, in one run, as the data stage words them', async () => {
    csvFile('rijen.csv', `${badRows}\n`);
    const file = ownConfig('rijen.yaml', 'rijen.csv', 'Hulzt');
    const check = await checkRegionConfigFile(file, referenceData(data));
    expect(check.config).toBeUndefined();
    expect(check.problems.map((p) => p.message)).toEqual([
      expect.stringContaining(`${shown(file)}:3: area.gemeente: unknown gemeente "Hulzt"`),
      row('rijen.csv', 3, 'code', '"GM9999" is not a gemeente or wijk code', 'Use a CBS code such as GM0363 or WK036300 (indeling 2023/2024), or NL01 for Nederland.'),
      row('rijen.csv', 4, 'indicator', '"vve_onbekend" is not declared', 'Declare it under extraData[].indicators in the region config (declared: vve_bereik).'),
      row('rijen.csv', 4, 'year', '"23" is not a year', 'Give a four-digit year such as 2023 (for a school year, its first year).'),
      row('rijen.csv', 5, 'value', '"12,5" is not a number', 'Write numbers like 12.3 (or use ";" as separator for 12,3).'),
      row('rijen.csv', 6, 'code', 'GM0677 vve_bereik 2023 occurs twice', 'Keep one row per code, indicator and year.'),
    ]);
    expect(check.problems.slice(1).map((p) => [p.file, p.line, p.field])).toEqual([
      ['rijen.csv', 3, 'code'],
      ['rijen.csv', 4, 'indicator'],
      ['rijen.csv', 4, 'year'],
      ['rijen.csv', 5, 'value'],
      ['rijen.csv', 6, 'code'],
    ]);
  });

  it('the data stage stops at the first of those rows with the same message (the rules are shared)', async () => {
    csvFile('rijen.csv', `${badRows}\n`);
    // A dataset of only the codes the rows use: the data stage reads nothing else of it.
    const dataset = { gemeenten: new Map([['GM0677', { name: 'Hulst' }], ['GM1714', { name: 'Sluis' }]]), wijken: new Map([['WK034401', { name: 'West' }]]) } as unknown as Dataset;
    const indicator = { id: 'vve_bereik', label: 'Bereik vve', definition: '', domain: 'signalering' as const, unit: 'percent' as const, decimals: 1, higherIsBetter: null, source: 'Gemeente', chart: true };
    const check = await checkRegionConfigFile(ownConfig('rijen2.yaml', 'rijen.csv'), referenceData(data));
    expect(check.problems).toHaveLength(5);
    const load = loadExtraData([{ file: join(dir, 'rijen.csv'), displayFile: 'rijen.csv', indicators: [indicator] }], dataset, new SeriesStore());
    await expect(load).rejects.toThrow(check.problems[0].message);
  });

  it('validate lists the config mistake and the rows, exits 3 and reads no dataset', async () => {
    csvFile('rijen.csv', `${badRows}\n`);
    const file = ownConfig('rijen-cli.yaml', 'rijen.csv', 'Hulzt');
    const r = await runCli(['validate', file, '--data', data]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`contextkaart: ${messages.configProblems(shown(file), 6)}\n`);
    expect(r.stderr).toContain(`  ${shown(file)}:3: area.gemeente: unknown gemeente "Hulzt"`);
    for (const line of ['rijen.csv:3: code:', 'rijen.csv:4: indicator:', 'rijen.csv:4: year:', 'rijen.csv:5: value:', 'rijen.csv:6: code:']) expect(r.stderr).toContain(`\n  ${line} `);
    expect(r.stderr).not.toContain('data file');
    const json = JSON.parse((await runCli(['validate', file, '--data', data, '--json'])).stdout);
    expect(json.dataChecked).toBe(false);
    expect(json.regions[0].problems.map((p: { file: string; line: number }) => `${p.file}:${p.line}`)).toEqual([`${shown(file)}:3`, 'rijen.csv:3', 'rijen.csv:4', 'rijen.csv:4', 'rijen.csv:5', 'rijen.csv:6']);
  });

  it('passes a clean file: ";" with decimal commas, "<5" with counts, empty values, NL01 and a wijk code', async () => {
    csvFile(
      'schoon.csv',
      ['code;indicator;year;value;numerator;denominator', 'GM0677;vve_bereik;2023;62,5;5;8', 'GM1714;vve_bereik;2023;<5;3;40', 'GM0715;vve_bereik;2023;;;', 'WK034401;vve_bereik;2022;40;;', 'NL01;vve_bereik;2023;61,5;;'].join('\r\n'),
    );
    const file = ownConfig('schoon.yaml', 'schoon.csv');
    const check = await checkRegionConfigFile(file, referenceData(data));
    expect(check.problems).toEqual([]);
    expect(check.dataWarnings).toBeUndefined();
    const r = await runCli(['validate', file, '--data', data, '--config-only']);
    expect(r.stderr).toContain('config ok (data not checked: --config-only)');
    expect(r.code).toBe(0);
  });

  it('checks the figures against the unit, the header, and the text itself', async () => {
    csvFile('eenheid.csv', 'code,indicator,year,value,numerator,denominator\nGM0677,vve_bereik,2023,120,,\nGM1714,vve_bereik,2023,40,30,60\n');
    const units = await checkRegionConfigFile(ownConfig('eenheid.yaml', 'eenheid.csv'), referenceData(data));
    expect(units.problems.map((p) => p.message)).toEqual([
      row('eenheid.csv', 2, 'value', '120 is above 100 for a percentage', 'A share is at most 100%; correct the value (give it as a percentage, e.g. 45.2, not a per-mille or a count).'),
      row('eenheid.csv', 3, 'value', '40 disagrees with its own numerator and denominator (30 / 60 × 100 = 50)', 'Correct the value, the numerator or the denominator; for several gemeenten the figure is recomputed from numerator and denominator.'),
    ]);
    csvFile('kop.csv', 'gemeente,indicator,year,value\nGM0677,vve_bereik,2023,1\n');
    const header = await checkRegionConfigFile(ownConfig('kop.yaml', 'kop.csv'), referenceData(data));
    expect(header.problems).toEqual([{ file: 'kop.csv', line: 1, field: 'header', message: messages.extraDataHeader('kop.csv', ['code']) }]);
    // Saved as "Unicode text" (UTF-16 with a byte-order mark): no CSV text.
    csvFile('utf16.csv', Buffer.from(`\ufeff${badRows}`, 'utf16le'));
    const utf16 = await checkRegionConfigFile(ownConfig('utf16.yaml', 'utf16.csv'), referenceData(data));
    expect(utf16.problems.map((p) => p.message)).toEqual([messages.extraDataNotText('utf16.csv')]);
  });

  it('a file not in UTF-8 is said when validate stops before the data', async () => {
    csvFile('ansi.csv', Buffer.from('code,indicator,year,value\nGM0677,vve_bereik,2023,"\x96"\n', 'latin1'));
    const file = ownConfig('ansi.yaml', 'ansi.csv');
    const check = await checkRegionConfigFile(file, referenceData(data));
    expect(check.dataWarnings).toEqual([messages.extraDataNotUtf8('ansi.csv')]);
    expect(check.problems.map((p) => p.message)).toEqual([row('ansi.csv', 2, 'value', '"–" is not a number', 'Write numbers like 12.3 (or use ";" as separator for 12,3).')]);
    const r = await runCli(['validate', file, '--data', data]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`contextkaart: warning: ${messages.extraDataNotUtf8('ansi.csv')}\n`);
  });

  it('lists at most 20 row problems of a file and counts the rest', async () => {
    const rows = Array.from({ length: 25 }, (_, i) => `GM0677,vve_bereik,${2000 + i},veel`);
    csvFile('veel.csv', ['code,indicator,year,value', ...rows].join('\n'));
    const { problems } = await checkRegionConfigFile(ownConfig('veel.yaml', 'veel.csv'), referenceData(data));
    expect(problems).toHaveLength(21);
    expect(problems.slice(0, 20).map((p) => p.line)).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
    expect(problems[20]).toEqual({ file: 'veel.csv', line: 22, field: '', message: messages.extraDataMoreProblems('veel.csv', 5, 22, 20) });
  });
});

describe('a render stops at the first problem, and counts and lists the others', () => {
  it('lists every other schema problem under the first', () => {
    const e = thrownReportError(() => parseRegionConfig('id: X\naera:\n  gemeente: Hulst\nbrand:\n  primary: blauw\n', join(process.cwd(), 'r.yaml')));
    expect(e.message).toBe(messages.configInvalid('r.yaml', 2, 'aera', 'is not a known field', 'Did you mean "area"?'));
    expect(e.detail).toBe(
      [
        '2 more problems in this config:',
        `  ${messages.configInvalid('r.yaml', 1, 'id', 'must be lower-case letters, digits and hyphens (e.g. regio-noord) (given: "X")', 'Correct the value (see `contextkaart schema`).')}`,
        `  ${messages.configInvalid('r.yaml', 5, 'brand.primary', 'must be a colour like "#1f5fa8" (given: "blauw")', 'Correct the value (see `contextkaart schema`).')}`,
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
    // A gemeente typed on the command line: a bad command line (README "Exit codes").
    expect(r.code).toBe(2);
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
    expect(bad.code).toBe(2);
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
    expect(r.code).toBe(2);
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
