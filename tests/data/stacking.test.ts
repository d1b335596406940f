/**
 * Where disadvantages stack (the wijk classes) and what may be stressed, on real reports. The class
 * of a value on its own is in tests/unit/stacking.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { reportFor } from '../helpers/report.js';
import { wijkStacking, STACKED_MIN } from '../../src/interpret/wijk-stacking.js';
import { reportFacts } from '../../src/interpret/facts.js';
import { STRESS_MIN_CASES, casesOf, stressCheck } from '../../src/interpret/stress.js';

/** "34,0% – 47,0%" → [34, 47]; "29 per 1.000 – 42 per 1.000" → [29, 42]; "12%" → [12, 12]. */
function range(label: string): [number, number] {
  const first = (p: string) => Number(/\d[\d.]*(,\d+)?/.exec(p)![0].replace(/\./g, '').replace(',', '.'));
  const nums = label.split(' – ').map(first);
  return [nums[0], nums[nums.length - 1]];
}

describe('wijk classes', () => {
  it('on every column of the wijk profile of Arnhem and Amsterdam, every cell lies in its class', async () => {
    for (const code of ['GM0202', 'GM0363']) {
      const s = wijkStacking(await reportFor(`id: x\narea:\n  gemeente: ${code}\n`));
      expect(s.columns.length).toBeGreaterThanOrEqual(4);
      for (const row of s.allRows) {
        row.cells.forEach((cell, i) => {
          if (cell.obs.value === null) return;
          const c = s.columns[i];
          const [lo, hi] = range(c.breaks.labels[cell.cls!]);
          const printed = Number(cell.obs.value.toFixed(c.def.decimals));
          expect(printed, `${code} ${row.name} ${c.def.id}`).toBeGreaterThanOrEqual(lo);
          expect(printed, `${code} ${row.name} ${c.def.id}`).toBeLessThanOrEqual(hi);
        });
      }
    }
  });
});

describe('where disadvantages stack', () => {
  it('names only wijken of 1.000 inhabitants or more that fall in the highest class on at least two figures, most first', async () => {
    const s = wijkStacking(await reportFor('id: x\narea:\n  gemeente: Arnhem\n'));
    expect(s.enough).toBe(true);
    expect(s.named.length).toBeGreaterThanOrEqual(2);
    for (const r of s.named) {
      expect(r.stacked).toBeGreaterThanOrEqual(STACKED_MIN);
      expect(r.inwoners).toBeGreaterThanOrEqual(1000);
      // Recount from the cells: in the highest of at least three classes of a figure about disadvantage.
      const top = r.cells.filter((cell, i) => s.columns[i].disadvantage && cell.cls !== null && cell.cls === s.columns[i].breaks.labels.length - 1).length;
      expect(top).toBe(r.stacked);
    }
    expect(s.named.map((r) => r.stacked)).toEqual([...s.named.map((r) => r.stacked)].sort((a, b) => b - a));
    expect(s.sentence).toMatch(/^In \d+ van de 24 wijken stapelen de achterstanden zich op: /);
  });

  it('says a gemeente of one wijk cannot show it, and an area of wijken classes its wijken within the gemeente', async () => {
    const one = wijkStacking(await reportFor('id: x\narea:\n  gemeente: Schiermonnikoog\n'));
    expect(one.enough).toBe(false);
    expect(one.sentence).toBe('Schiermonnikoog is één wijk: waar achterstanden zich opstapelen is met wijkcijfers niet te zien.');
    const area = wijkStacking(await reportFor('id: x\narea:\n  name: Rotterdam-Zuid\n  wijken: [WK059910, WK059915, WK059912]\n'));
    expect(area.rows).toHaveLength(3);
    expect(area.scopeWijken).toBeGreaterThan(3);
    expect(area.sentence).toMatch(new RegExp(`van de 3 wijken van Rotterdam-Zuid .* van de ${area.scopeWijken} wijken van Rotterdam\\.$`));
  });
});

describe('what may be stressed', () => {
  it('not a share resting on a handful of cases: youth care on Schiermonnikoog, yes in Arnhem', async () => {
    for (const [code, ok] of [
      ['GM0088', false],
      ['GM0202', true],
    ] as const) {
      const report = await reportFor(`id: x\narea:\n  gemeente: ${code}\n`);
      const def = report.catalogue.get('pct_jeugdzorg')!;
      const v = report.value(def.id, report.region);
      const { cases } = casesOf(report, def, v);
      expect(cases! >= STRESS_MIN_CASES).toBe(ok);
      expect(stressCheck(report, def, v).ok).toBe(ok);
    }
  });

  it('never 0% or 100%', async () => {
    const report = await reportFor('id: x\narea:\n  gemeente: Arnhem\n');
    const def = report.catalogue.get('slaagpct_vwo')!;
    expect(stressCheck(report, def, { value: 100, year: 2023 }).ok).toBe(false);
    expect(stressCheck(report, def, { value: 0, year: 2023 }).ok).toBe(false);
  });

  it('one headline measure per topic: youth care leads with jeugdzorg in natura, its forms are never stressed beside it', async () => {
    const report = await reportFor('id: x\narea:\n  gemeente: Arnhem\n');
    const facts = reportFacts(report);
    const d = (id: string) => report.catalogue.get(id)!;
    expect(facts.stressed(d('pct_jeugdzorg'))).toBe(true);
    for (const id of ['pct_jeugdhulp', 'pct_jeugdbescherming', 'pct_jeugdreclassering', 'jeugdzorg_per_100_jongeren']) expect(facts.stressed(d(id)), id).toBe(false);
    // Two measures of low income are never both stressed.
    expect(['pct_hh_laag_inkomen', 'pct_hh_sociaal_minimum', 'pct_hh_laagste_40'].filter((id) => facts.stressed(d(id)))).toHaveLength(1);
  });
});
