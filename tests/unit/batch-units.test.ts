import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseShard, shardOf } from '../../src/pipeline/region-sets.js';
import { mergeManifests, type ManifestEntry } from '../../src/pipeline/manifest.js';
import { createProgress } from '../../src/cli/progress.js';
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
  pages: status === 'failed' ? null : 12,
  bytes: status === 'failed' ? null : 1000,
  sha256: status === 'failed' ? null : 'ab',
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
      [b, [entry('GM0002', 'ok', '2026-01-01'), entry('GM0003', 'ok', '2026-01-01')]],
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
    expect(err).toContain('[1/2] ok      GM0363 Amsterdam: 17 pages, 250 kB, 1,8 s\n');
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
