import { accessSync, constants } from 'node:fs';
import { ReportError } from '../util/errors.js';
import { messages } from '../util/messages.js';

export const browserCandidates = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** The browser from --browser, PUPPETEER_EXECUTABLE_PATH, or the usual install paths. */
export function findBrowser(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  const wanted = explicit ?? env.PUPPETEER_EXECUTABLE_PATH;
  const tried = wanted ? [wanted] : browserCandidates;
  for (const path of tried) {
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // try the next one
    }
  }
  throw new ReportError(messages.browserNotFound(tried), 'browser');
}
