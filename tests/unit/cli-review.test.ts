/**
 * CLI defects a new consultant found (issue 23 review): option values checked while parsing, -o
 * without a value or naming one PDF for several regions, messages for missing and mistyped options
 * and choices, one exit code for an unknown gemeente typed on the command line, province names,
 * grammar, help without irrelevant globals, --json as the README says, completion from a clone.
 * No real data and no browser: the data directory is missing (a command that read it would fail
 * with a data error, exit 3) or holds only the light gemeente and wijk lists.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { completionScript } from '../../src/cli/main.js';
import { createProgress } from '../../src/cli/progress.js';
import { DATA_SUBCOMMANDS } from '../../src/cli/commands/data.js';
import { dataSubcommands } from '../../src/cli/commands/data-subcommands.js';
import { loadRecipients } from '../../src/send/recipients.js';
import { ExitCode } from '../../src/util/errors.js';
import type { Dataset } from '../../src/data/load-dataset.js';
import type { Manifest } from '../../src/pipeline/manifest.js';

let root: string;
/** No data directory at all: any command that read it would exit 3 with a data error. */
let noData: string;
/** Only the light lists (gemeenten with their province, wijken). */
let lists: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'contextkaart-review-'));
  noData = join(root, 'geen-data');
  lists = join(root, 'lists');
  mkdirSync(join(lists, 'cbs'), { recursive: true });
  mkdirSync(join(lists, 'geo'), { recursive: true });
  writeFileSync(
    join(lists, 'cbs/gemeente_vr_provincie_koppeling.csv'),
    '\ufeffgemeentCode;gemeenteNaam;veiligheidsRegioCode;veiligheidsRegioNaam;provincieCode;Provincie;Land\n' +
      'GM0153;Enschede;VR05;Twente;PV23;Overijssel;NL\n' +
      'GM0164;Hengelo;VR05;Twente;PV23;Overijssel;NL\n' +
      'GM0080;Leeuwarden;VR02;Fryslân;PV21;Fryslân;NL\n' +
      'GM0677;Hulst;VR19;Zeeland;PV29;Zeeland;NL\n',
  );
  const wijk = (code: string, name: string, gemeente: string) => ({ type: 'Feature', geometry: null, properties: { wijkcode: code, wijknaam: name, gemeentecode: gemeente, gemeentenaam: 'x', aantal_inwoners: 1000 } });
  writeFileSync(join(lists, 'geo/wijken_2024_pdok.geojson'), JSON.stringify({ type: 'FeatureCollection', features: [wijk('WK015301', 'Centrum', 'GM0153')] }));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('numeric options are checked while parsing: exit 2 naming the option and the value, before any data is read', () => {
  for (const [args, option, value] of [
    [['render', 'GM0153', '--timeout', 'abc'], '--timeout', 'abc'],
    [['render', 'GM0153', '--timeout=0'], '--timeout', '0'],
    [['batch', '-g', 'GM0153', '-o', 'x', '--timeout', '-5'], '--timeout', '-5'],
    [['batch', '-g', 'GM0153', '-o', 'x', '-c', '0'], '--concurrency', '0'],
    [['batch', '-g', 'GM0153', '-o', 'x', '--concurrency', '2.5'], '--concurrency', '2.5'],
    [['preview', 'GM0153', '--port', '99999'], '--port', '99999'],
    [['preview', 'GM0153', '--port', 'web'], '--port', 'web'],
    [['send', '--manifest', 'm.json', '--recipients', 'r.csv', '--rate', '0'], '--rate', '0'],
    [['send', '--manifest', 'm.json', '--recipients', 'r.csv', '--retries', '-1'], '--retries', '-1'],
    [['send', '--manifest', 'm.json', '--recipients', 'r.csv', '--max-size', 'groot'], '--max-size', 'groot'],
  ] as const) {
    it(args.join(' '), async () => {
      const r = await runCli([...args, '--data', noData]);
      expect(r.code, r.stderr).toBe(ExitCode.usage);
      expect(r.stderr).toContain(`contextkaart: ${option} "${value}" is not a`);
      expect(r.stderr).not.toMatch(/NaN|data directory|not found/);
    });
  }

  it('valid values pass the parser (the data error follows)', async () => {
    const r = await runCli(['render', 'GM0153', '--timeout', '5000', '--data', noData]);
    expect(r.code).toBe(ExitCode.invalidInput);
    expect(r.stderr).not.toContain('--timeout');
  });
});

