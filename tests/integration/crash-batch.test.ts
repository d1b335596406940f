/**
 * A batch killed with SIGKILL (no handler runs) at several moments, and a Chromium
 * killed in the middle of a run: what is on disk is always true (no zero-byte or half
 * PDF, a manifest that parses and matches the PDFs), Chromium does not outlive the
 * killed process, and the rerun completes the set without printing any finished PDF again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile, execSync, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataDir } from '../helpers/data.js';
import { hasPdf, type Manifest } from '../../src/pipeline/manifest.js';
import { LOCK_FILE, type LockHolder } from '../../src/util/folder-lock.js';
import { messages } from '../../src/util/messages.js';
import { WAIT_MS } from '../helpers/timeouts.js';

// Small gemeenten, one page at a time: each run is mostly start-up (data, browser).
const LIST = ['GM0060', 'GM0088', 'GM0093', 'GM0096'];
let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'contextkaart-crash-batch-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const manifestOf = (dir: string): Manifest | undefined => (existsSync(join(dir, 'manifest.json')) ? (JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest) : undefined);
const TEMP = /^\..+\.\d+\.[0-9a-f]{8}\.tmp$/;

/** The batch CLI from source in a child process. */
function startBatch(dir: string, extra: string[] = [], list = LIST): ChildProcess {
  return spawn('node', ['--import', 'tsx', 'tests/helpers/cli-source.ts', 'batch', '--gemeenten', list.join(','), '-o', dir, '--concurrency', '1', '--data', dataDir, ...extra], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

const exited = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => (child.exitCode !== null || child.signalCode !== null ? r({ code: child.exitCode, signal: child.signalCode }) : child.on('exit', (code, signal) => r({ code, signal }))));

function childrenOf(pid: number, pattern: string): number[] {
  try {
    return execSync(`pgrep -P ${pid} -f ${pattern}`, { encoding: 'utf8' }).trim().split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}
/** The same without blocking the event loop, so that a file event is handled at once. */
async function childrenOfAsync(pid: number, pattern: string): Promise<number[]> {
  try {
    const { stdout } = await promisify(execFile)('pgrep', ['-P', String(pid), '-f', pattern], { encoding: 'utf8' });
    return stdout.trim().split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}
const runs = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

type Moment = 'browser started' | 'PDF being written' | 'manifest being written after a PDF' | 'manifest records a PDF printed by this run';

/**
 * Runs the batch and kills it with SIGKILL at the moment given, watched from outside:
 * file events in the output folder, or the browser appearing among its children.
 */
async function killBatchAt(dir: string, moment: Moment): Promise<{ chromium: number[] }> {
  mkdirSync(dir, { recursive: true });
  const started = new Date().toISOString();
  const child = startBatch(dir);
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  // The browser's pids are polled beforehand: the kill itself must not wait for pgrep.
  let chromium: number[] = [];
  const kill = () => {
    if (child.exitCode === null && !child.killed) child.kill('SIGKILL');
  };
  let pdfSeen = false;
  const watcher = watch(dir, (_event, name) => {
    const file = String(name ?? '');
    if (/^gm\d{4}\.pdf$/.test(file) && existsSync(join(dir, file))) pdfSeen = true;
    if (moment === 'PDF being written' && /^\.gm\d{4}\.pdf\..*\.tmp$/.test(file)) kill();
    if (moment === 'manifest being written after a PDF' && pdfSeen && /^\.manifest\.json\..*\.tmp$/.test(file)) kill();
  });
  const t0 = Date.now();
  let polled = 0;
  try {
    while (child.exitCode === null && !child.killed && Date.now() - t0 < WAIT_MS) {
      if (Date.now() - polled > 100) {
        polled = Date.now();
        const found = await childrenOfAsync(child.pid!, 'chrom');
        if (found.length > 0 && !child.killed) chromium = found;
        if (moment === 'browser started' && found.length > 0) kill();
      }
      if (moment === 'manifest records a PDF printed by this run') {
        // A PDF printed by this run (not one taken over from the run before).
        let printed = 0;
        try {
          printed = manifestOf(dir)?.reports.filter((r) => r.status === 'ok' && r.finishedAt > started).length ?? 0;
        } catch {
          // being replaced right now: read again
        }
        if (printed > 0) kill();
      }
      await sleep(20);
    }
  } finally {
    watcher.close();
  }
  const end = await exited(child);
  expect(end.signal, `the batch ended (exit ${end.code}) before the moment "${moment}":\n${stderr}`).toBe('SIGKILL');
  return { chromium };
}

/** What a killed run may leave: PDFs that are complete, a manifest that parses and is true, temp files at most. */
function checkDisk(dir: string): { pdfs: Map<string, { ino: number; mtimeMs: number }>; unrecorded: string[]; temps: string[]; lock: boolean } {
  const names = existsSync(dir) ? readdirSync(dir) : [];
  const m = manifestOf(dir); // throws if it does not parse
  const recorded = new Map((m?.reports ?? []).filter(hasPdf).map((r) => [r.file, r]));
  for (const r of recorded.values()) {
    const path = join(dir, r.file);
    expect(existsSync(path), `${r.file} is in the manifest`).toBe(true);
    expect(statSync(path).size).toBe(r.bytes);
    expect(sha256(path)).toBe(r.sha256);
  }
  const pdfs = new Map<string, { ino: number; mtimeMs: number }>();
  const unrecorded: string[] = [];
  const temps: string[] = [];
  let lock = false;
  for (const name of names) {
    const path = join(dir, name);
    if (name === 'manifest.json') continue;
    if (name === LOCK_FILE) {
      lock = true; // a SIGKILL leaves the folder lock behind; the next run takes it over
      continue;
    }
    if (TEMP.test(name)) {
      temps.push(name);
      continue;
    }
    expect(name, 'only PDFs, the manifest and hidden temp files').toMatch(/^gm\d{4}\.pdf$/);
    const bytes = readFileSync(path);
    expect(bytes.length, `${name} is not empty`).toBeGreaterThan(1000);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.subarray(-1024).toString('latin1'), `${name} is complete`).toContain('%%EOF');
    const s = statSync(path);
    pdfs.set(name, { ino: s.ino, mtimeMs: s.mtimeMs });
    if (recorded.get(name)?.sha256 !== sha256(path)) unrecorded.push(name);
  }
  return { pdfs, unrecorded, temps, lock };
}

async function waitGone(pids: number[]): Promise<number[]> {
  const t0 = Date.now();
  while (pids.some(runs) && Date.now() - t0 < WAIT_MS) await sleep(100);
  return pids.filter(runs);
}

async function completeRun(dir: string): Promise<{ code: number | null; lines: { type: string; code?: string; status?: string; file?: string }[]; stderr: string }> {
  const child = startBatch(dir, ['--json']);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const { code } = await exited(child);
  return { code, lines: stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)), stderr };
}

