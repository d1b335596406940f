import { describe, expect, it } from 'vitest';
import { sourceModules } from '../../src/data/sources/index.js';
import { sources, sourceById } from '../../src/data/sources.js';
import { indicatorList, catalogue } from '../../src/data/catalogue.js';
import { figureList } from '../../src/data/figures.js';
import { fetchTables, unavailableTables } from '../../src/fetch/catalogue.js';

/** Sources no module reads (cited when used): nothing to fetch. */
const notRead = new Set(['duo-advies']);

describe('the source registry (src/data/sources/index.ts)', () => {
  it('has unique module ids and unique source ids, each source in one module', () => {
    const ids = sourceModules.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    const sourceIds = sourceModules.flatMap((m) => m.sources.map((s) => s.id));
    expect(new Set(sourceIds).size).toBe(sourceIds.length);
    expect(Object.keys(sources).sort()).toEqual([...sourceIds].sort());
    for (const id of sourceIds) expect(sourceById(id)?.id).toBe(id);
  });

  it('names a registered source in every indicator field, and cites a registered source', () => {
    for (const def of indicatorList) {
      expect(sourceById(def.source), `${def.id} source ${def.source}`).toBeDefined();
      const specs = [...Object.values(def.fields).flatMap((byYear) => Object.values(byYear ?? {})), ...(def.laterYears ? [def.laterYears] : [])];
      for (const spec of specs) {
        if (spec === 'derived') continue;
        expect(sourceById(spec.split(':')[0]), `${def.id}: ${spec}`).toBeDefined();
      }
    }
  });

  it('has unique indicator and figure ids, and every figure shows catalogue indicators', () => {
    expect(catalogue.size).toBe(indicatorList.length);
    expect(new Set(figureList.map((f) => f.id)).size).toBe(figureList.length);
    for (const f of figureList) for (const id of f.indicators) expect(catalogue.has(id), `${f.id}: ${id}`).toBe(true);
  });

  it('fetches every file a source reads, or lists it as unavailable with the reason', () => {
    const fetched = new Set(fetchTables.map((t) => t.file));
    const unavailable = new Set(unavailableTables.map((t) => t.file));
    for (const s of Object.values(sources)) {
      if (notRead.has(s.id)) continue;
      for (const file of [s.file, ...(s.files ?? [])]) {
        // A folder (the boundaries): some fetched file lies in it.
        const ok = file.endsWith('/') ? [...fetched].some((f) => f.startsWith(file)) : fetched.has(file) || unavailable.has(file);
        expect(ok, `${s.id}: ${file}`).toBe(true);
      }
    }
    for (const t of unavailableTables) expect(t.reason.length, t.file).toBeGreaterThan(20);
    expect(new Set(fetchTables.map((t) => t.name)).size).toBe(fetchTables.length);
    for (const t of [...fetchTables, ...unavailableTables]) expect(sourceById(t.sourceId), t.file).toBeDefined();
  });

  it('marks an optional module only where its first file may be absent (listed unavailable or fetched)', () => {
    for (const m of sourceModules.filter((x) => x.optional)) expect(m.load, m.id).toBeDefined();
  });
});
