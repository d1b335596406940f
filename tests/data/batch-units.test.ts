// Region sets and a batch job's inputs, which read the real dataset; shards, manifests and
// progress are in tests/unit/batch-units.test.ts.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveRegionSet } from '../../src/pipeline/region-sets.js';
import { ReportError } from '../../src/util/errors.js';
import { realDataset } from '../helpers/data.js';

describe('region sets', () => {
  it('"all" is the 342 gemeenten in code order', async () => {
    const set = resolveRegionSet('all', await realDataset());
    expect(set.gemeenten).toHaveLength(342);
    expect(set.gemeenten[0].code < set.gemeenten[1].code).toBe(true);
  });
  it('"gka" reads the partial list from the data directory and says it is partial', async () => {
    const set = resolveRegionSet('gka', await realDataset());
    expect(set.gemeenten).toHaveLength(36);
    expect(set.gemeenten.map((g) => g.code)).toContain('GM0796');
    expect(set.warnings[0]).toContain('holds 36 of the 101 member gemeenten');
  });
  it('reads a file of codes and names with comments; paths of configs are relative to it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sets-'));
    const file = join(dir, 'lijst.txt');
    writeFileSync(file, '# gemeenten\nGM0363\nRotterdam\n\n’s-Hertogenbosch  # met krul\nregio.yaml\n');
    writeFileSync(join(dir, 'regio.yaml'), 'id: regio\n');
    const set = resolveRegionSet(file, await realDataset());
    expect(set.gemeenten.map((g) => g.code)).toEqual(['GM0363', 'GM0599', 'GM0796']);
    expect(set.configs).toEqual([join(dir, 'regio.yaml')]);
  });
  it('rejects unknown names before any work, with line numbers and suggestions', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sets-'));
    const file = join(dir, 'lijst.txt');
    writeFileSync(file, 'GM0363\nRoterdam\n');
    try {
      resolveRegionSet(file, await realDataset());
      throw new Error('expected an error');
    } catch (e) {
      expect(e).toBeInstanceOf(ReportError);
      expect((e as ReportError).exitCode).toBe(2);
      expect((e as ReportError).message).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2: unknown gemeente "Roterdam"; did you mean `));
      expect((e as ReportError).message).toMatch(/Nothing was rendered\.$/);
      expect((e as ReportError).message).toContain('Rotterdam (GM0599)');
    }
  });
});


describe('inputs of a batch job', () => {
  it('change with the edition asked on the command line and with the files a config names (the introduction too)', async () => {
    const { jobInputsHash } = await import('../../src/pipeline/render-batch.js');
    const dataset = await realDataset();
    const job = { arg: 'GM0202', key: 'GM0202', name: 'Arnhem' };
    const base = jobInputsHash(job, dataset, 'tool');
    expect(jobInputsHash(job, dataset, 'tool', 'kort')).not.toBe(base);
    expect(jobInputsHash(job, dataset, 'tool', 'volledig')).not.toBe(jobInputsHash(job, dataset, 'tool', 'kort'));
    const dir = mkdtempSync(join(tmpdir(), 'intro-'));
    writeFileSync(join(dir, 'regio.yaml'), 'id: regio\nintroFile: inleiding.md\narea:\n  gemeente: Arnhem\n');
    writeFileSync(join(dir, 'inleiding.md'), 'Eerste versie (FIXTURE).\n');
    const configJob = { arg: join(dir, 'regio.yaml'), key: 'regio', name: 'regio' };
    const before = jobInputsHash(configJob, dataset, 'tool');
    writeFileSync(join(dir, 'inleiding.md'), 'Tweede versie (FIXTURE).\n');
    expect(jobInputsHash(configJob, dataset, 'tool')).not.toBe(before);
  });
});
