/**
 * `data pack` and `data unpack` (issue 22, item 7) on a small fixture directory: pack refuses a
 * directory that is not exactly what its datapackage.json describes; unpack refuses a bundle with a
 * tampered, extra, "../", absolute, backslash, symbolic-link or doubled entry, a cut-off archive, and
 * one whose files pass their hashes but not the plausibility rules of data check; each names the file
 * and why, exits 3, and leaves the data directory as it was with nothing beside it. The round trip on
 * the real data is in tests/data/data-bundle.test.ts.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchTables } from '../../src/fetch/catalogue.js';
import { DATAPACKAGE_FILE } from '../../src/fetch/datapackage.js';
import { unsafeName } from '../../src/fetch/pack.js';
import { stagingDirOf } from '../../src/fetch/run-fetch.js';
import { acquireLock } from '../../src/util/folder-lock.js';
import { unzip } from '../../src/fetch/xlsx.js';
import { listZip, zipBytes, type ZipEntry } from '../../src/fetch/zip-write.js';
import { ExitCode } from '../../src/util/errors.js';
import { messages } from '../../src/util/messages.js';
import { runCli } from '../helpers/run-cli.js';

let tmp: string;
let n = 0;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'contextkaart-bundle-'));
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

const sha = (t: string | Buffer) => createHash('sha256').update(t).digest('hex');
const FILES = { 'cbs/a.csv': 'a;b\n1;2\n'.repeat(50), 'geo/b.geojson': '{"type":"FeatureCollection","features":[]}\n' };

function packageOf(files: Record<string, string>, title = 'fixture'): string {
  const resources = Object.entries(files).map(([f, text]) => ({ name: f, path: f, hash: `sha256:${sha(text)}`, bytes: Buffer.byteLength(text), fetchedAt: '2026-03-01T10:00:00.000Z' }));
  return JSON.stringify({ profile: 'data-package', name: 'contextkaart-data', title, created: '2026-03-01T10:00:05.000Z', resources }, null, 2);
}

/** A data directory as data fetch leaves it: files and a datapackage.json describing each. */
async function makeDir(files: Record<string, string>, title = 'fixture'): Promise<string> {
  const dir = join(tmp, `case${n++}`, 'data');
  for (const [f, text] of Object.entries(files)) {
    await mkdir(join(dir, f, '..'), { recursive: true });
    await writeFile(join(dir, f), text);
  }
  await writeFile(join(dir, DATAPACKAGE_FILE), packageOf(files, title));
  return dir;
}

/** Every file below a folder with its content (hidden ones too), to show it did not change. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  if (!existsSync(dir)) return out;
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) out[join(e.parentPath, e.name).slice(dir.length + 1)] = await readFile(join(e.parentPath, e.name), 'utf8');
  }
  return out;
}

/** The folder holding a data directory has nothing but it (and the lock file of data fetch): no staging, no .old, no journal. */
async function nothingBeside(dir: string): Promise<void> {
  const parent = join(dir, '..');
  expect((await readdir(parent)).filter((x) => !x.endsWith('.lock') && x !== 'data' && !x.endsWith('.zip'))).toEqual([]);
}

const bundleOf = (entries: ZipEntry[]) => zipBytes(entries);
const entriesOf = (files: Record<string, string>, pkg = packageOf(files)): ZipEntry[] => [
  { name: DATAPACKAGE_FILE, data: Buffer.from(pkg) },
  ...Object.entries(files).map(([name, text]) => ({ name, data: Buffer.from(text) })),
];

describe('zip writer', () => {
  it('writes an archive the reader of xlsx.ts and its own listing read back, deflated or stored', () => {
    const zip = bundleOf(entriesOf(FILES));
    const files = unzip(zip);
    expect([...files.keys()]).toEqual([DATAPACKAGE_FILE, 'cbs/a.csv', 'geo/b.geojson']);
    for (const [f, text] of Object.entries(FILES)) expect(files.get(f)!.toString('utf8')).toBe(text);
    expect(listZip(zip).map((e) => [e.name, e.mode])).toEqual([
      [DATAPACKAGE_FILE, 0o100644],
      ['cbs/a.csv', 0o100644],
      ['geo/b.geojson', 0o100644],
    ]);
    // The repeated CSV is deflated; the small file is stored.
    const a = listZip(zip).find((e) => e.name === 'cbs/a.csv')!;
    expect(a.compressed).toBeLessThan(a.size);
  });

  it('names that may not be a file of a data directory', () => {
    for (const bad of ['../x.csv', 'cbs/../../x.csv', '/etc/passwd', 'C:/x.csv', 'cbs\\a.csv', '.hidden', 'cbs//a.csv', './a.csv', 'a\u0000b', '']) expect(unsafeName(bad), bad).not.toBeNull();
    for (const good of ['cbs/a.csv', 'duo/po/x_2019-2020.csv', 'datapackage.json']) expect(unsafeName(good), good).toBeNull();
  });
});