describe('a batch killed with SIGKILL', () => {
  // A kill watched from outside lands a little late: at "manifest being written" it mostly finds the
  // manifest already renamed. The next test sets up the states of the narrowest windows directly.
  it('at four moments in a row leaves only complete, true files each time, and the rerun completes the set printing nothing twice', async () => {
    const dir = join(root, 'killed');
    const finished = new Map<string, { ino: number; mtimeMs: number }>();
    const moments: Moment[] = ['browser started', 'PDF being written', 'manifest being written after a PDF', 'manifest records a PDF printed by this run'];
    const seen: string[] = [];
    for (const moment of moments) {
      const { chromium } = await killBatchAt(dir, moment);
      const disk = checkDisk(dir);
      seen.push(`${moment}: ${disk.pdfs.size} PDFs, ${disk.unrecorded.length} not yet in the manifest, ${disk.temps.length} temp files`);
      // A PDF there once is never replaced by a later run (that would be a second print).
      for (const [name, id] of finished) expect(disk.pdfs.get(name), `${name} after "${moment}"`).toEqual(id);
      for (const [name, id] of disk.pdfs) finished.set(name, id);
      // Chromium talks to node over a pipe and exits when the killed process's end closes.
      expect(chromium.length, `Chromium ran at "${moment}"`).toBeGreaterThan(0);
      expect(await waitGone(chromium), `Chromium outlived the killed batch (${moment})`).toEqual([]);
    }
    if (process.env.CRASH_TEST_REPORT) console.log(seen.join('\n'));
    expect(finished.size, seen.join('; ')).toBeGreaterThanOrEqual(2);
    expect(finished.size, seen.join('; ')).toBeLessThan(LIST.length);

    const lockPath = join(dir, LOCK_FILE);
    const left = JSON.parse(readFileSync(lockPath, 'utf8')) as LockHolder;
    const rerun = await completeRun(dir);
    expect(rerun.code).toBe(0);
    expect(rerun.stderr).toContain(messages.staleLockTakenOver(lockPath, left.pid, left.command, left.startedAt));
    const regions = rerun.lines.filter((l) => l.type === 'region') as { code: string; status: string; file: string }[];
    expect(regions.map((e) => e.code).sort()).toEqual(LIST);
    for (const e of regions) expect(e.status, e.code).toBe(finished.has(e.file) ? 'skipped' : 'ok');
    const disk = checkDisk(dir);
    expect(disk.temps).toEqual([]);
    expect(disk.lock).toBe(false);
    expect(disk.unrecorded).toEqual([]);
    expect([...disk.pdfs.keys()].sort()).toEqual(LIST.map((c) => `${c.toLowerCase()}.pdf`));
    for (const [name, id] of finished) expect(disk.pdfs.get(name), name).toEqual(id);
    expect(manifestOf(dir)!.reports.map((r) => r.status).every((s) => s === 'ok' || s === 'skipped')).toBe(true);
  });

  it('the states a kill can leave in its narrowest windows: a PDF not yet recorded, a lost manifest, temp files of a dead process', async () => {
    const dir = join(root, 'killed'); // complete after the test above
    const before = checkDisk(dir);
    expect(before.pdfs.size).toBe(LIST.length);
    // Killed between renaming gm0096.pdf into place and rewriting the manifest.
    const m = manifestOf(dir)!;
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...m, reports: m.reports.filter((r) => r.code !== 'GM0096') }, null, 2));
    // Temp files of a process that no longer runs, one of a process that does (the test itself).
    const dead = spawn('true');
    await exited(dead);
    const stale = [`.gm0060.pdf.${dead.pid}.0badc0de.tmp`, `.manifest.json.${dead.pid}.deadbeef.tmp`, `.gm0093.pdf.${dead.pid}.00000000.tmp`];
    writeFileSync(join(dir, stale[0]), '%PDF-1.7 half');
    writeFileSync(join(dir, stale[1]), '{"tool": "contextkaart", "rep');
    writeFileSync(join(dir, stale[2]), '');
    const live = `.gm0088.pdf.${process.pid}.12345678.tmp`;
    writeFileSync(join(dir, live), '%PDF-1.7 being written');

    const rerun = await completeRun(dir);
    expect(rerun.code).toBe(0);
    const regions = rerun.lines.filter((l) => l.type === 'region') as { code: string; status: string; file: string }[];
    expect(regions.map((e) => [e.code, e.status]).sort()).toEqual(LIST.map((c) => [c, 'skipped']));
    const after = checkDisk(dir);
    expect(after.temps).toEqual([live]); // a running process's temp file is left alone
    expect(after.unrecorded).toEqual([]);
    for (const [name, id] of before.pdfs) expect(after.pdfs.get(name), name).toEqual(id);
    expect(manifestOf(dir)!.reports.find((r) => r.code === 'GM0096')).toMatchObject({ status: 'skipped', file: 'gm0096.pdf', sha256: sha256(join(dir, 'gm0096.pdf')) });
    rmSync(join(dir, live));

    // The manifest lost altogether: every PDF still names its inputs, so none is printed again.
    rmSync(join(dir, 'manifest.json'));
    const again = await completeRun(dir);
    expect(again.code).toBe(0);
    expect(again.lines.filter((l) => l.type === 'region').map((l) => l.status)).toEqual(LIST.map(() => 'skipped'));
    for (const [name, id] of before.pdfs) expect(checkDisk(dir).pdfs.get(name), name).toEqual(id);
  });
});

