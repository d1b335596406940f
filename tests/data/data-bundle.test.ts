/**
 * `data pack` then `data unpack` on the real data (issue 22, item 7): a copy of the staged directory,
 * described by a datapackage.json as data fetch writes one (every file with its sha256 and size), is
 * packed and unpacked into a fresh directory: every file comes back identical and data check passes.
 * Unpacked over an existing fetched directory, the bundle replaces it whole (through the journalled
 * switch of data fetch, whose kill-at-every-step tests are tests/unit/safe-switch.test.ts); a folder
 * data fetch did not make is never replaced. The refusals are tests/unit/data-bundle.test.ts.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATAPACKAGE_FILE, fileHash, resourceFor } from '../../src/fetch/datapackage.js';
import { stagingDirOf } from '../../src/fetch/run-fetch.js';
import { listZip } from '../../src/fetch/zip-write.js';
import { acquireLock } from '../../src/util/folder-lock.js';
import { ExitCode } from '../../src/util/errors.js';
import { messages } from '../../src/util/messages.js';
import { dataDir } from '../helpers/data.js';
import { runCli } from '../helpers/run-cli.js';

let tmp: string;
let src: string;
let bundle: string;

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Every file below a folder (relative path → sha256). */
async function contents(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) out[join(e.parentPath, e.name).slice(dir.length + 1)] = sha(await readFile(join(e.parentPath, e.name)));
  }
  return out;
}

/** What is beside the data directory besides it (lock files of data fetch aside): no staging, no .old, no journal. */
const beside = async (dir: string) => (await readdir(join(dir, '..'))).filter((x) => x !== 'data' && !x.endsWith('.lock'));

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'contextkaart-bundle-data-'));
  src = join(tmp, 'src', 'data');
  await cp(dataDir, src, { recursive: true });
  // The staged copy has no datapackage.json: described here as data fetch describes a directory.
  const files = Object.keys(await contents(src)).sort();
  const resources = [];
  for (const f of files) resources.push(resourceFor(f, { ...(await fileHash(join(src, f)))!, fetchedAt: '2026-03-01T10:00:00.000Z' }));
  await writeFile(join(src, DATAPACKAGE_FILE), `${JSON.stringify({ profile: 'data-package', name: 'contextkaart-data', title: 'staged copy', created: '2026-03-01T10:05:00.000Z', resources }, null, 2)}\n`);
  bundle = join(tmp, 'bundle.zip');
  const r = await runCli(['data', 'pack', '--data', src, '-o', bundle]);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stderr).toContain(`✓ ${bundle}: `);
  expect(r.stderr).toContain(`${files.length} files and datapackage.json, data fetched 2026-03-01`);
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

describe('data pack and unpack on the real data', () => {
  it('the bundle holds datapackage.json and every file, each once', async () => {
    const names = listZip(await readFile(bundle)).map((e) => e.name);
    expect(names[0]).toBe(DATAPACKAGE_FILE);
    expect([...names].sort()).toEqual(Object.keys(await contents(src)).sort());
  });

  it('unpacked into a fresh directory: every file identical (datapackage.json too), data check passes, nothing left beside it', async () => {
    const dir = join(tmp, 'fresh', 'data');
    const r = await runCli(['data', 'unpack', bundle, '--data', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(messages.unpackDone(bundle, dir, Object.keys(await contents(src)).length - 1, '2026-03-01'));
    expect(await contents(dir)).toEqual(await contents(src));
    expect(await beside(dir)).toEqual([]);
    const check = await runCli(['data', 'check', '--data', dir]);
    expect(check.code, check.stderr).toBe(0);
    expect(check.stderr).toContain('sha256 as in datapackage.json');
  });

  it('unpacked over an existing fetched directory: replaced whole (its other files gone), nothing left beside it', async () => {
    const dir = join(tmp, 'existing', 'data');
    await mkdir(join(dir, 'cbs'), { recursive: true });
    await writeFile(join(dir, 'cbs', 'only-in-the-old.csv'), 'a\n1\n');
    await writeFile(join(dir, DATAPACKAGE_FILE), JSON.stringify({ profile: 'data-package', name: 'contextkaart-data', title: 'old', created: '', resources: [{ path: 'cbs/only-in-the-old.csv' }] }));
    const r = await runCli(['data', 'unpack', bundle, '--data', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(await contents(dir)).toEqual(await contents(src));
    expect(existsSync(join(dir, 'cbs', 'only-in-the-old.csv'))).toBe(false);
    expect(await beside(dir)).toEqual([]);
  });

  it('while a data fetch holds the directory: exit 75, the directory unchanged', async () => {
    const dir = join(tmp, 'existing', 'data');
    const before = await contents(dir);
    await using _held = await acquireLock(`${stagingDirOf(dir)}.lock`, { folder: dir, command: 'contextkaart data fetch' });
    const r = await runCli(['data', 'unpack', bundle, '--data', join(tmp, 'existing', 'data')]);
    expect(r.code, r.stderr).toBe(ExitCode.locked);
    expect(await contents(dir)).toEqual(before);
  });

  it('a folder data fetch did not make (files, no datapackage.json) is never replaced: exit 2, unchanged', async () => {
    const dir = join(tmp, 'foreign', 'data');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'notes.txt'), 'mine\n');
    const r = await runCli(['data', 'unpack', bundle, '--data', dir]);
    expect(r.code, r.stderr).toBe(ExitCode.usage);
    expect(r.stderr).toContain(messages.unpackForeignDir(dir));
    expect(await readdir(dir)).toEqual(['notes.txt']);
    expect(await beside(dir)).toEqual([]);
  });
});