describe('data pack', () => {
  it('writes the directory as one zip: datapackage.json and every file as described, and says what it wrote', async () => {
    const dir = await makeDir(FILES);
    const zip = join(dir, '..', 'bundle.zip');
    const r = await runCli(['data', 'pack', '--data', dir, '-o', zip]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`✓ ${zip}: `);
    expect(r.stderr).toContain('2 files and datapackage.json, data fetched 2026-03-01');
    const files = unzip(await readFile(zip));
    expect([...files.keys()]).toEqual([DATAPACKAGE_FILE, 'cbs/a.csv', 'geo/b.geojson']);
    expect(files.get(DATAPACKAGE_FILE)!.equals(await readFile(join(dir, DATAPACKAGE_FILE)))).toBe(true);
    for (const [f, text] of Object.entries(FILES)) expect(files.get(f)!.toString('utf8')).toBe(text);
    // Nothing but the bundle beside it (the temp file was renamed).
    expect((await readdir(join(dir, '..'))).filter((x) => !x.endsWith('.lock')).sort()).toEqual(['bundle.zip', 'data']);
  });

  const refusals: [string, (dir: string) => Promise<void>, (dir: string) => string][] = [
    ['a changed file (same size)', (dir) => writeFile(join(dir, 'cbs/a.csv'), FILES['cbs/a.csv'].replace('1;2', '3;4')), () => messages.packChanged('cbs/a.csv', 'its sha256 differs from datapackage.json')],
    ['a file not described', (dir) => writeFile(join(dir, 'cbs/extra.csv'), 'x\n'), () => messages.packNotDescribed('cbs/extra.csv')],
    ['a described file missing', (dir) => rm(join(dir, 'geo/b.geojson')), () => messages.packMissing('geo/b.geojson')],
    ['a symbolic link', (dir) => symlink('/etc/hostname', join(dir, 'cbs/link.csv')), () => messages.packNotRegular('cbs/link.csv')],
    ['no datapackage.json', (dir) => rm(join(dir, DATAPACKAGE_FILE)), (dir) => messages.packNoDataPackage(dir)],
  ];
  for (const [what, spoil, expected] of refusals) {
    it(`refuses ${what}: exit 3, the file named, no bundle written`, async () => {
      const dir = await makeDir(FILES);
      await spoil(dir);
      const zip = join(dir, '..', 'bundle.zip');
      const r = await runCli(['data', 'pack', '--data', dir, '-o', zip]);
      expect(r.code, r.stderr).toBe(ExitCode.invalidInput);
      expect(r.stderr).toContain(expected(dir));
      expect(existsSync(zip)).toBe(false);
      expect((await readdir(join(dir, '..'))).filter((x) => !x.endsWith('.lock'))).toEqual(['data']);
    });
  }

  it('waits for no one: while a data fetch holds the directory, exit 75 and no bundle', async () => {
    const dir = await makeDir(FILES);
    const zip = join(dir, '..', 'bundle.zip');
    await using _held = await acquireLock(`${stagingDirOf(dir)}.lock`, { folder: dir, command: 'contextkaart data fetch' });
    const r = await runCli(['data', 'pack', '--data', dir, '-o', zip]);
    expect(r.code, r.stderr).toBe(ExitCode.locked);
    expect(r.stderr).toContain('contextkaart data fetch');
    expect(existsSync(zip)).toBe(false);
  });

  it('refuses to write the bundle inside the data directory (exit 2)', async () => {
    const dir = await makeDir(FILES);
    const r = await runCli(['data', 'pack', '--data', dir, '-o', join(dir, 'bundle.zip')]);
    expect(r.code, r.stderr).toBe(ExitCode.usage);
    expect(r.stderr).toContain(messages.packOutputInside(join(dir, 'bundle.zip'), dir));
  });
});