describe('Chromium killed in the middle of a batch', () => {
  it('is started again, the run completes, and no half or temp file is left', async () => {
    const dir = join(root, 'chromium-killed');
    mkdirSync(dir, { recursive: true });
    const list = LIST.slice(0, 3);
    const child = startBatch(dir, ['--json'], list);
    let stdout = '';
    child.stdout!.on('data', (d) => (stdout += d));
    // Once the first PDF is written, let the next one get under way, then kill the browser.
    const t0 = Date.now();
    while (!readdirSync(dir).some((f) => /^gm\d{4}\.pdf$/.test(f)) && Date.now() - t0 < WAIT_MS) await sleep(20);
    await sleep(400);
    const browsers = childrenOf(child.pid!, 'chrom');
    expect(browsers.length).toBeGreaterThan(0);
    for (const pid of browsers) process.kill(pid, 'SIGKILL');
    const { code } = await exited(child);
    expect(code).toBe(0);
    const summary = JSON.parse(stdout.trim().split('\n').at(-1)!);
    expect(summary).toMatchObject({ type: 'summary', ok: list.length, failed: 0 });
    const disk = checkDisk(dir);
    expect(disk.temps).toEqual([]);
    expect(disk.unrecorded).toEqual([]);
    expect(disk.pdfs.size).toBe(list.length);
  });
});
