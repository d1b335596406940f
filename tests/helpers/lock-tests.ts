/** What the folder-lock tests share: temp folders and child processes cleaned up after each test, lock files written and read, a lock held by a child. */
import { afterEach } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LockHolder } from '../../src/util/folder-lock.js';
import { messages } from '../../src/util/messages.js';

const dirs: string[] = [];
const children: ChildProcess[] = [];
export const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'contextkaart-lock-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

export const readLock = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as LockHolder;
export const lockedMessage = (folder: string, path: string, h: LockHolder) => messages.folderLocked(folder, path, h.pid, h.hostname, h.command, h.startedAt);
/** The id of a process that has ended. */
export const deadPid = () => spawnSync('true').pid!;
export const sleeping = () => {
  const c = spawn('sleep', ['60'], { stdio: 'ignore' });
  children.push(c);
  return c;
};
export const exited = (c: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => (c.exitCode !== null || c.signalCode !== null ? r({ code: c.exitCode, signal: c.signalCode }) : c.on('exit', (code, signal) => r({ code, signal }))));

/** tests/helpers/hold-lock.ts in a child; resolves with its first JSON line (and the rest as they come). */
export function holdLock(lockFile: string, hold: number | 'forever', command?: string): { child: ChildProcess; first: Promise<Record<string, unknown>>; lines: Record<string, unknown>[] } {
  const child = spawn('node', ['--import', 'tsx', 'tests/helpers/hold-lock.ts', lockFile, String(hold), ...(command ? [command] : [])], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const lines: Record<string, unknown>[] = [];
  let buffer = '';
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const first = new Promise<Record<string, unknown>>((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      buffer += d;
      for (let i = buffer.indexOf('\n'); i >= 0; i = buffer.indexOf('\n')) {
        const line = JSON.parse(buffer.slice(0, i)) as Record<string, unknown>;
        buffer = buffer.slice(i + 1);
        lines.push(line);
        if ('acquired' in line) resolve(line);
      }
    });
    child.on('exit', (code) => reject(new Error(`hold-lock exited (${code}) without a result: ${stderr}`)));
  });
  return { child, first, lines };
}

export function writeLock(path: string, holder: Partial<LockHolder>): LockHolder {
  const h: LockHolder = { pid: deadPid(), hostname: hostname(), command: 'contextkaart batch (alle 342 gemeenten)', startedAt: '2026-11-28T09:15:02.123Z', token: 'aaaaaaaaaaaaaaaa', ...holder };
  writeFileSync(path, JSON.stringify(h));
  return h;
}