describe('-o', () => {
  it('naming one PDF for several regions is refused with the fix, and no folder of that name is made', async () => {
    const target = join(root, 'two.pdf');
    const r = await runCli(['render', 'GM0153', 'GM0164', '-o', target, '--data', noData]);
    expect(r.code).toBe(ExitCode.usage);
    expect(r.stderr).toContain(`names one PDF, but 2 regions were given. Give a folder`);
    expect(existsSync(target)).toBe(false);
  });

  it('without a value is a usage error naming the option, not silently the default', async () => {
    for (const args of [['render', 'GM0153', '-o'], ['render', 'GM0153', '--output'], ['batch', '-g', 'GM0153', '-o']]) {
      const r = await runCli([...args, '--data', noData]);
      expect(r.code, args.join(' ')).toBe(ExitCode.usage);
      expect(r.stderr).toContain('-o/--output needs a value');
    }
    for (const [args, option] of [
      [['batch', '-o', 'x', '-g'], '-g/--gemeenten'],
      [['send', '--manifest', 'm.json', '--recipients', 'r.csv', '--from'], '--from'],
      [['data', 'pack', '-o'], '-o/--output'],
      [['render', 'GM0153', '--data'], '--data'],
    ] as const) {
      const r = await runCli([...args]);
      expect(r.code, args.join(' ')).toBe(ExitCode.usage);
      expect(r.stderr).toContain(`contextkaart: ${option} needs a value: `);
    }
  });
});

describe('messages for what yargs leaves raw', () => {
  it('a missing required option next to a mistyped one: the typo and the fix', async () => {
    const r = await runCli(['batch', '--gemeente', 'Enschede', '-o', 'q', '--data', noData]);
    expect(r.code).toBe(ExitCode.usage);
    expect(r.stderr).toContain('contextkaart: missing --gemeenten (you typed --gemeente; did you mean --gemeenten?): "all" (342)');
  });

  it('a mistyped option without a command: the option first, then the complete command list, generated from the registered commands', async () => {
    const r = await runCli(['--versoin']);
    expect(r.code).toBe(ExitCode.usage);
    expect(r.stderr).toContain('contextkaart: unknown option --versoin; did you mean --version?');
    const listed = /give a command: (.+)\./.exec(r.stderr)?.[1].split(', ') ?? [];
    const help = (await runCli(['--help'])).stdout;
    const commands = [...help.matchAll(/^ {2}contextkaart ([a-z-]+)/gm)].map((m) => m[1]);
    expect(commands).toContain('completion');
    expect(listed.sort()).toEqual([...new Set(commands)].sort());
  });

  it('an unknown choice: the value, the choices and the nearest', async () => {
    const r = await runCli(['render', 'GM0153', '--edition', 'volldig', '--data', noData]);
    expect(r.code).toBe(ExitCode.usage);
    expect(r.stderr).toContain('contextkaart: unknown value "volldig" for --edition; choose kort or volledig (did you mean volledig?).');
    expect(r.stderr).not.toContain('Invalid values');
  });

  it('a missing region or gemeente: what to give', async () => {
    const render = await runCli(['render', '--data', noData]);
    expect(render.code).toBe(ExitCode.usage);
    expect(render.stderr).toContain('contextkaart: render needs a region: give a region config (.yaml), a CBS gemeente code (GM0796) or a gemeente name');
    const wijken = await runCli(['wijken', '--data', noData]);
    expect(wijken.stderr).toContain('contextkaart: wijken needs a gemeente: give a CBS gemeente code (GM0796) or name');
    expect(`${render.stderr}${wijken.stderr}`).not.toContain('non-option arguments');
  });
});

describe('an unknown gemeente typed on the command line exits 2 everywhere; in a config file 3', () => {
  for (const args of [['init', 'x', '--gemeenten', 'Enschde'], ['wijken', 'Enschde'], ['validate', 'Enschde'], ['batch', '--gemeenten', 'Enschde', '-o', 'x']]) {
    it(args.join(' '), async () => {
      const r = await runCli([...args.map((a) => (a === 'x' ? join(root, 'x') : a)), '--data', lists]);
      // batch needs the dataset for its set: without one it stops at the data; its list rule is in batch.test.ts.
      if (args[0] === 'batch') return expect(r.code).toBe(ExitCode.invalidInput);
      expect(r.code, r.stderr).toBe(ExitCode.usage);
      expect(r.stderr).toContain('unknown gemeente "Enschde"');
      expect(r.stderr).toContain('Enschede (GM0153)');
    });
  }

  it('in a config file it stays a config problem (exit 3)', async () => {
    const file = join(root, 'regio.yaml');
    writeFileSync(file, 'id: twente\narea:\n  gemeente: Enschde\n');
    const r = await runCli(['validate', file, '--config-only', '--data', lists]);
    expect(r.code).toBe(ExitCode.invalidInput);
    expect(r.stderr).toContain('unknown gemeente "Enschde"');
  });
});

