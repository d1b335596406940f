/**
 * A list of regions for a batch: kept in the order given, each region once, with a
 * warning naming both entries when one is named twice (also by name and by code).
 * A small made-up set of gemeenten: the real dataset is read in tests/data/batch-units.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveRegionSet, shardOf } from '../../src/pipeline/region-sets.js';
import type { Dataset, GemeenteInfo } from '../../src/data/load-dataset.js';
import { messages } from '../../src/util/messages.js';

const gemeente = (code: string, name: string): GemeenteInfo => ({ code, name, provinceCode: 'PV23', provinceName: 'Overijssel' });
const gemeenten = [gemeente('GM0141', 'Almelo'), gemeente('GM0153', 'Enschede'), gemeente('GM0164', 'Hengelo'), gemeente('GM0173', 'Oldenzaal')];
const dataset = { dataDir: '/nonexistent', gemeenten: new Map(gemeenten.map((g) => [g.code, g])) } as unknown as Dataset;
const codes = (set: { members: ({ kind: 'gemeente'; gemeente: GemeenteInfo } | { kind: 'config'; path: string })[] }) =>
  set.members.map((m) => (m.kind === 'gemeente' ? m.gemeente.code : m.path));

describe('a list of regions', () => {
  it('keeps the order given, not the order of the codes', () => {
    const set = resolveRegionSet('Oldenzaal,GM0141,Hengelo', dataset);
    expect(codes(set)).toEqual(['GM0173', 'GM0141', 'GM0164']);
    expect(set.gemeenten.map((g) => g.code)).toEqual(['GM0173', 'GM0141', 'GM0164']);
    expect(set.warnings).toEqual([]);
  });

  it('renders a gemeente named twice once, and names both entries in a warning', () => {
    const set = resolveRegionSet('Hengelo, Enschede, Almelo, GM0153, hengelo, Hengelo', dataset);
    expect(codes(set)).toEqual(['GM0164', 'GM0153', 'GM0141']);
    expect(set.description).toBe('3 gemeenten');
    expect(set.warnings).toEqual([
      'Enschede and GM0153 are the same gemeente (GM0153 Enschede): rendered once',
      'Hengelo and hengelo are the same gemeente (GM0164 Hengelo): rendered once',
      'Hengelo is named twice: rendered once',
    ]);
  });

  it('in a file, names the lines of a duplicate; a config named twice (two spellings of one path) is kept once, in its place', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sets-'));
    writeFileSync(join(dir, 'twente.yaml'), 'id: twente\n');
    const file = join(dir, 'lijst.txt');
    writeFileSync(file, 'Enschede\ntwente.yaml\n# comment\nGM0153\n./twente.yaml\nAlmelo\n');
    const set = resolveRegionSet(file, dataset);
    expect(codes(set)).toEqual(['GM0153', join(dir, 'twente.yaml'), 'GM0141']);
    expect(set.configs).toEqual([join(dir, 'twente.yaml')]);
    expect(set.warnings).toEqual([
      messages.sameGemeenteTwice(`${file}:1: Enschede`, `${file}:4: GM0153`, 'GM0153 Enschede'),
      messages.sameConfigTwice(`${file}:2: twente.yaml`, `${file}:5: ./twente.yaml`),
    ]);
    expect(set.warnings[0]).toBe(`${file}:1: Enschede and ${file}:4: GM0153 are the same gemeente (GM0153 Enschede): rendered once`);
  });

  it('"all" is every gemeente once, by code; shards of a list follow its order', () => {
    expect(codes(resolveRegionSet('all', dataset))).toEqual(['GM0141', 'GM0153', 'GM0164', 'GM0173']);
    const members = codes(resolveRegionSet('Oldenzaal,Hengelo,Enschede,Almelo', dataset));
    expect(shardOf(members, { k: 1, n: 2 })).toEqual(['GM0173', 'GM0153']);
    expect(shardOf(members, { k: 2, n: 2 })).toEqual(['GM0164', 'GM0141']);
  });
});
