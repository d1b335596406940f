/**
 * The switch of `data fetch` killed with SIGKILL after each of its steps (issue 21, item 4): at
 * every moment the old or the new directory is complete (under its name, or for the one gap
 * between the two renames under the name the journal gives), the next run finishes or rolls back
 * the half switch, nothing is left over, and datapackage.json describes every file. Also: the
 * leftovers of older versions (.<dir>.staging.old-PID, never removed), a malformed
 * datapackage.json in status, check and fetch.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportError } from '../../src/util/errors.js';
import { messages } from '../../src/util/messages.js';
import { finishHalfSwitch, journalOf, oldDirOf, runFetch, stagingDirOf, type SwitchStep } from '../../src/fetch/run-fetch.js';
import { DATAPACKAGE_FILE, readDataPackage } from '../../src/fetch/datapackage.js';
import { runCli } from '../helpers/run-cli.js';
import { WAIT_MS } from '../helpers/timeouts.js';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'contextkaart-switch-'));
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

const sha = (t: string) => createHash('sha256').update(t).digest('hex');

/** A data directory as data fetch leaves it: files and a datapackage.json describing each. */
async function makeDir(path: string, files: Record<string, string>, version: string): Promise<void> {
  await mkdir(path, { recursive: true });
  for (const [f, text] of Object.entries(files)) {
    await mkdir(join(path, f, '..'), { recursive: true });
    await writeFile(join(path, f), text);
  }
  const resources = Object.entries(files).map(([f, text]) => ({ name: f, path: f, hash: `sha256:${sha(text)}`, bytes: text.length, version }));
  await writeFile(join(path, DATAPACKAGE_FILE), JSON.stringify({ profile: 'data-package', name: 'contextkaart-data', title: version, created: '', resources }));
}

/** The version a directory holds, after checking that its datapackage.json describes every file and nothing else. */
async function versionOf(path: string): Promise<string> {
  const pkg = JSON.parse(await readFile(join(path, DATAPACKAGE_FILE), 'utf8')) as { title: string; resources: { path: string; hash: string }[] };
  const files: string[] = [];
  const walk = async (sub: string) => {
    for (const e of await readdir(join(path, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(rel);
      else if (rel !== DATAPACKAGE_FILE) files.push(rel);
    }
  };
  await walk('');
  expect(files.sort(), `${path}: datapackage.json describes every file`).toEqual(pkg.resources.map((r) => r.path).sort());
  for (const r of pkg.resources) expect(r.hash, r.path).toBe(`sha256:${sha(await readFile(join(path, r.path), 'utf8'))}`);
  return pkg.title;
}

const OLD = { 'cbs/a.csv': 'a\n1\n' };
const NEW = { 'cbs/a.csv': 'a\n2\n', 'geo/b.geojson': '{}' };

function killAt(dir: string, staging: string, step: SwitchStep): Promise<{ signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((done) => {
    const child = execFile(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '../helpers/switch-child.ts'), dir, staging, step], { timeout: WAIT_MS }, (_e, _o, stderr) => done({ signal: child.signalCode, stderr }));
  });
}

