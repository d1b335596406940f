import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseShard, shardOf } from '../../src/pipeline/region-sets.js';
import { mergeManifests, type ManifestEntry } from '../../src/pipeline/manifest.js';
import { createProgress, createStageReporter, fitToWidth, progressMode, type Terminal } from '../../src/cli/progress.js';
import { EventEmitter } from 'node:events';
import { ReportError } from '../../src/util/errors.js';
// Region sets and a batch job's inputs read the real dataset: tests/data/batch-units.test.ts.

describe('shards', () => {
  it('n shards cover the set exactly once, in near-equal parts', () => {
    const items = Array.from({ length: 342 }, (_, i) => `GM${String(i).padStart(4, '0')}`);
    for (const n of [1, 2, 3, 8, 342, 500]) {
      const parts = Array.from({ length: n }, (_, k) => shardOf(items, { k: k + 1, n }));
      expect(parts.flat().sort()).toEqual(items);
      const sizes = parts.map((p) => p.length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
  });
  it('parses k/n and rejects nonsense', () => {
    expect(parseShard('3/8')).toEqual({ k: 3, n: 8 });
    for (const bad of ['0/8', '9/8', '3', 'a/b', '3/0']) expect(() => parseShard(bad)).toThrow(ReportError);
  });
});

const entry = (code: string, status: ManifestEntry['status'], finishedAt: string, file = `${code.toLowerCase()}.pdf`): ManifestEntry => ({
  code,
  name: code,
  file,
  pages: status === 'failed' || status === 'interrupted' ? null : 12,
  bytes: status === 'failed' || status === 'interrupted' ? null : 1000,
  sha256: status === 'failed' || status === 'interrupted' ? null : 'ab',
  ms: 10,
  status,
  error: status === 'failed' ? 'kapot' : null,
  inputsHash: 'x',
  attempts: 1,
  finishedAt,
});

describe('merging manifests', () => {
  it('keeps one entry per region, prefers success, makes paths relative to the merged manifest', () => {
    const dir = mkdtempSync(join(tmpdir(), 'merge-'));
    const a = join(dir, 'shard-1', 'manifest.json');
    const b = join(dir, 'shard-2', 'manifest.json');
    for (const [p, reports] of [
      [a, [entry('GM0001', 'ok', '2026-01-01'), entry('GM0003', 'failed', '2026-01-02')]],
      [b, [entry('GM0002', 'ok', '2026-01-01'), entry('GM0003', 'ok', '2026-01-01'), entry('GM0001', 'interrupted', '2026-01-03')]],
    ] as const) {
      mkdirSync(join(p, '..'), { recursive: true });
      writeFileSync(p, JSON.stringify({ tool: 'contextkaart', version: '0.1.0', updatedAt: '', set: 'alle 342 gemeenten', shard: '1/2', reports }));
    }
    const merged = mergeManifests([a, b], (m, f) => join(m.includes('shard-1') ? 'shard-1' : 'shard-2', f));
    expect(merged.reports.map((r) => [r.code, r.status, r.file])).toEqual([
      ['GM0001', 'ok', 'shard-1/gm0001.pdf'],
      ['GM0002', 'ok', 'shard-2/gm0002.pdf'],
      ['GM0003', 'ok', 'shard-2/gm0003.pdf'],
    ]);
  });
});

describe('progress output', () => {
  it('writes one plain line per region without a terminal', () => {
    let err = '';
    const p = createProgress({ mode: 'lines', stderr: (s) => (err += s), stdout: () => undefined });
    p.onEvent({ type: 'start', total: 2, toRender: 2, skipped: 0 });
    p.onEvent({ type: 'region', entry: { ...entry('GM0363', 'ok', ''), name: 'Amsterdam', ms: 1800, bytes: 250 * 1024, pages: 17 }, done: 1, total: 2, retried: false });
    p.onEvent({ type: 'region', entry: { ...entry('GM0599', 'failed', ''), name: 'Rotterdam' }, done: 2, total: 2, retried: true });
    expect(err).toContain('[1/2] ok      GM0363 Amsterdam: 17 pages, 250 kB, 1.8 s\n');
    expect(err).toContain('[2/2] failed  GM0599 Rotterdam: kapot\n');
    expect(err).not.toContain('\r');
  });
  it('writes NDJSON to stdout with --json', () => {
    let out = '';
    const p = createProgress({ mode: 'json', stderr: () => undefined, stdout: (s) => (out += s) });
    p.onEvent({ type: 'region', entry: entry('GM0363', 'ok', ''), done: 1, total: 1, retried: false });
    p.finish({ total: 1, ok: 1, failed: 0, skipped: 0, ms: 1000, entries: [], browserLaunches: 1 }, 'out/manifest.json');
    const lines = out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ type: 'region', code: 'GM0363', status: 'ok' });
    expect(lines[1]).toMatchObject({ type: 'summary', ok: 1, failed: 0, manifest: 'out/manifest.json' });
  });
});

/** A terminal of a given width that can be resized, as process.stderr is on a TTY. */
class FakeTerminal extends EventEmitter implements Terminal {
  constructor(public columns: number) {
    super();
  }
  resize(columns: number) {
    this.columns = columns;
    this.emit('resize');
  }
}
/** What a redrawn line shows: the text after the last clear-line. */
const shownLines = (written: string) => written.split('\r\x1b[2K').map((part) => part.replace(/\n$/, ''));

