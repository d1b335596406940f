/**
 * One run at a time per folder: batch locks its output folder, send the folder of its
 * manifest and send log (the same folder when it sends a batch's manifest, so a batch
 * and a send on it exclude each other too), data fetch the staging area of its data
 * directory. The lock is a file created with O_EXCL that names its holder (pid, host,
 * command, start); it is removed on normal exit, on error and at process exit (also
 * after Ctrl-C/SIGTERM, whose handler ends with process.exit). A SIGKILL leaves it
 * behind: a lock of this host whose process is gone is stale and taken over, never
 * one of another host.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { open, readFile, readdir, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { ReportError } from './errors.js';
import { messages } from './messages.js';

export const LOCK_FILE = '.contextkaart.lock';

export interface LockHolder {
  pid: number;
  hostname: string;
  command: string;
  startedAt: string;
  /** Random per lock: a release or takeover touches only the lock it read. */
  token: string;
  /** Linux: the boot the process ran in, and its start time in clock ticks since boot (pid reuse). */
  bootId?: string;
  processStart?: number;
}

export interface FolderLock extends AsyncDisposable {
  readonly path: string;
  readonly holder: LockHolder;
  release(): Promise<void>;
}

export interface LockOptions {
  /** What the lock guards, as named in the message (default: the lock file's folder). */
  folder?: string;
  /** Recorded in the lock and shown to whoever finds the folder locked, e.g. "contextkaart batch". */
  command: string;
  /** The one line saying that a stale lock was taken over. */
  log?: (line: string) => void;
}

/** Tokens of the locks this process holds (a second attempt in the same process is refused). */
const heldHere = new Set<string>();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Locks `<dir>/.contextkaart.lock`; the folder must exist. */
export function lockFolder(dir: string, options: LockOptions): Promise<FolderLock> {
  return acquireLock(join(dir, LOCK_FILE), { folder: dir, ...options });
}

/** Creates the lock file or throws ReportError(messages.folderLocked, 'locked'). */
export async function acquireLock(lockPath: string, options: LockOptions): Promise<FolderLock> {
  const path = resolve(lockPath);
  const folder = options.folder ?? dirname(path);
  const mine: LockHolder = {
    pid: process.pid,
    hostname: hostname(),
    command: options.command,
    startedAt: new Date().toISOString(),
    token: randomBytes(8).toString('hex'),
    ...processIdentity(process.pid),
  };
  let takenOver: LockHolder | undefined;
  let holder: LockHolder | 'unreadable' | undefined;
  for (let attempt = 0; attempt < 10; attempt++) {
    if (await createExclusive(path, mine)) {
      if (takenOver) options.log?.(messages.staleLockTakenOver(path, takenOver.pid, takenOver.command, takenOver.startedAt));
      const lock = heldLock(path, mine);
      await removeTakeoverMarkers(path);
      return lock;
    }
    holder = await readHolder(path, folder);
    if (holder === undefined) continue; // released in between: try again
    if (holder === 'unreadable' || !isStale(holder)) break;
    // Whoever then creates the lock says so (not necessarily the one that removed the stale file).
    takenOver = holder;
    await removeStaleLock(path, holder);
  }
  // Unreadable, or (hardly possible) a lock that kept appearing and vanishing under us.
  if (holder === 'unreadable' || holder === undefined) throw new ReportError(messages.folderLockUnreadable(folder, path), 'locked');
  throw new ReportError(messages.folderLocked(folder, path, holder.pid, holder.hostname, holder.command, holder.startedAt), 'locked');
}

async function createExclusive(path: string, holder: LockHolder): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new ReportError(messages.lockNotWritable(path, (e as Error).message), 'usage', { cause: e });
  }
  heldHere.add(holder.token);
  try {
    await handle.writeFile(`${JSON.stringify(holder)}\n`);
    await handle.sync();
  } catch (e) {
    heldHere.delete(holder.token);
    await rm(path, { force: true });
    throw new ReportError(messages.lockNotWritable(path, (e as Error).message), 'usage', { cause: e });
  } finally {
    await handle.close();
  }
  return true;
}

