/**
 * Issue 21, item 5: where a user got an internal error, a message naming the file, the problem
 * and the fix, with the right exit code. (Malformed datapackage.json and a full disk while
 * copying into staging are tested with the switch, by whoever owns run-fetch.ts.)
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadRegionConfig, MAX_CONFIG_BYTES } from '../../src/config/load.js';
import { renderBatch, type BatchOptions } from '../../src/pipeline/render-batch.js';
import { ExitCode, ReportError } from '../../src/util/errors.js';
import { acquireLock, lockFolder, LOCK_FILE } from '../../src/util/folder-lock.js';
import { messages } from '../../src/util/messages.js';
import { writeFileAtomic } from '../../src/util/write-atomic.js';
import { stagingDirOf } from '../../src/fetch/run-fetch.js';
import { runCli } from '../helpers/run-cli.js';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'contextkaart-clear-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const rejected = async (p: Promise<unknown>): Promise<ReportError> => {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(ReportError);
  return e as ReportError;
};

describe('a lock file that is a folder (EISDIR)', () => {
  it('names the folder and the lock, says to remove it (exit 2), and leaves it alone', async () => {
    const dir = tmp();
    mkdirSync(join(dir, LOCK_FILE));
    const e = await rejected(lockFolder(dir, { command: 'contextkaart batch' }));
    expect(e.message).toBe(messages.lockNotAFile(dir, join(dir, LOCK_FILE), 'it is a folder, not a lock file'));
    expect(e.exitCode).toBe(ExitCode.usage);
    expect(existsSync(join(dir, LOCK_FILE))).toBe(true);
  });

  it('the same for the lock of data fetch beside its staging folder', async () => {
    const dir = join(tmp(), 'data');
    const lock = `${stagingDirOf(dir)}.lock`;
    mkdirSync(lock, { recursive: true });
    const e = await rejected(acquireLock(lock, { folder: dir, command: 'contextkaart data fetch' }));
    expect(e.message).toContain(`${lock} is in the way (it is a folder, not a lock file)`);
    expect(e.message).toContain(`remove ${lock}`);
  });
});

describe('-o below a regular file (ENOTDIR)', () => {
  it('writeFileAtomic (render -o) names the file in the way, leaves no temp file, exit 2', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'rapport'), 'a file, not a folder');
    const e = await rejected(writeFileAtomic(join(dir, 'rapport', 'sub', 'GM0363.pdf'), 'pdf'));
    expect(e.message).toBe(messages.outputBelowFile(join(dir, 'rapport', 'sub', 'GM0363.pdf'), join(dir, 'rapport')));
    expect(e.message).not.toMatch(/ENOTDIR|internal/);
    expect(e.exitCode).toBe(ExitCode.usage);
    expect(readdirSync(dir)).toEqual(['rapport']);
  });

  it('batch -o naming a file, or a folder below one: the same message before anything is rendered', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'out'), 'a file');
    const options = (outDir: string) => ({ jobs: [], outDir, dataset: {}, session: {}, toolHash: 'x', concurrency: 1, set: 'test', shard: null }) as unknown as BatchOptions;
    const below = await rejected(renderBatch(options(join(dir, 'out', 'batch'))));
    expect(below.message).toBe(messages.outputBelowFile(join(dir, 'out', 'batch', 'manifest.json'), join(dir, 'out')));
    const itself = await rejected(renderBatch(options(join(dir, 'out'))));
    expect(itself.message).toBe(messages.outputBelowFile(join(dir, 'out', 'manifest.json'), join(dir, 'out')));
    expect(itself.exitCode).toBe(ExitCode.usage);
  });
});

describe('a 5 MB config', () => {
  it('is refused naming the file, its size, the limit and the line where it passes the limit', async () => {
    const dir = tmp();
    const file = join(dir, 'regio.yaml');
    const head = 'id: x\narea:\n  gemeente: GM0796\nsections:\n  - title: Inleiding\n    text: |\n';
    const line = `      ${'Een lange tekst die hier is geplakt. '.repeat(3)}\n`;
    const text = head + line.repeat(Math.ceil((5 * 1024 * 1024) / line.length));
    writeFileSync(file, text);
    const e = await rejected(loadRegionConfig(file));
    const bytes = Buffer.byteLength(text);
    const limitLine = text.slice(0, MAX_CONFIG_BYTES).split('\n').length;
    expect(limitLine).toBeGreaterThan(6);
    expect(e.message).toBe(messages.configTooLarge(file, bytes, MAX_CONFIG_BYTES, limitLine));
    expect(e.message).toContain(`:${limitLine}: the config is 5.0 MB (${bytes.toLocaleString('en-GB')} bytes); a region config may be at most 256 kB, and it passes that on line ${limitLine}.`);
    expect(e.exitCode).toBe(ExitCode.invalidInput);
  });
});

describe('option values of data fetch, checked by the parser (exit 2, before any request)', () => {
  for (const [args, shownValue, option] of [
    [['--retries', '-1'], '-1', '--retries'],
    [['--retries', 'x'], 'x', '--retries'],
    [['--retries=2.5'], '2.5', '--retries'],
    [['--timeout', 'abc'], 'abc', '--timeout'],
    [['--timeout', '0'], '0', '--timeout'],
    [['--max-response-mb', 'lots'], 'lots', '--max-response-mb'],
    [['--max-pages', '-3'], '-3', '--max-pages'],
  ] as const) {
    it(`${args.join(' ')}`, async () => {
      const dir = tmp();
      const r = await runCli(['data', 'fetch', '--data', join(dir, 'data'), '--base-url', 'http://127.0.0.1:9', ...args]);
      expect(r.code).toBe(ExitCode.usage);
      expect(r.stderr).toContain(`${option} "${shownValue}" is not a whole number of`);
      expect(r.stderr).not.toMatch(/connection|internal error|NaN/);
      expect(existsSync(stagingDirOf(join(dir, 'data')))).toBe(false);
    });
  }

  it('valid values pass the parser (a dry run)', async () => {
    const r = await runCli(['data', 'fetch', '--dry-run', '--only', 'pdok', '--retries', '0', '--timeout', '5000', '--max-response-mb', '64', '--max-vertices', '1000000']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Would fetch');
  });
});

describe('a data directory in the middle of a switch', () => {
  it('says to finish the switch with data status, not to fetch the data again', async () => {
    const { DataReader } = await import('../../src/data/sources/data-files.js');
    const { switchJournalOf } = await import('../../src/paths.js');
    const parent = mkdtempSync(join(tmpdir(), 'ck-switch-'));
    try {
      const dir = join(parent, 'data');
      // The state a kill between the two renames leaves: no directory under its name, a journal beside it.
      writeFileSync(switchJournalOf(dir), '{}');
      const e = await new DataReader(dir).text('cbs/x.csv').catch((x: unknown) => x as ReportError);
      expect(e).toBeInstanceOf(ReportError);
      expect(e.message).toBe(messages.dataSwitchUnfinished(dir));
      expect(e.message).toContain(`contextkaart data status --data ${dir}`);
      rmSync(switchJournalOf(dir));
      expect(((await new DataReader(dir).text('cbs/x.csv').catch((x: unknown) => x)) as Error).message).toContain('not found in the data directory');
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });
});