describe('progress bar on a terminal', () => {
  it('fits the width of the terminal, never wider, and is drawn again when the terminal is resized', () => {
    let err = '';
    const terminal = new FakeTerminal(60);
    const p = createProgress({ mode: 'tty', stderr: (s) => (err += s), stdout: () => undefined, terminal, now: () => 0 });
    p.onEvent({ type: 'start', total: 342, toRender: 342, skipped: 0 });
    const long = { ...entry('GM1966', 'ok', ''), name: 'Het Hogeland met een naam die veel langer is dan een regel' };
    p.onEvent({ type: 'region', entry: long, done: 1, total: 342, retried: false });
    const at60 = shownLines(err).at(-1)!;
    expect([...at60].length).toBe(59);
    expect(at60).toMatch(/^\[█?░+\] 1\/342 · 0 failed/);
    expect(at60.endsWith('…')).toBe(true);

    err = '';
    terminal.resize(200);
    const at200 = shownLines(err).at(-1)!;
    expect(at200).toContain('GM1966 Het Hogeland met een naam die veel langer is dan een regel');
    expect(at200).not.toContain('…');

    err = '';
    terminal.resize(40);
    expect([...shownLines(err).at(-1)!].length).toBe(39);
    err = '';
    p.onEvent({ type: 'region', entry: { ...entry('GM0014', 'ok', ''), name: 'Groningen' }, done: 2, total: 342, retried: false });
    expect([...shownLines(err).at(-1)!].length).toBeLessThanOrEqual(39);

    p.finish({ total: 342, ok: 2, failed: 0, skipped: 0, ms: 1000, entries: [], browserLaunches: 1 }, 'out/manifest.json');
    expect(terminal.listenerCount('resize')).toBe(0);
    err = '';
    terminal.resize(80);
    expect(err).toBe('');
  });

  it('cuts by characters, and leaves a line that fits as it is', () => {
    expect(fitToWidth('abc', 80)).toBe('abc');
    expect(fitToWidth('█'.repeat(100), 50)).toBe(`${'█'.repeat(48)}…`);
    expect([...fitToWidth('x'.repeat(300), undefined)].length).toBe(79);
  });
});

describe('an interrupted batch in the progress output', () => {
  it('names the regions that were being rendered as interrupted, not failed, and what the next run does', () => {
    let err = '';
    let out = '';
    const lines = createProgress({ mode: 'lines', stderr: (s) => (err += s), stdout: () => undefined });
    const json = createProgress({ mode: 'json', stderr: () => undefined, stdout: (s) => (out += s) });
    const stopped = { ...entry('GM0164', 'interrupted', ''), name: 'Hengelo' };
    for (const p of [lines, json]) {
      p.onEvent({ type: 'start', total: 3, toRender: 3, skipped: 0 });
      p.onEvent({ type: 'region', entry: { ...entry('GM0153', 'ok', ''), name: 'Enschede' }, done: 1, total: 3, retried: false });
      p.onEvent({ type: 'region', entry: stopped, done: 2, total: 3, retried: false });
      p.onEvent({ type: 'interrupted', done: 1, total: 3, interrupted: [stopped], notStarted: 1 });
    }
    expect(err).toContain('[2/3] interrupted GM0164 Hengelo: rendered on the next run\n');
    expect(err).toContain('stopped: 1 of 3 regions has its PDF; 1 interrupted and 1 not started are rendered on the next run\n');
    expect(err).not.toContain('failed  ');
    const events = out.trim().split('\n').map((l) => JSON.parse(l));
    expect(events.at(-2)).toMatchObject({ type: 'region', code: 'GM0164', status: 'interrupted' });
    expect(events.at(-1)).toEqual({ type: 'interrupted', done: 1, total: 3, interrupted: ['GM0164'], notStarted: 1 });
  });
});

describe('stages of a single render', () => {
  it('on a terminal: one redrawn line per stage, fitted to the width, cleared at the end', () => {
    let err = '';
    let t = 0;
    const r = createStageReporter({ mode: 'tty', label: 'GM0363 Amsterdam', stderr: (s) => (err += s), terminal: new FakeTerminal(40), now: () => t });
    r.stage('loading data');
    t = 12_400;
    r.stage('printing PDF');
    expect(shownLines(err).filter(Boolean)).toEqual(['GM0363 Amsterdam: loading data…', 'GM0363 Amsterdam: printing PDF… 12 s']);
    r.done();
    expect(err.endsWith('\r\x1b[2K')).toBe(true);
    expect(err).not.toContain('\n');
  });

  it('writes nothing in a log, with --quiet or with --json', () => {
    for (const mode of ['lines', 'quiet', 'json'] as const) {
      let err = '';
      const r = createStageReporter({ mode, label: 'Amsterdam', stderr: (s) => (err += s) });
      r.stage('drawing charts and maps');
      r.done();
      expect(err, mode).toBe('');
    }
    expect(progressMode({ stream: { isTTY: true }, env: {} })).toBe('tty');
    expect(progressMode({ stream: { isTTY: true }, env: { CI: 'true' } })).toBe('lines');
    expect(progressMode({ stream: { isTTY: false }, env: {} })).toBe('lines');
    expect(progressMode({ quiet: true, stream: { isTTY: true }, env: {} })).toBe('quiet');
    expect(progressMode({ json: true, stream: { isTTY: true }, env: {} })).toBe('json');
  });
});
