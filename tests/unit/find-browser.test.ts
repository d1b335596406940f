/**
 * Issue 23, item 6: the browser is found where Linux, macOS and Windows install Chromium, Chrome
 * and Edge; when none is there, the error says how to install one on that platform.
 */
import { describe, expect, it } from 'vitest';
import { browserCandidates, findBrowser } from '../../src/print/find-browser.js';
import { ExitCode, ReportError } from '../../src/util/errors.js';

/** A fake file system: only these paths can be run. */
const only = (...paths: string[]) => (path: string) => paths.includes(path);

const failure = (f: () => unknown): ReportError => {
  try {
    f();
  } catch (e) {
    if (e instanceof ReportError) return e;
    throw e;
  }
  throw new Error('expected a ReportError');
};

const windowsEnv = { ProgramFiles: 'C:\\Program Files', 'ProgramFiles(x86)': 'C:\\Program Files (x86)', LOCALAPPDATA: 'C:\\Users\\anna\\AppData\\Local' };

describe('browser candidates per platform', () => {
  it('Linux: Debian, Ubuntu, Chrome and Edge paths and snap first, then the PATH', () => {
    const c = browserCandidates('linux', { PATH: '/home/anna/.nix-profile/bin:/usr/bin:relative/bin' });
    expect(c.slice(0, 3)).toEqual(['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome-stable']);
    expect(c).toContain('/usr/bin/microsoft-edge-stable');
    expect(c).toContain('/snap/bin/chromium');
    expect(c).toContain('/home/anna/.nix-profile/bin/chromium');
    expect(c.indexOf('/home/anna/.nix-profile/bin/chromium')).toBeGreaterThan(c.indexOf('/snap/bin/chromium'));
    expect(c.filter((p) => p === '/usr/bin/chromium')).toHaveLength(1);
    expect(c.some((p) => p.startsWith('relative'))).toBe(false);
  });

  it('macOS: Chrome, Chromium and Edge in /Applications and ~/Applications', () => {
    const c = browserCandidates('darwin', { HOME: '/Users/anna' });
    expect(c).toEqual([
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
      '/Users/anna/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Users/anna/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Users/anna/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ]);
  });

  it('Windows: Chrome, Chromium and Edge under Program Files, Program Files (x86) and %LOCALAPPDATA%, names in any case', () => {
    const c = browserCandidates('win32', windowsEnv);
    expect(c).toContain('C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe');
    expect(c).toContain('C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe');
    expect(c).toContain('C:\\Users\\anna\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe');
    expect(c).toContain('C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe');
    expect(c).toContain('C:\\Users\\anna\\AppData\\Local\\Chromium\\Application\\chrome.exe');
    expect(c[0]).toBe('C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe');
  });

  it('Windows without the environment: the default Program Files folders', () => {
    expect(browserCandidates('win32', {})).toContain('C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe');
  });
});

describe('findBrowser', () => {
  it('takes the first candidate that can run', () => {
    const edge = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';
    expect(findBrowser(undefined, windowsEnv, 'win32', only(edge))).toBe(edge);
    expect(findBrowser(undefined, { HOME: '/Users/anna' }, 'darwin', only('/Applications/Chromium.app/Contents/MacOS/Chromium', '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge'))).toBe(
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
    );
  });

  it('--browser, then PUPPETEER_EXECUTABLE_PATH, is the only path tried', () => {
    const env = { PUPPETEER_EXECUTABLE_PATH: '/opt/chrome/chrome' };
    expect(findBrowser('/opt/other/chrome', env, 'linux', only('/opt/other/chrome', '/usr/bin/chromium'))).toBe('/opt/other/chrome');
    expect(findBrowser(undefined, env, 'linux', only('/opt/chrome/chrome', '/usr/bin/chromium'))).toBe('/opt/chrome/chrome');
    const e = failure(() => findBrowser(undefined, env, 'linux', only('/usr/bin/chromium')));
    expect(e.message).toContain('looked at: /opt/chrome/chrome)');
  });

  it('none found: exit 4, the paths looked at and how to install one on that platform', () => {
    const mac = failure(() => findBrowser(undefined, { HOME: '/Users/anna' }, 'darwin', only()));
    expect(mac.exitCode).toBe(ExitCode.browser);
    expect(mac.message).toContain('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
    expect(mac.message).toContain('brew install --cask google-chrome');
    expect(mac.message).toContain('PUPPETEER_EXECUTABLE_PATH or --browser');

    const windows = failure(() => findBrowser(undefined, windowsEnv, 'win32', only()));
    expect(windows.message).toContain('C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe');
    expect(windows.message).toContain('Microsoft Edge');
    expect(windows.message).not.toContain('apt-get');

    const linux = failure(() => findBrowser(undefined, { PATH: '/a:/b:/c' }, 'linux', only()));
    expect(linux.message).toContain('apt-get install chromium');
    expect(linux.message).toContain('dnf install chromium');
    expect(linux.message).toMatch(/and \d+ more on the PATH/);
    expect(linux.message).not.toContain('brew');
  });
});
