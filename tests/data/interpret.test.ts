// The order of a section's sentences in a real report (Arnhem); the interpretation on fixture reports is in tests/unit/interpret.test.ts.
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../src/data/catalogue.js';
import { indicatorFinding } from '../../src/interpret/sentences.js';

const def = (id: string) => catalogue.get(id)!;

describe('the order of a section\'s sentences (a real report: Arnhem)', () => {
  it('opens with a figure about opportunity that may be stressed, the largest differences first; figures on too few cases come last, with a caution', async () => {
    const { reportFor } = await import('../helpers/report.js');
    const { buildInterpretation } = await import('../../src/interpret/interpretation.js');
    const { reportFacts } = await import('../../src/interpret/facts.js');
    const report = await reportFor('id: arnhem\narea:\n  gemeente: Arnhem\n');
    const interpretation = buildInterpretation(report);
    const facts = reportFacts(report);
    const onderwijs = report.sections.find((s) => s.domain === 'onderwijs')!;
    const items = interpretation.sections.find((s) => s.anchor === onderwijs.anchor)!.items.filter((it) => report.catalogue.has(it.indicator));
    expect(items.length).toBeGreaterThan(5);
    const defs = items.map((it) => def(it.indicator));
    expect(facts.stressed(defs[0]) && defs[0].opportunity).toBe(true);
    // Stressed figures come before the others; among the stressed ones about opportunity, the largest difference first.
    const stressed = defs.map((d) => facts.stressed(d));
    expect(stressed).toEqual([...stressed].sort((a, b) => Number(b) - Number(a)));
    const zs = defs.filter((d) => facts.stressed(d) && d.opportunity).map((d) => Math.abs(indicatorFinding(report, d).z ?? 0));
    expect(zs).toEqual([...zs].sort((a, b) => b - a));
    // A figure that may not be stressed says why, in the chapter.
    for (const [i, d] of defs.entries()) {
      if (!facts.stress(d).ok && report.value(d.id, report.region).value !== null) expect(items[i].text).toMatch(/Let op: dit cijfer (rust op weinig gevallen|ligt dicht bij (0|100)%|is (afgerond )?\d)/);
    }
  });
});
