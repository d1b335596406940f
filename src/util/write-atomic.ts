import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ReportError } from './errors.js';
import { messages } from './messages.js';
import { onInterrupt } from './interrupt.js';

/** Temp files of writeFileAtomic: ".<name>.<pid>.<8 hex>.tmp", hidden and never named like output. */
const TEMP_FILE = /^\..+\.(\d+)\.[0-9a-f]{8}\.tmp$/;

/**
 * Writes to a temp file in the same folder, flushes it to disk, then renames: a reader
 * sees the old file or the whole new one, also after a kill (SIGKILL leaves at most a
 * temp file, which removeStaleTempFiles clears) or a power cut.
 */
export async function writeFileAtomic(path: string, data: Uint8Array | string): Promise<void> {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const forget = onInterrupt(() => rm(tmp, { force: true }));
  try {
    await mkdir(dir, { recursive: true });
    const handle = await open(tmp, 'w');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
    await syncDir(dir);
  } catch (cause) {
    // Below a regular file rm fails too (ENOTDIR): nothing was made there, nothing to remove.
    await rm(tmp, { force: true }).catch(() => {});
    throw await notWritable(path, cause);
  } finally {
    forget();
  }
}

/**
 * The error for a path that cannot be written: when a part of it is a regular file (ENOTDIR,
 * EEXIST from mkdir), the message names that file; otherwise the system's reason.
 */
export async function notWritable(path: string, cause: unknown): Promise<ReportError> {
  const code = (cause as NodeJS.ErrnoException).code;
  if (code === 'ENOTDIR' || code === 'EEXIST') {
    const file = await fileInTheWay(dirname(path));
    if (file) return new ReportError(messages.outputBelowFile(path, file), 'usage', { cause });
  }
  return new ReportError(messages.outputNotWritable(path, (cause as Error).message), 'usage', { cause });
}

/** The nearest of `dir` and its parents that exists and is not a folder. */
async function fileInTheWay(dir: string): Promise<string | undefined> {
  for (let d = dir; ; d = dirname(d)) {
    const info = await stat(d).catch(() => undefined);
    if (info) return info.isDirectory() ? undefined : d;
    if (dirname(d) === d) return undefined;
  }
}

/** Makes a rename durable; best effort (not every file system lets a folder be opened for sync). */
async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // the data itself is synced; only the rename may be lost in a power cut
  }
}

/** Whether a process with this id runs (a temp file of a running process is not stale). */
function processRuns(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the temp files that a killed process (SIGKILL, power cut) left in a folder:
 * those of writeFileAtomic whose process no longer runs. Returns their names.
 */
export async function removeStaleTempFiles(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const stale = names.filter((n) => {
    const m = TEMP_FILE.exec(n);
    return m !== null && !processRuns(Number(m[1]));
  });
  await Promise.all(stale.map((n) => rm(join(dir, n), { force: true })));
  return stale;
}

export function isTempFile(name: string): boolean {
  return TEMP_FILE.test(name);
}