/**
 * The holder named in the lock file; undefined when the file is gone. A file just created
 * may not hold its JSON yet: read again for a moment before calling it unreadable.
 */
async function readHolder(path: string, folder = dirname(path)): Promise<LockHolder | 'unreadable' | undefined> {
  for (let i = 0; i < 20; i++) {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return undefined;
      // A folder (EISDIR) or an unreadable file where the lock file belongs: not a lock any run can hold or take over.
      throw new ReportError(messages.lockNotAFile(folder, path, code === 'EISDIR' ? 'it is a folder, not a lock file' : (e as Error).message), 'usage', { cause: e });
    }
    try {
      const h = JSON.parse(text) as LockHolder;
      if (Number.isInteger(h.pid) && typeof h.hostname === 'string' && typeof h.token === 'string') return h;
    } catch {
      // being written, or not a lock of ours
    }
    await sleep(50);
  }
  return 'unreadable';
}

/** A lock of this host whose process is gone (or is another process with the same pid now). */
export function isStale(holder: LockHolder): boolean {
  if (holder.hostname !== hostname()) return false;
  if (holder.pid === process.pid) return !heldHere.has(holder.token);
  if (!processRuns(holder.pid)) return true;
  const now = processIdentity(holder.pid);
  if (holder.bootId && now.bootId && holder.bootId !== now.bootId) return true;
  return holder.processStart !== undefined && now.processStart !== undefined && holder.processStart !== now.processStart;
}

/**
 * Removes a stale lock so that exactly one process takes it over. Whoever removes it first
 * creates a marker named after the stale lock's token (O_EXCL, so one at a time) and
 * re-reads the lock: only if it is still that stale lock is it removed. A second process
 * that judged the same lock stale then finds the marker or a new lock, never removes the
 * new one.
 */
async function removeStaleLock(path: string, stale: LockHolder): Promise<void> {
  const marker = `${path}.takeover-${stale.token}`;
  let handle;
  try {
    handle = await open(marker, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    await sleep(100); // another process is taking it over right now
    return;
  }
  try {
    const now = await readHolder(path);
    if (now !== undefined && now !== 'unreadable' && now.token === stale.token) await rm(path, { force: true });
  } finally {
    await handle.close();
    await rm(marker, { force: true });
  }
}

/** Markers of earlier takeovers (a process killed during one): once we hold a new lock they name a lock that is gone. */
async function removeTakeoverMarkers(path: string): Promise<void> {
  const prefix = `${basename(path)}.takeover-`;
  const names = await readdir(dirname(path)).catch(() => [] as string[]);
  await Promise.all(names.filter((n) => n.startsWith(prefix)).map((n) => rm(join(dirname(path), n), { force: true })));
}

function heldLock(path: string, holder: LockHolder): FolderLock {
  let released = false;
  // Ctrl-C/SIGTERM: the CLI's handler runs the clean-ups (browser, temp files), then exits; the lock goes last.
  const onExit = () => removeIfOurs(path, holder.token);
  process.on('exit', onExit);
  const release = async () => {
    if (released) return;
    released = true;
    process.off('exit', onExit);
    removeIfOurs(path, holder.token);
    heldHere.delete(holder.token);
  };
  return { path, holder, release, [Symbol.asyncDispose]: release };
}

/** Synchronous, so it also runs in the process's 'exit' event. */
function removeIfOurs(path: string, token: string): void {
  try {
    if ((JSON.parse(readFileSync(path, 'utf8')) as LockHolder).token === token) unlinkSync(path);
  } catch {
    // gone already, or replaced by hand: not ours to remove
  }
}

function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Boot id and start time of a process on Linux (nothing elsewhere): tells a reused pid from the lock's process. */
function processIdentity(pid: number): { bootId?: string; processStart?: number } {
  try {
    const bootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces): state is field 3, starttime field 22.
    const processStart = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
    return Number.isFinite(processStart) ? { bootId, processStart } : { bootId };
  } catch {
    return {};
  }
}
