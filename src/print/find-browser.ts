/** Finds the Chromium, Chrome or Edge that prints the PDF, on Linux, macOS and Windows. */
import { accessSync, constants } from 'node:fs';
import { posix, win32 } from 'node:path';
import { ReportError } from '../util/errors.js';
import { messages } from '../util/messages.js';

const linuxNames = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome', 'microsoft-edge-stable', 'microsoft-edge'];

const macApps = [
  'Google Chrome.app/Contents/MacOS/Google Chrome',
  'Chromium.app/Contents/MacOS/Chromium',
  'Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
];

const windowsApps = ['Google\\Chrome\\Application\\chrome.exe', 'Chromium\\Application\\chrome.exe', 'Microsoft\\Edge\\Application\\msedge.exe'];

/** Windows environment names are case-insensitive; a plain object (as in tests) is not. */
function envValue(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const key = Object.keys(env).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : env[key] || undefined;
}

/** The usual install paths of Chromium, Chrome and Edge on a platform, most likely first. */
export function browserCandidates(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string[] {
  if (platform === 'win32') {
    const roots = [
      envValue(env, 'PROGRAMFILES') ?? 'C:\\Program Files',
      envValue(env, 'PROGRAMFILES(X86)') ?? 'C:\\Program Files (x86)',
      envValue(env, 'LOCALAPPDATA'),
    ].filter((r): r is string => r !== undefined);
    return windowsApps.flatMap((app) => roots.map((root) => win32.join(root, app)));
  }
  if (platform === 'darwin') {
    const home = env.HOME;
    return [...macApps.map((app) => posix.join('/Applications', app)), ...(home ? macApps.map((app) => posix.join(home, 'Applications', app)) : [])];
  }
  const fixed = [...linuxNames.map((name) => posix.join('/usr/bin', name)), '/snap/bin/chromium'];
  // Elsewhere on the PATH (Nix, Homebrew on Linux, /usr/local/bin, ...).
  const onPath = (env.PATH ?? '')
    .split(posix.delimiter)
    .filter((dir) => dir.startsWith('/') && dir !== '/usr/bin')
    .flatMap((dir) => linuxNames.map((name) => posix.join(dir, name)));
  return [...new Set([...fixed, ...onPath])];
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The browser from --browser, PUPPETEER_EXECUTABLE_PATH, or the usual install paths of the platform. */
export function findBrowser(
  explicit?: string,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  canRun: (path: string) => boolean = isExecutable,
): string {
  const wanted = explicit ?? env.PUPPETEER_EXECUTABLE_PATH;
  const tried = wanted ? [wanted] : browserCandidates(platform, env);
  const found = tried.find(canRun);
  if (found) return found;
  throw new ReportError(messages.browserNotFound(tried, platform), 'browser');
}
