/**
 * Issue 23, item 6: scripts/setup.sh installs Chromium and poppler with the system's package
 * manager (apt-get exactly as CI uses it; dnf, yum, apk, zypper; Homebrew on macOS) and says what
 * to do where it cannot. Run against stub commands on a PATH of their own: each stub logs how
 * it was called, npm included, so nothing is installed.
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';

const script = resolve(import.meta.dirname, '../../scripts/setup.sh');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

interface Machine {
  /** Commands that exist (logged when run); the package managers among them. */
  commands: string[];
  uname?: string;
  uid?: number;
  /** Folders made below $HOME. */
  homeDirs?: string[];
}

function runSetup(machine: Machine): { code: number | null; stdout: string; stderr: string; log: string[] } {
  const root = mkdtempSync(join(tmpdir(), 'contextkaart-setup-'));
  dirs.push(root);
  const bin = join(root, 'bin');
  const home = join(root, 'home');
  mkdirSync(bin);
  mkdirSync(home);
  for (const d of machine.homeDirs ?? []) mkdirSync(join(home, d), { recursive: true });
  const log = join(root, 'log');
  writeFileSync(log, '');
  for (const tool of ['dirname', 'xargs', 'cat']) {
    const real = ['/usr/bin', '/bin'].map((d) => join(d, tool)).find(existsSync)!;
    symlinkSync(real, join(bin, tool));
  }
  const stub = (name: string, body: string) => {
    writeFileSync(join(bin, name), `#!/bin/bash\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  };
  stub('uname', `echo ${machine.uname ?? 'Linux'}`);
  stub('id', `echo ${machine.uid ?? 0}`);
  for (const c of [...machine.commands, 'npm']) stub(c, c === 'sudo' ? `echo "sudo $*" >> ${log}; "$@"` : `echo "${c} $*" >> ${log}`);
  const env = { PATH: bin, HOME: home };
  const r = spawnSync('/bin/bash', [script], { env, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, log: readFileSync(log, 'utf8').split('\n').filter(Boolean) };
}

const npmSteps = ['npm ci --no-audit --no-fund', 'npm run build'];

describe('scripts/setup.sh', () => {
  it('Debian as root: apt-get exactly as before, then npm ci and the build', () => {
    const r = runSetup({ commands: ['apt-get'] });
    expect(r.code).toBe(0);
    expect(r.log).toEqual(['apt-get update -qq', 'apt-get install -y -qq --no-install-recommends chromium poppler-utils', ...npmSteps]);
  });

  it('Debian with Chromium and poppler already there: no apt-get', () => {
    const r = runSetup({ commands: ['apt-get', 'chromium', 'pdftoppm'] });
    expect(r.code).toBe(0);
    expect(r.log).toEqual(npmSteps);
  });

  it('Fedora as a user: sudo dnf', () => {
    const r = runSetup({ commands: ['dnf', 'yum', 'sudo'], uid: 1000 });
    expect(r.code).toBe(0);
    expect(r.log.slice(0, 2)).toEqual(['sudo dnf install -y chromium poppler-utils', 'dnf install -y chromium poppler-utils']);
    expect(r.log.slice(2)).toEqual(npmSteps);
  });

  it('yum where there is no dnf; only what is missing', () => {
    const r = runSetup({ commands: ['yum', 'pdftoppm'] });
    expect(r.log[0]).toBe('yum install -y chromium');
  });

  it('Alpine: apk add', () => {
    expect(runSetup({ commands: ['apk'] }).log[0]).toBe('apk add --no-cache chromium poppler-utils');
  });

  it("openSUSE: zypper, with poppler's name there", () => {
    expect(runSetup({ commands: ['zypper'] }).log[0]).toBe('zypper --non-interactive install chromium poppler-tools');
  });

  it('macOS with Homebrew: Google Chrome as a cask and poppler, without sudo', () => {
    const r = runSetup({ commands: ['brew', 'sudo'], uname: 'Darwin', uid: 501 });
    expect(r.code).toBe(0);
    expect(r.log).toEqual(['brew install --cask google-chrome', 'brew install poppler', ...npmSteps]);
  });

  it('macOS with Chrome in ~/Applications: no browser installed', () => {
    const r = runSetup({ commands: ['brew', 'pdftoppm'], uname: 'Darwin', uid: 501, homeDirs: ['Applications/Google Chrome.app'] });
    expect(r.log).toEqual(npmSteps);
  });

  it('no package manager it knows: exit 1, says what to install, runs no npm', () => {
    const r = runSetup({ commands: [] });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('setup: missing chromium poppler-utils');
    expect(r.stderr).toContain('no apt-get, dnf, yum, apk or zypper found');
    expect(r.stderr).toContain('PUPPETEER_EXECUTABLE_PATH');
    expect(r.log).toEqual([]);
    const mac = runSetup({ commands: [], uname: 'Darwin' });
    expect(mac.stderr).toContain('google.com/chrome');
  });

  it('a browser but no poppler and no package manager: a warning, and the set-up goes on', () => {
    const r = runSetup({ commands: ['google-chrome'] });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warning: pdftoppm/pdftotext (poppler-utils) not found');
    expect(r.log).toEqual(npmSteps);
  });

  it('not root and no sudo: exit 1 and why', () => {
    const r = runSetup({ commands: ['apt-get'], uid: 1000 });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('setup: need root (or sudo) to apt-get install chromium poppler-utils');
    expect(r.log).toEqual([]);
  });
});