describe('data unpack refuses a bundle that is not complete and true, and changes nothing', () => {
  const withFile = (name: string, data: string, mode?: number): ZipEntry[] => [...entriesOf(FILES), { name, data: Buffer.from(data), mode }];
  const cases: [string, () => Buffer, string][] = [
    ['a tampered entry', () => bundleOf(entriesOf({ ...FILES, 'cbs/a.csv': FILES['cbs/a.csv'].replace('1;2', '9;9') }, packageOf(FILES))), messages.unpackChanged('cbs/a.csv', "its sha256 differs from the bundle's datapackage.json")],
    ['an entry of another size than described', () => bundleOf(entriesOf({ ...FILES, 'cbs/a.csv': `${FILES['cbs/a.csv']}x` }, packageOf(FILES))), 'cbs/a.csv: its sha256 differs'],
    ['an extra entry', () => bundleOf(withFile('cbs/extra.csv', 'x\n')), messages.unpackUnknown('cbs/extra.csv')],
    ['a "../" entry', () => bundleOf(withFile('../evil.csv', 'x\n')), messages.unpackBadName('../evil.csv', 'a ".." that leads out of the folder')],
    ['a "../" entry deeper down', () => bundleOf(withFile('cbs/../../evil.csv', 'x\n')), messages.unpackBadName('cbs/../../evil.csv', 'a ".." that leads out of the folder')],
    ['an absolute path', () => bundleOf(withFile('/tmp/evil.csv', 'x\n')), messages.unpackBadName('/tmp/evil.csv', 'an absolute path')],
    ['a backslash', () => bundleOf(withFile('..\\evil.csv', 'x\n')), messages.unpackBadName('..\\evil.csv', 'a backslash in the name')],
    ['a symbolic link', () => bundleOf(withFile('cbs/link.csv', '/etc/passwd', 0o120777)), messages.unpackSymlink('cbs/link.csv')],
    ['an entry twice', () => bundleOf([...entriesOf(FILES), { name: 'cbs/a.csv', data: Buffer.from('x') }]), messages.unpackDuplicate('cbs/a.csv')],
    ['a described file missing', () => bundleOf(entriesOf({ 'cbs/a.csv': FILES['cbs/a.csv'] }, packageOf(FILES))), messages.unpackMissing('geo/b.geojson')],
    ['no datapackage.json', () => bundleOf(entriesOf(FILES).slice(1)), messages.unpackNoDataPackage()],
    ['a cut-off archive', () => bundleOf(entriesOf(FILES)).subarray(0, 300), 'the archive is damaged or cut off (no end of the zip directory'],
    ['an archive cut off by a few bytes', () => { const z = bundleOf(entriesOf(FILES)); return z.subarray(0, z.length - 5); }, 'the archive is damaged or cut off'],
    ['a damaged deflate stream', () => { const z = Buffer.from(bundleOf(entriesOf(FILES))); const at = z.indexOf('cbs/a.csv') + 'cbs/a.csv'.length + 3; z[at] ^= 0xff; z[at + 1] ^= 0xff; return z; }, 'cbs/a.csv'],
    ['files true to their hashes that fail the plausibility rules of data check', () => bundleOf(entriesOf(FILES)), messages.unpackLacksTable(fetchTables[0].file)],
  ];
  for (const [what, make, expected] of cases) {
    it(`${what}: exit 3, named, the data directory unchanged`, async () => {
      const dir = await makeDir({ 'cbs/old.csv': 'old\n' }, 'previous');
      const before = await snapshot(dir);
      const bundle = join(dir, '..', 'bundle.zip');
      await writeFile(bundle, make());
      const r = await runCli(['data', 'unpack', bundle, '--data', dir]);
      expect(r.code, r.stderr).toBe(ExitCode.invalidInput);
      expect(r.stderr).toContain(`the bundle ${bundle} is refused`);
      expect(r.stderr).toContain(`nothing in ${dir} was changed`);
      expect(r.stderr).toContain(expected);
      expect(await snapshot(dir)).toEqual(before);
      await nothingBeside(dir);
    });
  }

  it('into a directory that does not exist yet: it is not made', async () => {
    const dir = join(tmp, `case${n++}`, 'data');
    await mkdir(join(dir, '..'), { recursive: true });
    const bundle = join(dir, '..', 'bundle.zip');
    await writeFile(bundle, bundleOf(entriesOf({ ...FILES, 'cbs/a.csv': 'tampered' }, packageOf(FILES))));
    const r = await runCli(['data', 'unpack', bundle, '--data', dir]);
    expect(r.code, r.stderr).toBe(ExitCode.invalidInput);
    expect(existsSync(dir)).toBe(false);
  });

  it('without a bundle, or with one that is not there: exit 2', async () => {
    const none = await runCli(['data', 'unpack', '--data', join(tmp, 'x')]);
    expect(none.code, none.stderr).toBe(ExitCode.usage);
    expect(none.stderr).toContain(messages.unpackNoBundle());
    const missing = await runCli(['data', 'unpack', join(tmp, 'nope.zip'), '--data', join(tmp, 'x')]);
    expect(missing.code, missing.stderr).toBe(ExitCode.usage);
    expect(missing.stderr).toContain(messages.unpackUnreadable(join(tmp, 'nope.zip'), 'no such file'));
  });
});
