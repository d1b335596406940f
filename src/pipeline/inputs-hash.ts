/**
 * What a PDF depends on, as hashes: the tool (version and locked packages), the
 * templates, the data files, and the region config with the files it names.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { referencedFiles } from '../config/files.js';

const sha = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

function hashTree(dir: string): string {
  const h = createHash('sha256');
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else h.update(`${p.slice(dir.length)}\0${sha(readFileSync(p))}\n`);
    }
  };
  walk(dir);
  return h.digest('hex');
}

/**
 * Tool version, the packages it runs on and the templates folder. In a clone the packages are
 * package-lock.json; an installed package ships no lock, so there the installed version of each
 * dependency is read (node_modules/<name>/package.json, looked up as Node does).
 */
export function toolInputsHash(projectRoot: string, toolVersion: string, templatesDir: string): string {
  const lock = join(projectRoot, 'package-lock.json');
  const packages = existsSync(lock) ? sha(readFileSync(lock)) : sha(installedDependencies(projectRoot));
  return sha(`${toolVersion}\n${packages}\n${hashTree(templatesDir)}`);
}

/** "name@version" of every dependency in package.json, as installed ("missing" when not found). */
export function installedDependencies(projectRoot: string): string {
  let deps: string[] = [];
  try {
    deps = Object.keys((JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> }).dependencies ?? {});
  } catch {
    return 'no-package-json';
  }
  return deps
    .sort()
    .map((name) => `${name}@${installedVersion(projectRoot, name)}`)
    .join('\n');
}

function installedVersion(from: string, name: string): string {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    const file = join(dir, 'node_modules', name, 'package.json');
    if (existsSync(file)) {
      try {
        return String((JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown }).version ?? '?');
      } catch {
        return 'unreadable';
      }
    }
    if (dirname(dir) === dir) return 'missing';
  }
}

/** A region config file and the files it refers to (logo, texts, extra data). */
export function configInputsHash(configPath: string): string {
  const text = readFileSync(configPath, 'utf8');
  const h = createHash('sha256').update(text);
  let doc: Record<string, unknown> = {};
  try {
    doc = (parse(text) as Record<string, unknown>) ?? {};
  } catch {
    return h.digest('hex'); // invalid YAML: the render will report it
  }
  for (const r of referencedFiles(doc)) h.update(`${r}\0${referencedFileHash(resolve(dirname(configPath), String(r)))}\n`);
  return h.digest('hex');
}

/** Only regular files are read: a config naming /dev/zero or a pipe must not hang the batch (the render refuses it). */
function referencedFileHash(path: string): string {
  if (!existsSync(path)) return 'missing';
  return statSync(path).isFile() ? sha(readFileSync(path)) : 'not-a-file';
}

export function combineHashes(...parts: string[]): string {
  return sha(parts.join('\n'));
}
