import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ReportError } from '../errors.js';
import { messages } from '../messages.js';
import { onInterrupt } from '../interrupt.js';

/** Writes to a temp file in the same folder, then renames: a reader sees the old file or the whole new one. */
export async function writeFileAtomic(path: string, data: Uint8Array | string): Promise<void> {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const forget = onInterrupt(() => rm(tmp, { force: true }));
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (cause) {
    await rm(tmp, { force: true });
    throw new ReportError(messages.outputNotWritable(path, (cause as Error).message), 'usage', { cause });
  } finally {
    forget();
  }
}
