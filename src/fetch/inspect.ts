/** `contextkaart data status` and `data check`: what a data directory holds, and whether the readers can use it. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { acquireLock } from '../util/folder-lock.js';
import { finishHalfSwitch, isOptionalFile, journalOf, oldDirOf, stagingDirOf } from './run-fetch.js';
import { ReportError } from '../util/errors.js';
import { messages } from '../util/messages.js';
import { fetchTables, unavailableTables } from './catalogue.js';
import { describeDirectory, sha256 } from './datapackage.js';
import { checkText, type OtherFile } from './validate.js';
import { isNewerKwbEditionFile } from '../data/sources/kwb-editions.js';

/** The other files of a directory, for the rules that look across files (school points in their gemeente). */
export function otherFilesOf(dir: string): OtherFile {
  const cache = new Map<string, string | null>();
  return (file) => {
    if (!cache.has(file)) {
      try {
        cache.set(file, readFileSync(join(dir, file), 'utf8'));
      } catch {
        cache.set(file, null);
      }
    }
    return cache.get(file)!;
  };
}

/** A switch a killed data fetch left half done is finished (or rolled back) first, under the fetch lock. */
async function settle(dir: string, command: string, log: (s: string) => void): Promise<void> {
  const d = resolve(dir);
  const legacy = `${basename(stagingDirOf(d))}.old-`;
  let names: string[] = [];
  try {
    names = readdirSync(dirname(d));
  } catch {
    return;
  }
  if (!existsSync(journalOf(d)) && !existsSync(oldDirOf(d)) && !names.some((n) => n.startsWith(legacy))) return;
  await using _lock = await acquireLock(`${stagingDirOf(d)}.lock`, { folder: dir, command, log });
  await finishHalfSwitch(d, log);
}

export async function dataStatus(dir: string, log: (s: string) => void): Promise<void> {
  await settle(dir, 'contextkaart data status', log);
  const { pkg, from } = await describeDirectory(dir);
  log(`${dir} (described by ${from === 'datapackage.json' ? 'its datapackage.json' : 'the source registry of contextkaart: no datapackage.json, sha256 computed now'})`);
  const rows = pkg.resources.map((r) => [
    r.path,
    String(r.year || ''),
    `${r.publisher ?? ''}${r.tableId ? ` ${r.tableId}` : ''}`,
    r.hash ? (r.fetchedAt ? `fetched ${String(r.fetchedAt).slice(0, 16).replace('T', ' ')}` : 'staged copy') : isOptionalFile(r.path) ? 'absent (optional)' : 'MISSING',
    r.hash ? String(r.hash).replace('sha256:', '').slice(0, 12) : '',
  ]);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows) log(`  ${r.slice(0, 4).map((c, i) => c.padEnd(widths[i])).join('  ')}  ${r[4]}`);
}

/** Validates every file the readers use; throws (exit 3) with each problem and the fix. */
export async function dataCheck(dir: string, log: (s: string) => void): Promise<void> {
  await settle(dir, 'contextkaart data check', log);
  const { pkg, from } = await describeDirectory(dir);
  const problems: string[] = [];
  const absentNewer: string[] = [];
  const other = otherFilesOf(dir);
  let ok = 0;
  for (const t of fetchTables) {
    let data: Buffer;
    try {
      data = await readFile(join(dir, t.file));
    } catch {
      // A newer KWB edition (src/data/sources/kwb-editions.ts) may be absent: the older editions stand.
      if (isNewerKwbEditionFile(t.file)) absentNewer.push(t.file);
      else problems.push(messages.dataCheckMissing(t.file));
      continue;
    }
    const expected = pkg.resources.find((r) => r.path === t.file)?.hash;
    if (from === 'datapackage.json' && expected && expected !== `sha256:${sha256(data)}`) problems.push(messages.dataCheckChanged(t.file));
    const bad = checkText(t.check, data.toString('utf8'), other);
    if (bad.length) problems.push(messages.dataCheckInvalid(t.file, bad.join('; ')));
    else ok++;
  }
  const absent: string[] = [...absentNewer];
  let imported = 0;
  for (const u of unavailableTables) {
    let data: Buffer;
    try {
      data = await readFile(join(dir, u.file));
    } catch {
      absent.push(u.file);
      continue;
    }
    const bad = u.check ? checkText(u.check, data.toString('utf8'), other) : [];
    if (bad.length) problems.push(messages.dataCheckInvalid(u.file, bad.join('; ')));
    else imported++;
  }
  if (problems.length) throw new ReportError(messages.dataCheckFailed(dir, problems), 'data');
  log(`✓ ${dir}: ${ok} of ${fetchTables.length} tables present and valid (files, columns, codes, years, and plausible values: unique keys, numbers in their bands, wijken adding up, coordinates in the Netherlands, school points in their gemeente)${from === 'datapackage.json' ? ', sha256 as in datapackage.json' : ''}.`);
  if (imported) log(`  Also present and valid: ${imported} optional table${imported === 1 ? '' : 's'} not served by an open-data interface (imported with \`data import\`, or staged).`);
  if (absent.length) log(`  Not present (optional; the report leaves their figures out): ${absent.join(', ')}`);
}
