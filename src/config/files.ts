/**
 * The files a region config names (logo, text files, extra data). A config may come
 * from someone else (a batch of configs), so by default it reads only regular files
 * inside its own folder tree, judged after symlinks are resolved: no absolute paths,
 * no ".." out of the folder, no symlink out of it. --allow-outside-files (or
 * CONTEXTKAART_ALLOW_OUTSIDE_FILES=1) lifts the folder rule, never the others.
 */
import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { ReportError } from '../util/errors.js';
import { messages } from '../util/messages.js';

/** Markdown texts are read whole into the report; a larger file is a mistake. */
export const MAX_TEXT_FILE_BYTES = 1024 * 1024;

export const ALLOW_OUTSIDE_FILES_ENV = 'CONTEXTKAART_ALLOW_OUTSIDE_FILES';

let allowedOnCommandLine = false;

/** Set by the CLI for each run from --allow-outside-files. */
export function setOutsideFilesAllowed(allowed: boolean): void {
  allowedOnCommandLine = allowed;
}

export function outsideFilesAllowed(): boolean {
  return allowedOnCommandLine || /^(1|true|yes)$/i.test(process.env[ALLOW_OUTSIDE_FILES_ENV] ?? '');
}

export interface ConfigFileRef {
  /** Folder of the config file. */
  configDir: string;
  /** The config as shown in messages, with the line of the field when known ("regio.yaml:12"). */
  where: string;
  /** Field path, e.g. "sections[2].textFile". */
  field: string;
  /** The path as written in the config. */
  path: string;
}

/**
 * The real path of a file the config names, after the checks above; throws a ReportError
 * (file not found, outside the folder, not a regular file, larger than maxBytes).
 */
export async function resolveConfigFile(ref: ConfigFileRef, options: { maxBytes?: number; allowOutside?: boolean } = {}): Promise<{ path: string; bytes: number }> {
  const allowOutside = options.allowOutside ?? outsideFilesAllowed();
  const outside = () => new ReportError(messages.fileOutsideConfig(ref.where, ref.field, ref.path, ref.configDir), 'config');
  if (!allowOutside && isAbsolute(ref.path)) throw outside();
  const joined = resolve(ref.configDir, ref.path);
  let real: string;
  let realDir: string;
  try {
    real = await realpath(joined);
    realDir = await realpath(ref.configDir);
  } catch (cause) {
    // A path that climbs out is refused as such, even when there is nothing there.
    if (!allowOutside && !isInside(resolve(ref.configDir), joined)) throw outside();
    throw new ReportError(messages.fileNotFound(ref.where, ref.field, ref.path), 'config', { cause });
  }
  if (!allowOutside && !isInside(realDir, real)) throw outside();
  const info = await stat(real);
  if (!info.isFile()) throw new ReportError(messages.fileNotRegular(ref.where, ref.field, ref.path), 'config');
  if (options.maxBytes !== undefined && info.size > options.maxBytes) {
    throw new ReportError(messages.fileTooLarge(ref.where, ref.field, ref.path, info.size, options.maxBytes), 'config');
  }
  return { path: real, bytes: info.size };
}

/** The folder itself counts as inside: "." is then refused as not a regular file. */
function isInside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return !isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`);
}

/**
 * The files a parsed (not yet validated) region config names, as written: the logo, the
 * introduction, section texts and extra data. For watching (preview) and hashing (batch).
 */
export function referencedFiles(doc: unknown): string[] {
  const d = (doc ?? {}) as { client?: { logo?: unknown }; introFile?: unknown; sections?: { textFile?: unknown }[]; extraData?: { file?: unknown }[] };
  const refs = [d.client?.logo, d.introFile, ...(Array.isArray(d.sections) ? d.sections : []).map((s) => s?.textFile), ...(Array.isArray(d.extraData) ? d.extraData : []).map((e) => e?.file)];
  return refs.filter((r): r is string => typeof r === 'string');
}
