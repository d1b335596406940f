/**
 * Batch runs with the real browser: manifest, failure isolation, resume after an
 * interruption, shards, retries and a crashed browser.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readPdf } from '../helpers/pdf.js';
import { lockFolder } from '../../src/util/folder-lock.js';
import { runCli } from '../helpers/run-cli.js';
import { dataDir, realDataset } from '../helpers/data.js';
import type { Manifest } from '../../src/pipeline/manifest.js';
import { BrowserSession } from '../../src/print/browser-session.js';
import { renderBatch } from '../../src/pipeline/render-batch.js';
import { messages } from '../../src/util/messages.js';
import { WAIT_MS } from '../helpers/timeouts.js';

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'contextkaart-batch-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const manifestOf = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const broken = resolve('tests/fixtures/batch/fixture-broken-region.yaml');

describe('a batch of a handful of regions, one of which fails', () => {
  let dir: string;
  let first: { code: number; stderr: string; stdout: string };
  beforeAll(async () => {
    dir = join(root, 'handful');
    first = await runCli(['batch', '--gemeenten', `GM0088,GM0796,Utrecht,${broken}`, '--concurrency', '2', '-o', dir, '--data', dataDir]);
  });

  it('exits 1, and the failing region fails alone with its error in the manifest', () => {
    expect(first.code).toBe(1);
    const m = manifestOf(dir);
    expect(m.reports.map((r) => [r.code, r.status])).toEqual([
      ['fixture-broken-region', 'failed'],
      ['GM0088', 'ok'],
      ['GM0344', 'ok'],
      ['GM0796', 'ok'],
    ]);
    const failed = m.reports.find((r) => r.status === 'failed')!;
    expect(failed.error).toContain('fixture-broken.csv:2: value: "veel" is not a number');
    expect(failed.attempts).toBe(1); // a data error is not retried
    expect(first.stderr).toContain('4 regions: 3 rendered, 0 skipped, 1 failed');
  });

  it('writes a manifest whose entries match the PDFs on disk', async () => {
    const m = manifestOf(dir);
    expect(m.tool).toBe('contextkaart');
    for (const r of m.reports.filter((x) => x.status === 'ok')) {
      const path = join(dir, r.file);
      expect(statSync(path).size).toBe(r.bytes);
      expect(sha256(path)).toBe(r.sha256);
      const pdf = await readPdf(path);
      expect(pdf.pages).toBe(r.pages);
      expect(pdf.pages).toBeGreaterThanOrEqual(8);
      expect(pdf.pageText[0]).toContain(r.name);
      expect(r.ms).toBeGreaterThan(0);
      expect(r.error).toBeNull();
    }
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('a rerun renders nothing that is unchanged, and tries the failed region again', async () => {
    const before = manifestOf(dir);
    const mtimes = new Map(before.reports.filter((r) => r.status === 'ok').map((r) => [r.code, statSync(join(dir, r.file)).mtimeMs]));
    const again = await runCli(['batch', '--gemeenten', `GM0088,GM0796,Utrecht,${broken}`, '-o', dir, '--data', dataDir]);
    expect(again.code).toBe(1);
    const m = manifestOf(dir);
    expect(m.reports.map((r) => r.status)).toEqual(['failed', 'skipped', 'skipped', 'skipped']);
    for (const [code, t] of mtimes) expect(statSync(join(dir, m.reports.find((r) => r.code === code)!.file)).mtimeMs).toBe(t);
    expect(again.stderr).toContain('4 regions: 1 to render, 3 unchanged (skipped)');
  });

  it('--force renders everything again', async () => {
    const r = await runCli(['batch', '--gemeenten', 'GM0088', '-o', dir, '--force', '--json', '--data', dataDir]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.find((l) => l.type === 'region')).toMatchObject({ code: 'GM0088', status: 'ok' });
    expect(lines.at(-1)).toMatchObject({ type: 'summary', ok: 1, failed: 0 });
  });
});

describe('interrupted and resumed', () => {
  it('Ctrl-C leaves only complete PDFs, and the next run finishes the rest without rendering any twice', async () => {
    const dir = join(root, 'resume');
    const list = 'GM0088,GM0096,GM0093,GM0060,GM0072,GM0166,GM0171,GM0180';
    // From source (the signal handling of bin/contextkaart.js); tests/integration/interrupt.test.ts interrupts at more moments.
    const child = spawn('node', ['--import', 'tsx', 'tests/helpers/cli-source.ts', 'batch', '--gemeenten', list, '-o', dir, '--concurrency', '1', '--data', dataDir], { stdio: 'ignore' });
    const t0 = Date.now();
    // Interrupt once two regions are done.
    while (Date.now() - t0 < WAIT_MS) {
      const m = existsSync(join(dir, 'manifest.json')) ? manifestOf(dir) : undefined;
      if ((m?.reports.filter((r) => r.status === 'ok').length ?? 0) >= 2) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill('SIGINT');
    expect(await new Promise((r) => child.on('exit', r))).toBe(130);
    const interrupted = manifestOf(dir);
    const doneFirst = interrupted.reports.filter((r) => r.status === 'ok').map((r) => r.code);
    expect(doneFirst.length).toBeGreaterThanOrEqual(2);
    expect(doneFirst.length).toBeLessThan(8);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.pdf'))) expect(readFileSync(join(dir, f)).subarray(-1024).toString('latin1')).toContain('%%EOF');

    const rerun = await runCli(['batch', '--gemeenten', list, '-o', dir, '--data', dataDir]);
    expect(rerun.code).toBe(0);
    const m = manifestOf(dir);
    expect(m.reports).toHaveLength(8);
    for (const r of m.reports) {
      expect(r.status).toBe(doneFirst.includes(r.code) ? 'skipped' : 'ok');
      expect(sha256(join(dir, r.file))).toBe(r.sha256);
    }
  });
});

describe('shards and merging', () => {
  it('--shard k/n renders its part of the set, and merge-manifests joins the parts', async () => {
    const list = 'GM0088,GM0096,GM0093';
    const a = await runCli(['batch', '--gemeenten', list, '--shard', '1/2', '-o', join(root, 'shard-1'), '--data', dataDir, '-q']);
    const b = await runCli(['batch', '--gemeenten', list, '--shard', '2/2', '-o', join(root, 'shard-2'), '--data', dataDir, '-q']);
    expect([a.code, b.code]).toEqual([0, 0]);
    const m1 = manifestOf(join(root, 'shard-1'));
    const m2 = manifestOf(join(root, 'shard-2'));
    expect(m1.shard).toBe('1/2');
    expect([...m1.reports, ...m2.reports].map((r) => r.code).sort()).toEqual(['GM0088', 'GM0093', 'GM0096']);
    // Shards take every n-th region of the list in the order given (GM0088, GM0096, GM0093).
    expect(m1.reports.map((r) => r.code)).toEqual(['GM0088', 'GM0093']);
    const merged = await runCli(['merge-manifests', join(root, 'shard-1', 'manifest.json'), join(root, 'shard-2', 'manifest.json'), '-o', join(root, 'manifest.json')]);
    expect(merged.code).toBe(0);
    const m = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')) as Manifest;
    expect(m.reports.map((r) => r.file)).toEqual(['shard-1/gm0088.pdf', 'shard-1/gm0093.pdf', 'shard-2/gm0096.pdf']);
    for (const r of m.reports) expect(existsSync(join(root, r.file))).toBe(true);

    // Not while a send (or batch) works in the folder of the merged manifest.
    const lock = await lockFolder(root, { command: 'contextkaart send --send' });
    try {
      const busy = await runCli(['merge-manifests', join(root, 'shard-1', 'manifest.json'), '-o', join(root, 'manifest.json')]);
      expect(busy.code).toBe(75);
      expect(busy.stderr).toContain('contextkaart send --send');
      expect((JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')) as Manifest).reports).toHaveLength(3);
    } finally {
      await lock.release();
    }
  });
});

describe('usage errors', () => {
  it('an unknown gemeente stops the batch before any work, with exit 2 and suggestions', async () => {
    const dir = join(root, 'unknown');
    const r = await runCli(['batch', '--gemeenten', 'GM0088,Amsterdm', '-o', dir, '--data', dataDir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--gemeenten item 2: unknown gemeente "Amsterdm"; did you mean Amsterdam (GM0363)');
    expect(existsSync(dir)).toBe(false);
  });
  it('a bad shard or concurrency is a usage error', async () => {
    expect((await runCli(['batch', '--gemeenten', 'all', '--shard', '9/8', '-o', join(root, 'x')])).code).toBe(2);
    expect((await runCli(['batch', '--gemeenten', 'all', '--concurrency', '0', '-o', join(root, 'x')])).code).toBe(2);
  });
  it('gka says that the list is partial', async () => {
    const r = await runCli(['batch', '--gemeenten', 'gka', '--shard', '36/36', '-o', join(root, 'gka'), '--data', dataDir]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(messages.gkaPartial(36, 101, 'gka/gka_gemeenten_gedeeltelijk.csv'));
    expect(manifestOf(join(root, 'gka')).reports).toHaveLength(1);
  });
});

describe('a hostile environment', () => {
  it('a page past its timeout is closed and the region retried once, then reported', async () => {
    const dataset = await realDataset();
    await using session = new BrowserSession({ timeout: 150 });
    const dir = join(root, 'timeout');
    const s = await renderBatch({ jobs: [{ arg: 'GM0088', key: 'GM0088', name: 'Schiermonnikoog' }], outDir: dir, dataset, session, toolHash: 't', concurrency: 1, set: 'test', shard: null });
    expect(s.failed).toBe(1);
    expect(s.entries[0]).toMatchObject({ status: 'failed', attempts: 2, error: messages.renderTimeout(150) });
    expect(readdirSync(dir).filter((f) => f.endsWith('.pdf'))).toEqual([]);
  });

  it('a crashed browser is relaunched and the run goes on', async () => {
    const dataset = await realDataset();
    await using session = new BrowserSession();
    const dir = join(root, 'crash');
    let killed = false;
    const s = await renderBatch({
      jobs: ['GM0088', 'GM0096', 'GM0093', 'GM0060'].map((c) => ({ arg: c, key: c, name: c })),
      outDir: dir,
      dataset,
      session,
      toolHash: 't',
      concurrency: 1,
      set: 'test',
      shard: null,
      onEvent: (e) => {
        if (e.type === 'region' && !killed) {
          killed = true;
          process.kill(session.pid()!, 'SIGKILL');
        }
      },
    });
    expect(s.ok).toBe(4);
    expect(s.failed).toBe(0);
    expect(session.launches).toBeGreaterThanOrEqual(2);
  });
});
