/**
 * `contextkaart data pack` and `data unpack` (issue 22, item 7): a data bundle for a machine without
 * internet. A colleague with internet fetches, packs and hands the .zip over; the consultant unpacks.
 *
 * pack: every file of a fetched directory is checked against its datapackage.json (sha256 and size;
 * a file not described, or a described file missing or changed, is an error naming it), then one zip
 * (datapackage.json first, then the files as described) is written atomically (temp file, rename).
 *
 * unpack: the archive is listed before anything is inflated (an entry with "..", an absolute path, a
 * backslash, a hidden or control-character name, a symbolic link, or one twice is refused), read with
 * the caps of the workbook reader (xlsx.ts: entry and total sizes, inflate ratio), every file is
 * checked against the bundle's datapackage.json (nothing undescribed, nothing missing, sha256 and
 * size), then the plausibility rules of `data check` run on the files; only then are they written into
 * the staging folder of `data fetch` and switched in by the same journalled switch (switchDirectory)
 * under the same lock. A bundle that fails any check changes nothing and names the file and why.
 */
import { lstat, mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { ReportError } from '../util/errors.js';
import { acquireLock } from '../util/folder-lock.js';
import { onInterrupt } from '../util/interrupt.js';
import { messages } from '../util/messages.js';
import { writeFileAtomic } from '../util/write-atomic.js';
import { fetchTables, unavailableTables } from './catalogue.js';
import { isNewerKwbEditionFile } from '../data/sources/kwb-editions.js';
import { DATAPACKAGE_FILE, readDataPackage, sha256, type DataPackage, type DataResource } from './datapackage.js';
import { finishHalfSwitch, stagingDirOf, switchDirectory, writeError, type SwitchStep } from './run-fetch.js';
import { checkText, type OtherFile } from './validate.js';
import { MAX_TOTAL_BYTES, unzip } from './xlsx.js';
import { listZip, zipBytes } from './zip-write.js';

const SHA256 = /^sha256:[0-9a-f]{64}$/;
const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;

/** Why a path may not be a file of a data directory (inside a bundle or its datapackage.json), or null. */
export function unsafeName(name: string): string | null {
  if (name === '') return 'an empty name';
  if (name.includes('\\')) return 'a backslash in the name';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'an absolute path';
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'a control character in the name';
  const parts = name.split('/');
  if (parts.includes('..')) return 'a ".." that leads out of the folder';
  if (parts.some((p) => p === '' || p === '.')) return 'an empty or "." part in the path';
  if (parts.some((p) => p.startsWith('.'))) return 'a hidden name (starting with ".")';
  return null;
}

/** When the data was fetched: the day (or days) of the resources' fetchedAt, else the day datapackage.json was written. */
export function fetchedOf(pkg: DataPackage): string {
  const days = pkg.resources.map((r) => r.fetchedAt).filter((d): d is string => typeof d === 'string' && d.length >= 10).map((d) => d.slice(0, 10)).sort();
  if (!days.length) return typeof pkg.created === 'string' && pkg.created ? pkg.created.slice(0, 10) : 'on an unknown date';
  return days[0] === days.at(-1) ? days[0] : `${days[0]} to ${days.at(-1)}`;
}

/** The files below `root` (relative, with /), and what is neither a file nor a folder (symbolic links, devices). Hidden names are left out, as data fetch does. */
async function walk(root: string, sub = ''): Promise<{ files: string[]; other: string[] }> {
  const out = { files: [] as string[], other: [] as string[] };
  for (const e of await readdir(join(root, sub), { withFileTypes: true })) {
    if (e.name.startsWith('.')) continue;
    const rel = sub ? `${sub}/${e.name}` : e.name;
    if (e.isDirectory()) {
      const inner = await walk(root, rel);
      out.files.push(...inner.files);
      out.other.push(...inner.other);
    } else if (e.isFile()) out.files.push(rel);
    else out.other.push(rel);
  }
  return out;
}

const isInside = (dir: string, path: string) => {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

export interface PackResult {
  file: string;
  bytes: number;
  /** Files besides datapackage.json. */
  files: number;
  fetched: string;
}

/** Checks `dirIn` against its datapackage.json and writes it as one zip to `out` (default ./contextkaart-data-<date>.zip). */
export async function packData(dirIn: string, out: string | undefined, o: { now?: Date; log?: (line: string) => void } = {}): Promise<PackResult> {
  const dir = resolve(dirIn);
  const now = o.now ?? new Date();
  if (!(await stat(dir).then((s) => s.isDirectory(), () => false))) throw new ReportError(messages.packNoDir(dir), 'usage');
  const target = resolve(out ?? `contextkaart-data-${now.toISOString().slice(0, 10)}.zip`);
  if (isInside(dir, target)) throw new ReportError(messages.packOutputInside(target, dir), 'usage');
  // The lock of data fetch: no switch while the files are read; a switch a killed fetch left half done is finished first.
  await using _lock = await acquireLock(`${stagingDirOf(dir)}.lock`, { folder: dir, command: 'contextkaart data pack', log: o.log });
  await finishHalfSwitch(dir, o.log);
  const pkg = await readDataPackage(dir);
  if (!pkg) throw new ReportError(messages.packNoDataPackage(dir), 'data');
  const rawPkg = await readFile(join(dir, DATAPACKAGE_FILE));

  const problems: string[] = [];
  const data = new Map<string, Buffer>();
  const described = new Set<string>();
  for (const r of pkg.resources) {
    const why = unsafeName(r.path);
    if (why) {
      problems.push(`${r.path}: ${why} in datapackage.json`);
      continue;
    }
    if (described.has(r.path)) {
      problems.push(`${r.path}: described twice in datapackage.json`);
      continue;
    }
    described.add(r.path);
    if (typeof r.hash !== 'string' || !SHA256.test(r.hash)) {
      problems.push(messages.packNoHash(r.path));
      continue;
    }
    const info = await lstat(join(dir, r.path)).catch(() => null);
    if (!info) {
      problems.push(messages.packMissing(r.path));
      continue;
    }
    if (!info.isFile()) {
      problems.push(messages.packNotRegular(r.path));
      continue;
    }
    const bytes = await readFile(join(dir, r.path));
    const changed = changeOf(r, bytes, 'datapackage.json');
    if (changed) problems.push(messages.packChanged(r.path, changed));
    else data.set(r.path, bytes);
  }
  const found = await walk(dir);
  for (const f of found.files) if (f !== DATAPACKAGE_FILE && !described.has(f)) problems.push(messages.packNotDescribed(f));
  for (const f of found.other) if (!described.has(f)) problems.push(messages.packNotRegular(f));
  if (problems.length) throw new ReportError(messages.packProblems(dir, problems), 'data');

  const paths = [...data.keys()].sort();
  const zip = zipBytes([{ name: DATAPACKAGE_FILE, data: rawPkg }, ...paths.map((p) => ({ name: p, data: data.get(p)! }))], now);
  await writeFileAtomic(target, zip);
  return { file: target, bytes: zip.length, files: paths.length, fetched: fetchedOf(pkg) };
}

/** What differs between a file and its description (sha256 first, then size), or null. */
function changeOf(r: Pick<DataResource, 'hash' | 'bytes'>, bytes: Buffer, by: string): string | null {
  if (r.hash !== `sha256:${sha256(bytes)}`) return `its sha256 differs from ${by}`;
  if (typeof r.bytes === 'number' && r.bytes !== bytes.length) return `${bytes.length} bytes, ${by} says ${r.bytes}`;
  return null;
}

/** The bundle's datapackage.json as data pack wrote it, or the problems that make it unusable. */
function parsePackage(raw: Buffer): { pkg: DataPackage } | { problems: string[] } {
  let value: unknown;
  try {
    value = JSON.parse(raw.toString('utf8'));
  } catch (e) {
    return { problems: [messages.unpackBadDataPackage(`not valid JSON (${(e as Error).message})`)] };
  }
  const pkg = value as Partial<DataPackage> | null;
  if (!pkg || typeof pkg !== 'object' || Array.isArray(pkg)) return { problems: [messages.unpackBadDataPackage('not an object')] };
  if (!Array.isArray(pkg.resources)) return { problems: [messages.unpackBadDataPackage('"resources" is not a list')] };
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const [i, r] of pkg.resources.entries()) {
    if (!r || typeof r !== 'object' || typeof r.path !== 'string') {
      problems.push(messages.unpackBadDataPackage(`resource ${i + 1} has no "path"`));
      continue;
    }
    const why = unsafeName(r.path);
    if (why) problems.push(messages.unpackBadName(r.path, `${why} in datapackage.json`));
    else if (seen.has(r.path)) problems.push(messages.unpackBadDataPackage(`${r.path} is described twice`));
    else if (typeof r.hash !== 'string' || !SHA256.test(r.hash)) problems.push(messages.packNoHash(r.path));
    else if (r.bytes !== undefined && !(Number.isInteger(r.bytes) && r.bytes >= 0)) problems.push(messages.unpackBadDataPackage(`${r.path} has a size that is not a whole number of bytes`));
    seen.add(r.path);
  }
  return problems.length ? { problems } : { pkg: pkg as DataPackage };
}

export interface UnpackResult {
  dir: string;
  files: number;
  fetched: string;
}

/** Checks the bundle completely, then switches its files in as `dirIn` (the switch and lock of data fetch). */
export async function unpackData(bundle: string, dirIn: string, o: { log?: (line: string) => void; onSwitchStep?: (step: SwitchStep) => void | Promise<void> } = {}): Promise<UnpackResult> {
  const dir = resolve(dirIn);
  const info = await stat(bundle).catch((e: NodeJS.ErrnoException) => {
    throw new ReportError(messages.unpackUnreadable(bundle, e.code === 'ENOENT' ? 'no such file' : e.message), 'usage', { cause: e });
  });
  if (!info.isFile()) throw new ReportError(messages.unpackUnreadable(bundle, 'not a file'), 'usage');
  const refuse = (problems: string[]) => new ReportError(messages.unpackRefused(bundle, dir, problems), 'data');
  // Said at once (and again under the lock below): a folder contextkaart did not make is never replaced.
  if (await isForeign(dir)) throw new ReportError(messages.unpackForeignDir(dir), 'usage');
  // A bundle inflates to at most MAX_TOTAL_BYTES; deflate never makes a file much larger than it is.
  if (info.size > MAX_TOTAL_BYTES + 16 * 1024 * 1024) throw refuse([messages.unpackTooLarge(info.size, MAX_TOTAL_BYTES)]);
  const bytes = await readFile(bundle);

  // 1. The names, before anything is inflated.
  let listing: ReturnType<typeof listZip>;
  try {
    listing = listZip(bytes);
  } catch (e) {
    throw refuse([messages.unpackDamaged((e as Error).message)]);
  }
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const e of listing) {
    if (seen.has(e.name)) problems.push(messages.unpackDuplicate(e.name));
    seen.add(e.name);
    const why = unsafeName(e.name.endsWith('/') ? e.name.slice(0, -1) : e.name);
    const type = e.mode === null ? 0 : e.mode & S_IFMT;
    if (why) problems.push(messages.unpackBadName(e.name, why));
    else if (type === S_IFLNK) problems.push(messages.unpackSymlink(e.name));
    else if (type !== 0 && type !== S_IFREG && type !== S_IFDIR) problems.push(messages.unpackBadName(e.name, 'a special file (device, pipe or socket)'));
  }
  if (problems.length) throw refuse(problems);

  // 2. The contents, within the reader's caps.
  let files: Map<string, Buffer>;
  try {
    files = unzip(bytes);
  } catch (e) {
    throw refuse([messages.unpackDamaged((e as Error).message)]);
  }
  const rawPkg = files.get(DATAPACKAGE_FILE);
  if (!rawPkg) throw refuse([messages.unpackNoDataPackage()]);
  const parsed = parsePackage(rawPkg);
  if ('problems' in parsed) throw refuse(parsed.problems);
  const { pkg } = parsed;

  // 3. Exactly the files datapackage.json describes, each with its sha256 and size.
  const described = new Map(pkg.resources.map((r) => [r.path, r]));
  for (const name of files.keys()) {
    if (name === DATAPACKAGE_FILE) continue;
    if (name.endsWith('/')) {
      // A folder entry (an archiver's own): only a folder of a described file.
      if (![...described.keys()].some((p) => p.startsWith(name))) problems.push(messages.unpackUnknown(name));
    } else if (!described.has(name)) problems.push(messages.unpackUnknown(name));
  }
  for (const r of pkg.resources) {
    const data = files.get(r.path);
    const changed = data ? changeOf(r, data, "the bundle's datapackage.json") : null;
    if (!data) problems.push(messages.unpackMissing(r.path));
    else if (changed) problems.push(messages.unpackChanged(r.path, changed));
  }
  if (problems.length) throw refuse(problems);

  // 4. The plausibility rules of data check, on the files as they will be switched in.
  const text = (file: string) => (described.has(file) ? (files.get(file)?.toString('utf8') ?? null) : null);
  const other: OtherFile = (file) => text(file);
  for (const t of fetchTables) {
    const t0 = text(t.file);
    // A newer KWB edition may be absent, as data check allows (src/data/sources/kwb-editions.ts).
    if (t0 === null) {
      if (!isNewerKwbEditionFile(t.file)) problems.push(messages.unpackLacksTable(t.file));
    }
    else problems.push(...checkProblems(t.file, checkText(t.check, t0, other)));
  }
  for (const u of unavailableTables) {
    const t0 = text(u.file);
    if (t0 !== null && u.check) problems.push(...checkProblems(u.file, checkText(u.check, t0, other)));
  }
  if (problems.length) throw refuse(problems);

  // 5. Staged beside the directory and switched in, under the lock of data fetch.
  const staging = stagingDirOf(dir);
  try {
    await mkdir(dirname(dir), { recursive: true });
  } catch (cause) {
    throw new ReportError(messages.fetchNotWritable(dirname(dir), (cause as Error).message), 'usage', { cause });
  }
  await using _lock = await acquireLock(`${staging}.lock`, { folder: dir, command: 'contextkaart data unpack', log: o.log });
  await finishHalfSwitch(dir, o.log);
  if (await isForeign(dir)) throw new ReportError(messages.unpackForeignDir(dir), 'usage');
  // A stopped fetch's staging folder is replaced: the bundle is the whole new directory.
  await rm(staging, { recursive: true, force: true });
  const forget = onInterrupt(() => rm(staging, { recursive: true, force: true }));
  let path = staging;
  try {
    for (const r of pkg.resources) {
      path = join(staging, r.path);
      await writeFileAtomic(path, files.get(r.path)!);
    }
    // Last: a staging folder with datapackage.json is complete (finishHalfSwitch finishes its switch).
    path = join(staging, DATAPACKAGE_FILE);
    await writeFileAtomic(path, rawPkg);
  } catch (e) {
    const error = await writeError(e, path, dir, staging);
    await rm(staging, { recursive: true, force: true }).catch(() => {});
    throw error;
  } finally {
    forget();
  }
  await switchDirectory(dir, staging, o.onSwitchStep);
  return { dir, files: pkg.resources.length, fetched: fetchedOf(pkg) };
}

/** A directory with files but no datapackage.json (such as the staged ../shared/data): neither fetch nor unpack replaces it. */
const isForeign = async (dir: string) => (await readdir(dir).then((names) => names.length > 0, () => false)) && !(await readDataPackage(dir));

const checkProblems = (file: string, bad: string[]) => (bad.length ? [messages.unpackInvalid(file, bad.join('; '))] : []);
