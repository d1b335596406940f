/**
 * Ctrl-C as a terminal sends it: SIGINT to the whole foreground process group (the child is
 * started as the leader of its own group, and the signal goes to -pid). A batch interrupted at
 * several moments exits 130 each time, promptly, retries nothing and marks no region failed;
 * regions being rendered are recorded as interrupted, and the rerun completes the set without
 * printing any finished PDF again. Runs the CLI from source (tests/helpers/cli-source.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataDir } from '../helpers/data.js';
import type { Manifest } from '../../src/pipeline/manifest.js';
import { LOCK_FILE } from '../../src/util/folder-lock.js';
import { WAIT_MS } from '../helpers/timeouts.js';

// Small gemeenten, one at a time (so that a region is under way at each moment): most of a run is start-up.
const LIST = ['GM0096', 'GM0060', 'GM0088', 'GM0093', 'GM0072', 'GM0277'];

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'contextkaart-interrupt-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const manifestOf = (dir: string): Manifest | undefined => (existsSync(join(dir, 'manifest.json')) ? (JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest) : undefined);

interface Run {
  child: ChildProcess;
  stderr: () => string;
  stdout: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** The CLI from source as the leader of a new process group, as a shell starts a foreground job. */
function start(args: string[]): Run {
  const child = spawn('node', ['--import', 'tsx', 'tests/helpers/cli-source.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let stderr = '';
  let stdout = '';
  child.stderr!.on('data', (d) => (stderr += d));
  child.stdout!.on('data', (d) => (stdout += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.on('exit', (code, signal) => r({ code, signal })));
  return { child, stderr: () => stderr, stdout: () => stdout, exited };
}

/** Ctrl-C: SIGINT to every process of the job's group, not only to node. */
const ctrlC = (run: Run) => process.kill(-run.child.pid!, 'SIGINT');

async function chromiumOf(pid: number): Promise<number[]> {
  try {
    const { stdout } = await promisify(execFile)('pgrep', ['-P', String(pid), '-f', 'chrom'], { encoding: 'utf8' });
    return stdout.trim().split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}
const processGroupOf = (pid: number) => execFileSync('ps', ['-o', 'pgid=', '-p', String(pid)], { encoding: 'utf8' }).trim();
const runs = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Polls until `ready` says so (or the run ends early, which the caller's assertions then report). */
async function waitFor(run: Run, ready: () => Promise<boolean> | boolean): Promise<void> {
  const t0 = Date.now();
  while (run.child.exitCode === null && Date.now() - t0 < WAIT_MS) {
    if (await ready()) return;
    await sleep(20);
  }
}

/** Lines "[k/n] status …" of the lines mode: how many regions are done (skipped ones included). */
const regionsDone = (stderr: string) => stderr.split('\n').filter((l) => /^\[\s*\d+\/\d+\] /.test(l)).length;

type Moment = 'the browser starts' | 'the first regions print' | 'Ctrl-C twice while regions print' | 'near the end';

describe('Ctrl-C during a batch', () => {
  it('at several moments exits 130 each time, marks no region failed, and the rerun completes the set', async () => {
    const dir = join(root, 'batch');
    mkdirSync(dir, { recursive: true });
    const moments: Moment[] = ['the browser starts', 'the first regions print', 'Ctrl-C twice while regions print', 'near the end'];
    const printed = new Map<string, string>(); // file → sha256 of a PDF recorded as finished
    const interruptedSeen: string[] = [];
    const log: string[] = [];
    for (const moment of moments) {
      const run = start(['batch', '--gemeenten', LIST.join(','), '-o', dir, '--concurrency', '1', '--data', dataDir]);
      let chromium: number[] = [];
      const doneBefore = printed.size;
      await waitFor(run, async () => {
        const found = await chromiumOf(run.child.pid!);
        if (found.length) chromium = found;
        if (moment === 'the browser starts') return found.length > 0;
        if (moment === 'near the end') return regionsDone(run.stderr()) >= LIST.length - 1;
        // At least one region printed by this run, with the next one under way.
        return regionsDone(run.stderr()) > doneBefore;
      });
      expect(run.child.exitCode, `the batch ended before "${moment}":\n${run.stderr()}`).toBeNull();
      // Chromium is not in the job's process group: the terminal's Ctrl-C does not reach it.
      if (moment === 'the browser starts') for (const pid of chromium) expect(processGroupOf(pid), `Chromium ${pid}`).not.toBe(processGroupOf(run.child.pid!));
      ctrlC(run);
      if (moment === 'Ctrl-C twice while regions print') {
        // The second exits at once, without waiting for the clean-ups: the manifest is still true.
        await sleep(50);
        if (run.child.exitCode === null) ctrlC(run);
      }
      const end = await run.exited;
      const stderr = run.stderr();
      log.push(`${moment}: ${stderr.trim().split('\n').slice(-4).join(' | ')}`);
      expect(end, `${moment}:\n${stderr}`).toEqual({ code: 130, signal: null });
      expect(stderr).toContain('contextkaart: interrupted (SIGINT)');
      // What the interrupt does to the browser and the regions in flight is no failure.
      expect(stderr, moment).not.toMatch(/retrying|failed [A-Z]|\] failed|Target closed|Protocol error|internal error/);

      const names = readdirSync(dir);
      expect(names.filter((n) => n.endsWith('.tmp')), moment).toEqual([]);
      expect(names, `${moment}: the folder lock is released`).not.toContain(LOCK_FILE);
      const m = manifestOf(dir);
      if (moment !== 'the browser starts') expect(m, moment).toBeDefined();
      for (const r of m?.reports ?? []) {
        expect(['ok', 'skipped', 'interrupted'], `${r.code} after "${moment}"`).toContain(r.status);
        if (r.status === 'interrupted') {
          expect(r).toMatchObject({ sha256: null, bytes: null, error: null });
          interruptedSeen.push(r.code);
          continue;
        }
        expect(sha256(join(dir, r.file)), r.file).toBe(r.sha256);
        // A PDF finished once is never printed again.
        if (printed.has(r.file)) expect(r.sha256, `${r.file} printed again at "${moment}"`).toBe(printed.get(r.file));
        printed.set(r.file, r.sha256!);
      }
      for (const f of names.filter((n) => n.endsWith('.pdf'))) expect(readFileSync(join(dir, f)).subarray(-1024).toString('latin1'), f).toContain('%%EOF');
      // The browser is closed with the process.
      const t0 = Date.now();
      while (chromium.some(runs) && Date.now() - t0 < WAIT_MS) await sleep(100);
      expect(chromium.filter(runs), `Chromium outlived the batch at "${moment}"`).toEqual([]);
    }
    if (process.env.INTERRUPT_TEST_REPORT) console.log(log.join('\n'));
    // Some moment found a region being rendered: it was recorded as interrupted, not failed.
    expect(interruptedSeen.length, log.join('\n')).toBeGreaterThan(0);
    expect(printed.size, log.join('\n')).toBeLessThan(LIST.length);

    const rerun = start(['batch', '--gemeenten', LIST.join(','), '-o', dir, '--concurrency', '2', '--data', dataDir, '--json']);
    expect(await rerun.exited).toEqual({ code: 0, signal: null });
    const events = rerun
      .stdout()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; code?: string; status?: string; file?: string });
    const regions = events.filter((e) => e.type === 'region');
    expect(regions.map((e) => e.code).sort()).toEqual([...LIST].sort());
    for (const e of regions) {
      // Finished before: skipped; interrupted or not started: printed now (or a PDF written after the interrupt, taken over).
      if (printed.has(e.file!)) expect(e.status, e.code).toBe('skipped');
      else expect(['ok', 'skipped'], e.code).toContain(e.status);
    }
    expect(events.at(-1)).toMatchObject({ type: 'summary', failed: 0, total: LIST.length });
    const m = manifestOf(dir)!;
    expect(m.reports.map((r) => r.code).sort()).toEqual([...LIST].sort());
    for (const r of m.reports) {
      expect(['ok', 'skipped'], r.code).toContain(r.status);
      expect(sha256(join(dir, r.file)), r.file).toBe(r.sha256);
      if (printed.has(r.file)) expect(r.sha256, `${r.file} printed again by the rerun`).toBe(printed.get(r.file));
    }
  });
});

describe('Ctrl-C during a render', () => {
  it('exits 130, closes the browser and leaves no half-written file', async () => {
    const dir = join(root, 'render');
    const run = start(['render', 'GM0363', 'GM0599', 'GM0344', '-o', dir, '--data', dataDir]);
    let chromium: number[] = [];
    // Wait until the browser runs, then interrupt.
    await waitFor(run, async () => (chromium = await chromiumOf(run.child.pid!)).length > 0);
    expect(chromium.length, run.stderr()).toBeGreaterThan(0);
    ctrlC(run);
    expect(await run.exited, run.stderr()).toEqual({ code: 130, signal: null });
    expect(run.stderr()).toContain('interrupted');
    const files = existsSync(dir) ? readdirSync(dir) : [];
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    // Whatever PDF is there is complete.
    for (const f of files.filter((x) => x.endsWith('.pdf'))) expect(readFileSync(join(dir, f)).subarray(-1024).toString('latin1')).toContain('%%EOF');
    const t0 = Date.now();
    while (chromium.some(runs) && Date.now() - t0 < WAIT_MS) await sleep(100);
    expect(chromium.filter(runs)).toEqual([]);
  });
});