describe('provinces', () => {
  it('Friesland is taken for Fryslân', async () => {
    const r = await runCli(['gemeenten', '--province', 'Friesland', '--data', lists]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('GM0080  Leeuwarden');
    expect(r.stdout).not.toContain('Enschede');
  });

  it('a typo gets the nearest province', async () => {
    const r = await runCli(['gemeenten', '--province', 'overijsel', '--data', lists]);
    expect(r.code).toBe(ExitCode.usage);
    expect(r.stderr).toContain('unknown province "overijsel"; did you mean Overijssel (PV23)?');
    const frys = await runCli(['gemeenten', '--province', 'Friesand', '--data', lists]);
    expect(frys.stderr).toContain('did you mean Fryslân (PV21)?');
  });
});

describe('send names a gemeente without a contextkaart by its name', () => {
  it('"Hengelo (GM0164) has no contextkaart", not the code twice', async () => {
    const csv = join(root, 'besturen.csv');
    writeFileSync(csv, 'bestuur,bevoegd_gezag,email,gemeenten\nStichting X,41160,a@example.nl,GM0164\n');
    const gemeenten = new Map([['GM0164', { code: 'GM0164', name: 'Hengelo', provinceCode: 'PV23', provinceName: 'Overijssel' }]]);
    const dataset = { gemeenten } as unknown as Dataset;
    const manifest: Manifest = { tool: 'contextkaart', version: '0', updatedAt: '', set: '', shard: null, reports: [] };
    const error = await loadRecipients(csv, 'besturen.csv', dataset, manifest).catch((e: Error) => e);
    expect(String((error as Error).message) + String((error as { detail?: string }).detail ?? '')).toContain('Hengelo (GM0164) has no contextkaart in the manifest');
  });
});

describe('batch progress grammar', () => {
  it('one region, and "1 of 8 regions has its PDF"', () => {
    let err = '';
    const p = createProgress({ mode: 'lines', stderr: (s) => void (err += s), stdout: () => undefined });
    p.onEvent({ type: 'start', total: 1, toRender: 1, skipped: 0 });
    p.onEvent({ type: 'interrupted', done: 1, total: 8, interrupted: [], notStarted: 1 });
    p.finish({ total: 1, ok: 1, failed: 0, skipped: 0, ms: 1000, entries: [] } as never, 'manifest.json');
    expect(err).toContain('1 region: 1 to render');
    expect(err).toContain('stopped: 1 of 8 regions has its PDF; 0 interrupted and 1 not started is rendered on the next run');
    expect(err).toContain('1 region: 1 rendered');
    expect(err).not.toMatch(/\b1 regions\b/);
  });
});

describe('help and output as the README says', () => {
  it('data fetch --help leaves out the global options it has no use for; render keeps them', async () => {
    const data = (await runCli(['data', 'fetch', '--help'])).stdout;
    expect(data).toContain('--timeout');
    expect(data).not.toContain('--browser');
    expect(data).not.toContain('--allow-outside-files');
    for (const command of ['gemeenten', 'indicators', 'init', 'schema', 'send']) expect((await runCli([command, '--help'])).stdout, command).not.toContain('--browser');
    const render = (await runCli(['render', '--help'])).stdout;
    expect(render).toContain('--browser');
    expect(render).toContain('--allow-outside-files');
  });

  it('the data command list is the registered one', () => {
    const names = dataSubcommands([], { stdout: () => undefined, stderr: () => undefined }, () => undefined).map((c) => String(c.command).split(' ')[0]);
    expect(names).toEqual([...DATA_SUBCOMMANDS]);
  });

  it('indicators --json and validate --json are one JSON document each, as the README says', async () => {
    const indicators = await runCli(['indicators', '--json', '--domain', 'armoede']);
    expect(JSON.parse(indicators.stdout)).toHaveProperty('figures');
    const validate = await runCli(['validate', 'Enschede', '--config-only', '--json', '--data', lists]);
    expect(JSON.parse(validate.stdout)).toMatchObject({ ok: true, dataChecked: false });
    const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8').replace(/\s+/g, ' ');
    expect(readme).toMatch(/one JSON document \(indented\) when they are done: `validate`[^.]*`indicators`/);
  });
});

describe('completion', () => {
  it('the script calls the bin it was generated from, so it works from a clone', async () => {
    const r = await runCli(['completion']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--get-yargs-completions');
    const script = completionScript(r.stdout, '/home/ann/contextkaart/bin/contextkaart.js');
    expect(script).toContain("node '/home/ann/contextkaart/bin/contextkaart.js' --get-yargs-completions");
    expect(script).not.toMatch(/[^/]contextkaart --get-yargs-completions/);
    // Run by another program (a test runner): the script is left as yargs wrote it.
    expect(completionScript(r.stdout, '/usr/lib/node_modules/vitest/vitest.mjs')).toBe(r.stdout);
  });
});
