// Colours, text metrics and label spreading of the charts. Charts of real reports are in tests/data/charts.test.ts.
import { describe, expect, it } from 'vitest';
import { sequentialRamp, textOn, luminance } from '../../src/charts/theme.js';
import { formatValue } from '../../src/format.js';

describe('colours', () => {
  it('ramps from a light tint to the brand colour', () => {
    const ramp = sequentialRamp('#1d5c96', 5);
    expect(ramp).toHaveLength(5);
    expect(luminance(ramp[0])).toBeGreaterThan(luminance(ramp[4]));
    expect(textOn(ramp[0])).toBe('#000000');
    expect(textOn('#1d5c96')).toBe('#ffffff');
  });
  it('formats legend values in Dutch', () => {
    expect(formatValue(12.34, 'percent', 1)).toBe('12,3%');
  });
});

describe('text metrics', () => {
  it('measures chart labels with the report font, as Chromium does', async () => {
    const vega = await import('vega');
    const { registerChartFonts } = await import('../../src/charts/to-svg.js');
    const { vegaConfig, paletteFor } = await import('../../src/charts/theme.js');
    registerChartFonts();
    const font = (vegaConfig(paletteFor({ primary: '#000000', secondary: '#000000' })) as { font: string }).font;
    const t = 'Andere weinig stedelijke gemeenten';
    // 165.45 px is Chromium's width of this text at 11 px in Source Sans 3 (measured on this machine).
    expect(vega.textMetrics.width({ font, fontSize: 11 } as never, t)).toBeCloseTo(165.45, 0);
    expect(vega.textMetrics.width({ font, fontSize: 11, fontWeight: 700 } as never, t)).toBeGreaterThan(170);
  });
});

describe('readable text colours', () => {
  it('darkens a light brand colour for text on white', async () => {
    const { readableOnWhite, luminance } = await import('../../src/charts/theme.js');
    const contrast = (hex: string) => 1.05 / (luminance(hex) + 0.05);
    expect(readableOnWhite('#1d5c96')).toBe('#1d5c96');
    expect(contrast(readableOnWhite('#7fb8ba'))).toBeGreaterThanOrEqual(4.5);
  });
  it('spreads end labels of close lines apart', async () => {
    const { spreadEndLabels } = await import('../../src/charts/figure-parts.js');
    const rows: Record<string, unknown>[] = [{ value: 91.4 }, { value: 91.41 }, { value: 92.2 }];
    spreadEndLabels(rows, 88, 100, 170);
    const px = rows.map((r) => 170 - (((r.labelValue as number) - 88) / 12) * 170).sort((a, b) => a - b);
    expect(px[1] - px[0]).toBeGreaterThanOrEqual(12.9);
    expect(px[2] - px[1]).toBeGreaterThanOrEqual(12.9);
  });
});
