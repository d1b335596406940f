// The short edition on real data: what the front pages point to is shown in its chapter, and the figures a consultant chose are all shown.
import { describe, expect, it } from 'vitest';
import { isAreaChart } from '../../src/data/figure-def.js';
import { TIMEOUT_MS } from '../helpers/timeouts.js';

const twente = (edition: 'kort' | 'volledig') => `id: twente-noordoost
edition: ${edition}
area:
  gemeenten: [GM0173, GM0168, GM1774]
  name: Noordoost-Twente
sections:
  - domain: demografie
  - domain: armoede
    figures: [inkomen, laag-inkomen-verdeling, "vergelijking:pct_hh_laag_inkomen"]
  - domain: jeugdhulp
  - domain: onderwijs
  - domain: signalering
    figures: [afstand-voorzieningen]
  - domain: wijk
`;

async function composed(yaml: string) {
  const { reportFor } = await import('../helpers/report.js');
  const { composeReport } = await import('../../src/interpret/edition.js');
  return composeReport(await reportFor(yaml));
}

describe('the short edition', () => {
  it('shows in its chapter, as a figure with its sentence, every figure a kernpunt or a tile points to (Noordoost-Twente, Arnhem)', async () => {
    for (const yaml of [twente('kort'), 'id: arnhem\nedition: kort\narea:\n  gemeente: Arnhem\n']) {
      const { report, interpretation } = await composed(yaml);
      const pointers = [...interpretation.kernpunten, ...interpretation.summary].filter((p) => report.catalogue.has(p.indicator) && p.anchor);
      expect(pointers.length).toBeGreaterThan(3);
      for (const p of pointers) {
        const section = report.sections.find((s) => s.anchor === p.anchor)!;
        const charts = section.figures.filter((f) => isAreaChart(f.kind) && f.indicators.includes(p.indicator));
        expect(charts.length, `${p.indicator} in ${section.title}: ${section.figures.map((f) => f.id).join(', ')}`).toBeGreaterThan(0);
      }
      // The kernpunt about Wmo-cliënten pointed at Jeugdhulp, where the short edition had no Wmo figure.
      if (yaml.includes('twente')) {
        expect(interpretation.kernpunten.some((k) => k.indicator === 'wmo_per_1000')).toBe(true);
        const jeugdhulp = interpretation.sections.find((s) => s.anchor === report.sections.find((r) => r.domain === 'jeugdhulp')!.anchor)!;
        expect(jeugdhulp.items.some((it) => it.indicator === 'wmo_per_1000' && /Wmo/.test(it.text ?? ''))).toBe(true);
      }
    }
  }, TIMEOUT_MS.data);

  it('shows every figure the config names, as named, as the full edition does', async () => {
    const short = (await composed(twente('kort'))).report.sections.find((s) => s.domain === 'armoede')!;
    const full = (await composed(twente('volledig'))).report.sections.find((s) => s.domain === 'armoede')!;
    expect(full.figures.map((f) => f.id)).toEqual(['inkomen', 'laag-inkomen-verdeling', 'vergelijking-pct-hh-laag-inkomen']);
    for (const f of full.figures) expect(short.figures).toContainEqual(f);
  }, TIMEOUT_MS.data);
});
