// Ties between similar gemeenten on a fixture dataset; similar gemeenten of real reports and the consultant's voice are in tests/data/peers.test.ts.
import { describe, expect, it } from 'vitest';
import { computePeers, peerFeatures } from '../../src/data/peers.js';
import { SeriesStore } from '../../src/data/series.js';
import type { Dataset } from '../../src/data/load-dataset.js';

/** Fixture dataset: gemeenten with made-up context values (not report figures). */
function fixtureDataset(profiles: Record<string, number[]>): Dataset {
  const series = new SeriesStore();
  const gemeenten = new Map<string, unknown>();
  for (const [code, values] of Object.entries(profiles)) {
    gemeenten.set(code, { code, name: code });
    peerFeatures.forEach((f, i) => series.set(f.indicator, f.year, code, { value: values[i] }));
  }
  return { gemeenten, series } as unknown as Dataset;
}

describe('similar gemeenten', () => {
  it('break ties by code, so the group is stable', () => {
    const base = [1000, 10000, 30, 10, 15, 25];
    const ds = fixtureDataset({ GM0003: base, GM0002: base, GM0001: [2000, 50000, 40, 20, 18, 30], GM0009: base.map((v) => v * 1.5), GM0004: base });
    const a = computePeers(ds, ['GM0004'], 3).map((p) => p.code);
    expect(a).toEqual(['GM0002', 'GM0003', 'GM0009']);
    expect(computePeers(ds, ['GM0004'], 3).map((p) => p.code)).toEqual(a);
  });
});
