/** Where the project, its templates and the data directory are found. */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const toolVersion: string = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')).version;
export const defaultTemplatesDir = join(projectRoot, 'templates');

/** ~/.cache/contextkaart/data, or $XDG_CACHE_HOME/contextkaart/data: where `contextkaart data fetch` puts the data. */
export function defaultFetchDir(env: NodeJS.ProcessEnv = process.env): string {
  const cache = env.XDG_CACHE_HOME && env.XDG_CACHE_HOME.startsWith('/') ? env.XDG_CACHE_HOME : join(homedir(), '.cache');
  return join(cache, 'contextkaart', 'data');
}

const stagedDataDir = resolve(projectRoot, '..', 'shared', 'data');
/** ../shared/data beside the project when it is there, else where `contextkaart data fetch` puts the data. */
export const defaultDataDir = existsSync(stagedDataDir) ? stagedDataDir : defaultFetchDir();

/** The journal of a data directory's switch (src/fetch/run-fetch.ts): present only while a fetch switches it, or after one was killed doing so. */
export const switchJournalOf = (dir: string) => join(dirname(resolve(dir)), `.${basename(resolve(dir))}.switch.json`);
