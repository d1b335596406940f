/**
 * One run at a time per folder: the lock refuses a second run in the same process and
 * in another one, naming the holder; it is released after an error and after SIGINT or
 * SIGTERM of a real process; a SIGKILL leaves a stale lock that the next run takes over
 * (exactly one run, when several try at once), never one of another host. Data fetch takes it; batch and send
 * take it too (tests/data/folder-lock.test.ts: they need the real data).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireLock, lockFolder, LOCK_FILE, type LockHolder } from '../../src/util/folder-lock.js';
import { ExitCode, ReportError } from '../../src/util/errors.js';
import { messages } from '../../src/util/messages.js';
import { runFetch, stagingDirOf } from '../../src/fetch/run-fetch.js';
import { rejectedReportError } from '../helpers/errors.js';

import { deadPid, exited, holdLock, lockedMessage, readLock, sleeping, tmp, writeLock } from '../helpers/lock-tests.js';

describe('the lock in one process', () => {
  it('refuses a second lock of the folder, naming the holder; after release the folder can be locked again', async () => {
    const dir = tmp();
    const lock = await lockFolder(dir, { command: 'contextkaart batch (test)' });
    const path = join(dir, LOCK_FILE);
    expect(readLock(path)).toMatchObject({ pid: process.pid, hostname: hostname(), command: 'contextkaart batch (test)' });
    const e = await rejectedReportError(lockFolder(dir, { command: 'contextkaart send --send' }));
    expect(e.code).toBe('locked');
    expect(e.exitCode).toBe(75);
    expect(e.message).toBe(lockedMessage(dir, path, lock.holder));
    expect(e.message).toContain(`(pid ${process.pid} on ${hostname()}, since ${lock.holder.startedAt.slice(0, 10)} ${lock.holder.startedAt.slice(11, 19)} UTC)`);
    expect(e.message).toContain(`if that process no longer runs, remove ${path}`);
    await lock.release();
    expect(existsSync(path)).toBe(false);
    const again = await lockFolder(dir, { command: 'contextkaart send --send' });
    await again.release();
  });

  it('is released when the work under it throws', async () => {
    const dir = tmp();
    const work = async () => {
      await using _lock = await lockFolder(dir, { command: 'test' });
      expect(existsSync(join(dir, LOCK_FILE))).toBe(true);
      throw new Error('failed half-way');
    };
    await expect(work()).rejects.toThrow('failed half-way');
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    await (await lockFolder(dir, { command: 'test' })).release();
  });

  it('in a folder it cannot write in: says so, not "choose another path with -o"', async () => {
    const missing = join(tmp(), 'gone');
    const e = await rejectedReportError(lockFolder(missing, { command: 'contextkaart send (dry run)' }));
    expect(e.code).toBe('usage');
    expect(e.message).toMatch(new RegExp(`^cannot write the lock file ${join(missing, LOCK_FILE).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: ENOENT.*The command writes its results in that folder: make it writable, or work on a writable copy of it\\.$`));
  });

  it('of several attempts at once, exactly one gets the lock', async () => {
    const dir = tmp();
    const results = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => lockFolder(dir, { command: `attempt ${i}` })));
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const r of results.filter((x) => x.status === 'rejected')) expect((r.reason as ReportError).code).toBe('locked');
    await (won[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof lockFolder>>>).value.release();
  });
});

describe('a stale lock', () => {
  it('of a dead process of this host is taken over, in one log line', async () => {
    const dir = tmp();
    const path = join(dir, LOCK_FILE);
    const stale = writeLock(path, {});
    const notes: string[] = [];
    const lock = await lockFolder(dir, { command: 'contextkaart batch (test)', log: (l) => notes.push(l) });
    expect(notes).toEqual([messages.staleLockTakenOver(path, stale.pid, stale.command, stale.startedAt)]);
    expect(notes[0]).toContain('since 2026-11-28 09:15:02 UTC');
    expect(readLock(path)).toMatchObject({ pid: process.pid, command: 'contextkaart batch (test)' });
    await lock.release();
  });

  it('is taken over by exactly one of several attempts at once, and the winner is not removed by the others', async () => {
    const dir = tmp();
    const path = join(dir, LOCK_FILE);
    writeLock(path, {});
    const notes: string[] = [];
    // Started a little apart, so that some find the stale lock while another has just replaced it.
    const attempt = async (i: number) => {
      for (let k = 0; k < i; k++) await new Promise((r) => setImmediate(r));
      return lockFolder(dir, { command: `attempt ${i}`, log: (l) => notes.push(l) });
    };
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => attempt(i)));
    const won = results.filter((r) => r.status === 'fulfilled') as PromiseFulfilledResult<Awaited<ReturnType<typeof lockFolder>>>[];
    expect(won).toHaveLength(1);
    // The winner says so if it saw the stale lock (one that started after it was removed did not).
    expect(notes.length).toBeLessThanOrEqual(1);
    for (const r of results.filter((x) => x.status === 'rejected')) expect((r.reason as ReportError).message).toBe(lockedMessage(dir, path, won[0].value.holder));
    expect(readLock(path).token).toBe(won[0].value.holder.token);
    // No takeover marker is left behind.
    expect(readdirSync(dir)).toEqual([LOCK_FILE]);
    await won[0].value.release();
  });

  it('is taken over by exactly one of several processes at once', async () => {
    const dir = tmp();
    const path = join(dir, LOCK_FILE);
    writeLock(path, {});
    // Held until killed: a process that starts late must still find the winner's lock.
    const runs = Array.from({ length: 4 }, (_, i) => holdLock(path, 'forever', `process ${i}`));
    const firsts = await Promise.all(runs.map((r) => r.first));
    const winners = firsts.filter((f) => f.acquired === true);
    expect(winners, JSON.stringify(firsts)).toHaveLength(1);
    for (const f of firsts.filter((x) => x.acquired === false)) {
      expect(f.exitCode).toBe(ExitCode.locked);
      expect(f.message).toContain(`(pid ${winners[0].pid} on`);
    }
    expect(runs.flatMap((r) => r.lines).filter((l) => 'note' in l).length).toBeLessThanOrEqual(1);
    for (const r of runs) if (r.child.pid === winners[0].pid) r.child.kill('SIGTERM');
    await Promise.all(runs.map((r) => exited(r.child)));
    expect(existsSync(path)).toBe(false);
  });

  it('of another host is never taken over, even when that pid is not running here', async () => {
    const dir = tmp();
    const path = join(dir, LOCK_FILE);
    const other = writeLock(path, { hostname: 'rekenserver-2' });
    const e = await rejectedReportError(lockFolder(dir, { command: 'test' }));
    expect(e.exitCode).toBe(75);
    expect(e.message).toBe(lockedMessage(dir, path, other));
    expect(e.message).toContain('on rekenserver-2');
    expect(readLock(path)).toEqual(other);
  });

  it('of a live process is kept; a pid reused by a process started later, or by this very process after a restart, is not the holder', async () => {
    const dir = tmp();
    const path = join(dir, LOCK_FILE);
    const sleeper = sleeping();
    await new Promise((r) => setTimeout(r, 50));
    // Without start time (as a lock written elsewhere than Linux): a live pid holds the lock.
    const live = writeLock(path, { pid: sleeper.pid! });
    expect((await rejectedReportError(lockFolder(dir, { command: 'test' }))).message).toBe(lockedMessage(dir, path, live));
    if (existsSync(`/proc/${sleeper.pid}/stat`)) {
      const stat = readFileSync(`/proc/${sleeper.pid}/stat`, 'utf8');
      const start = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
      const bootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
      const same = writeLock(path, { pid: sleeper.pid!, processStart: start, bootId });
      expect((await rejectedReportError(lockFolder(dir, { command: 'test' }))).message).toBe(lockedMessage(dir, path, same));
      writeLock(path, { pid: sleeper.pid!, processStart: start - 100, bootId });
      await (await lockFolder(dir, { command: 'test' })).release();
      writeLock(path, { pid: sleeper.pid!, processStart: start, bootId: 'another-boot' });
      await (await lockFolder(dir, { command: 'test' })).release();
    }
    // Our own pid in a lock we do not hold: a container restarted with the same pid.
    writeLock(path, { pid: process.pid, token: 'bbbbbbbbbbbbbbbb' });
    const notes: string[] = [];
    await (await lockFolder(dir, { command: 'test', log: (l) => notes.push(l) })).release();
    expect(notes).toHaveLength(1);
  });

  it('that names no holder (a kill between creating and writing it) is not taken over; the message says to remove it', async () => {
    const dir = tmp();
    const path = join(dir, LOCK_FILE);
    writeFileSync(path, '');
    const e = await rejectedReportError(lockFolder(dir, { command: 'test' }));
    expect(e.exitCode).toBe(75);
    expect(e.message).toBe(messages.folderLockUnreadable(dir, path));
    expect(readFileSync(path, 'utf8')).toBe('');
  });
});

describe('the lock across processes', () => {
  it('refuses a second process while the first holds it, and is released when the holder gets SIGTERM or SIGINT', async () => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const dir = tmp();
      const path = join(dir, LOCK_FILE);
      const holder = holdLock(path, 'forever', 'contextkaart batch (test)');
      expect(await holder.first).toMatchObject({ acquired: true, pid: holder.child.pid });
      // Another process, and this one.
      const second = holdLock(path, 0);
      const refused = await second.first;
      expect(refused).toMatchObject({ acquired: false, exitCode: 75, message: lockedMessage(dir, path, readLock(path)) });
      expect(await exited(second.child)).toEqual({ code: 75, signal: null });
      const e = await rejectedReportError(lockFolder(dir, { command: 'test' }));
      expect(e.message).toBe(lockedMessage(dir, path, readLock(path)));
      expect(readLock(path)).toMatchObject({ pid: holder.child.pid, command: 'contextkaart batch (test)' });

      holder.child.kill(signal);
      expect(await exited(holder.child), signal).toEqual({ code: 130, signal: null });
      expect(existsSync(path), `lock after ${signal}`).toBe(false);
      const notes: string[] = [];
      await (await lockFolder(dir, { command: 'test', log: (l) => notes.push(l) })).release();
      expect(notes).toEqual([]);
    }
  });

  it('is left behind by SIGKILL and taken over by the next run, which says so', async () => {
    const dir = tmp();
    const path = join(dir, LOCK_FILE);
    const holder = holdLock(path, 'forever', 'contextkaart send --send');
    await holder.first;
    holder.child.kill('SIGKILL');
    await exited(holder.child);
    const left = readLock(path);
    expect(left.pid).toBe(holder.child.pid);
    const notes: string[] = [];
    const lock = await lockFolder(dir, { command: 'test', log: (l) => notes.push(l) });
    expect(notes).toEqual([messages.staleLockTakenOver(path, holder.child.pid!, 'contextkaart send --send', left.startedAt)]);
    await lock.release();
  });
});

describe('data fetch takes the lock', () => {
  it('data fetch: one at a time per data directory, and the lock is gone after a failed fetch', async () => {
    const root = tmp();
    const dir = join(root, 'data');
    const path = `${stagingDirOf(dir)}.lock`;
    const other = holdLock(path, 'forever', 'contextkaart data fetch');
    await other.first;
    // A closed port: the fetch would fail at once, but the lock comes first.
    const bases = { cbs: 'http://127.0.0.1:9/cbs', duo: 'http://127.0.0.1:9/duo', pdok: 'http://127.0.0.1:9/pdok' };
    const e = await rejectedReportError(runFetch({ dir, bases, http: { retries: 0, timeoutMs: 2000 }, log: () => {} }));
    expect(e.exitCode).toBe(75);
    expect(e.message).toBe(lockedMessage(dir, path, readLock(path)));
    other.child.kill('SIGINT');
    await exited(other.child);
    expect(existsSync(path)).toBe(false);

    const failed = await rejectedReportError(runFetch({ dir, bases, http: { retries: 0, timeoutMs: 2000 }, log: () => {} }));
    expect(failed.message).toContain('data fetch did not complete');
    expect(existsSync(path)).toBe(false);
  });
});
