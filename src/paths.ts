/** Where the project, its templates and the data directory are found. */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root: the clone, or <prefix>/lib/node_modules/contextkaart when installed (dist/ and src/ sit one level below). */
export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Running from a clone (npx in the repo), not from a package installed with npm install [-g]. */
export const runningFromClone = !projectRoot.split(sep).includes('node_modules');
export const toolVersion: string = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')).version;
export const defaultTemplatesDir = join(projectRoot, 'templates');

/** ~/.cache/contextkaart/data, or $XDG_CACHE_HOME/contextkaart/data: where `contextkaart data fetch` puts the data. */
export function defaultFetchDir(env: NodeJS.ProcessEnv = process.env): string {
  const cache = env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : join(homedir(), '.cache');
  return join(cache, 'contextkaart', 'data');
}

const stagedDataDir = resolve(projectRoot, '..', 'shared', 'data');
/** ../shared/data beside a clone when it is there, else (and always for an installed package) where `contextkaart data fetch` puts the data. */
export const defaultDataDir = runningFromClone && existsSync(stagedDataDir) ? stagedDataDir : defaultFetchDir();

/** The journal of a data directory's switch (src/fetch/run-fetch.ts): present only while a fetch switches it, or after one was killed doing so. */
export const switchJournalOf = (dir: string) => join(dirname(resolve(dir)), `.${basename(resolve(dir))}.switch.json`);
