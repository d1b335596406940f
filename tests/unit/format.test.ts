import { describe, expect, it } from 'vitest';
import { formatNumber, formatPercent, formatValue, formatDateNl } from '../../src/format.js';

describe('Dutch number formats', () => {
  it('groups thousands with a dot, also for four digits', () => {
    expect(formatNumber(1234)).toBe('1.234');
    expect(formatNumber(160757)).toBe('160.757');
    expect(formatNumber(17_942_942)).toBe('17.942.942');
  });
  it('uses a decimal comma', () => {
    expect(formatPercent(12.345)).toBe('12,3%');
    expect(formatNumber(0.65, 1)).toBe('0,7');
    expect(formatPercent(10, 1)).toBe('10,0%');
  });
  it('never prints -0', () => {
    expect(formatNumber(-0.01, 1)).toBe('0,0');
  });
  it('formats units', () => {
    expect(formatValue(0.7, 'km', 1)).toBe('0,7 km');
    expect(formatValue(33, 'euro-k', 0)).toBe('€ 33.000');
    expect(formatValue(72, 'per-1000', 0)).toBe('72 per 1.000');
    expect(formatValue(1468, 'per-km2', 0)).toBe('1.468 per km²');
  });
  it('writes dates in Dutch', () => {
    expect(formatDateNl(new Date('2026-11-22T12:00:00Z'))).toBe('22 november 2026');
  });
});
