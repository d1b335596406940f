/**
 * The folder lock with the real batch CLI in a child process: a second batch into the
 * folder is refused while the first runs (exit 75, the first named), and the lock is
 * gone after Ctrl-C (SIGINT and SIGTERM of a child holding a lock: tests/unit/folder-lock.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCK_FILE, type LockHolder } from '../../src/util/folder-lock.js';
import { messages } from '../../src/util/messages.js';
import { dataDir, realDataset } from '../helpers/data.js';
import { runCli } from '../helpers/run-cli.js';
import { WAIT_MS } from '../helpers/timeouts.js';

let root: string;
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'contextkaart-lock-int-'));
  await realDataset(); // loaded once here, so the second batch reaches the lock at once
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const exited = (c: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => (c.exitCode !== null || c.signalCode !== null ? r({ code: c.exitCode, signal: c.signalCode }) : c.on('exit', (code, signal) => r({ code, signal }))));

/** A batch of two small gemeenten, one page at a time, from source; resolves once it holds the lock. */
async function startBatch(dir: string): Promise<{ child: ChildProcess; holder: LockHolder; stderr: () => string }> {
  const child = spawn('node', ['--import', 'tsx', 'tests/helpers/cli-source.ts', 'batch', '--gemeenten', 'GM0088,GM0060', '-o', dir, '--concurrency', '1', '--data', dataDir], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const path = join(dir, LOCK_FILE);
  const t0 = Date.now();
  while (!existsSync(path) && child.exitCode === null && Date.now() - t0 < WAIT_MS) await sleep(20);
  let holder: LockHolder | undefined;
  while (!holder && Date.now() - t0 < WAIT_MS) {
    try {
      holder = JSON.parse(readFileSync(path, 'utf8')) as LockHolder;
    } catch {
      await sleep(10); // being written
    }
  }
  return { child, holder: holder!, stderr: () => stderr };
}

describe('two batches into one folder', () => {
  it('the second is refused while the first runs (exit 75, the first named); the first leaves no lock after Ctrl-C', async () => {
    const dir = join(root, 'out');
    const path = join(dir, LOCK_FILE);
    const first = await startBatch(dir);
    expect(first.holder).toMatchObject({ pid: first.child.pid, command: 'contextkaart batch (2 gemeenten)' });

    const second = await runCli(['batch', '--gemeenten', 'GM0088', '-o', dir, '--data', dataDir, '--concurrency', '1']);
    expect(first.child.exitCode, 'the first batch still runs').toBeNull();
    expect(second.code).toBe(75);
    expect(second.stderr).toBe(`contextkaart: ${messages.folderLocked(dir, path, first.child.pid!, first.holder.hostname, first.holder.command, first.holder.startedAt)}\n`);

    first.child.kill('SIGINT');
    expect(await exited(first.child), first.stderr()).toEqual({ code: 130, signal: null });
    expect(first.stderr()).toContain('interrupted (SIGINT)');
    expect(existsSync(path)).toBe(false);
  });
});
