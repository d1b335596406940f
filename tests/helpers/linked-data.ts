/** A data directory of the staged files linked (never copied) into `dir`, with some files replaced by others. */
import { mkdir, readdir, symlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { dataDir } from './data.js';

export async function stagedDataWith(dir: string, replacements: Record<string, string>): Promise<string> {
  for (const e of await readdir(dataDir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    const rel = join(e.parentPath, e.name).slice(dataDir.length + 1);
    await mkdir(dirname(join(dir, rel)), { recursive: true });
    await symlink(replacements[rel] ?? join(e.parentPath, e.name), join(dir, rel));
  }
  return dir;
}