describe('the switch killed with SIGKILL after each step', () => {
  const steps: SwitchStep[] = ['journal-written', 'old-moved-aside', 'new-in-place', 'journal-removed'];
  for (const step of steps) {
    it(`after "${step}": the old or the new directory is complete, the next run finishes the switch, and nothing is left over`, async () => {
      const root = join(tmp, step);
      const dir = join(root, 'data');
      await makeDir(dir, OLD, 'old');
      await makeDir(stagingDirOf(dir), NEW, 'new');
      const { signal, stderr } = await killAt(dir, stagingDirOf(dir), step);
      expect(signal, stderr).toBe('SIGKILL');

      // Right after the kill: the old or the new data is complete, under its name or (between the two renames) where the journal says.
      if (existsSync(dir)) expect(['old', 'new']).toContain(await versionOf(dir));
      else {
        expect(existsSync(journalOf(dir)), 'the gap between the renames is journalled').toBe(true);
        expect(await versionOf(oldDirOf(dir))).toBe('old');
        expect(await versionOf(stagingDirOf(dir))).toBe('new');
      }

      // The next run (here: data check, which runs the same recovery as data fetch) finishes the switch.
      const logs: string[] = [];
      await finishHalfSwitch(dir, (l) => logs.push(l));
      expect(await versionOf(dir)).toBe('new');
      expect((await readdir(root)).filter((n) => !n.endsWith('.lock'))).toEqual(['data']);
      if (step === 'journal-written' || step === 'old-moved-aside') expect(logs.join('\n')).toContain(messages.fetchSwitchCompleted(dir, 'finished'));
    });
  }

  it('killed before the new folder was complete (no datapackage.json yet): the previous directory stays, and a gap is rolled back', async () => {
    const root = join(tmp, 'incomplete');
    const dir = join(root, 'data');
    await makeDir(oldDirOf(dir), OLD, 'old');
    await mkdir(stagingDirOf(dir), { recursive: true });
    await writeFile(join(stagingDirOf(dir), 'half.csv'), 'a\n');
    await writeFile(journalOf(dir), '{}');
    expect(await finishHalfSwitch(dir)).toBe('rolled back');
    expect(await versionOf(dir)).toBe('old');
    expect(existsSync(journalOf(dir))).toBe(false);
    expect(existsSync(oldDirOf(dir))).toBe(false);
  });

  it('the leftover of an older version killed between its renames (.data.staging.old-PID, no data directory) is put back, and data check says so', async () => {
    const root = join(tmp, 'legacy');
    const dir = join(root, 'data');
    await makeDir(`${stagingDirOf(dir)}.old-12345`, OLD, 'old');
    expect(existsSync(dir)).toBe(false);
    const r = await runCli(['data', 'status', '--data', dir]);
    expect(r.stderr).toContain(messages.fetchSwitchCompleted(dir, 'rolled back'));
    expect(await versionOf(dir)).toBe('old');
    expect((await readdir(root)).filter((n) => !n.endsWith('.lock'))).toEqual(['data']);
  });
});

describe('a malformed datapackage.json', () => {
  for (const [what, text, reason] of [
    ['cut off', '{"profile": "data-package", "resources": [', 'not valid JSON'],
    ['resources not a list', '{"resources": "all"}', '"resources" is not a list'],
    ['null', 'null', 'not an object'],
    ['a resource without a path', '{"resources": [null]}', 'resource 1 has no "path"'],
  ] as const) {
    it(`(${what}) gives status, check and fetch one clear error naming the file and the fix, not an internal error`, async () => {
      const dir = join(tmp, `pkg-${what.replace(/\W+/g, '-')}`);
      await makeDir(dir, OLD, 'old');
      await writeFile(join(dir, DATAPACKAGE_FILE), text);
      const path = join(dir, DATAPACKAGE_FILE);
      await expect(readDataPackage(dir)).rejects.toThrow(ReportError);
      for (const action of ['status', 'check']) {
        const r = await runCli(['data', action, '--data', dir]);
        expect(r.code, r.stderr).toBe(3);
        expect(r.stderr).toContain(`${path} cannot be read as the datapackage.json data fetch writes (${reason}`);
        expect(r.stderr).toContain('Fetch again into a new folder (--data NEW_DIR)');
        expect(r.stderr).not.toMatch(/internal error|TypeError|SyntaxError/);
      }
      const e = await runFetch({ dir, bases: { cbs: 'http://127.0.0.1:9/none', duo: 'http://127.0.0.1:9/none', pdok: 'http://127.0.0.1:9/none' }, log: () => {} }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(ReportError);
      expect((e as ReportError).message).toContain(`${path} cannot be read`);
      expect(await readFile(path, 'utf8')).toBe(text);
    });
  }
});
