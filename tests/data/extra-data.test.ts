import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { loadExtraData, type ExtraDataFile } from '../../src/data/extra-data.js';
import { aggregateObservation } from '../../src/data/aggregate.js';
import { SeriesStore } from '../../src/data/series.js';
import { ReportError } from '../../src/util/errors.js';
import { messages } from '../../src/util/messages.js';
import { realDataset } from '../helpers/data.js';

const dir = 'tests/fixtures/extra-data';
const indicator = (id: string, unit: 'percent' | 'score' = 'percent') => ({
  id,
  label: `Fixture ${id}`,
  definition: '',
  domain: 'signalering' as const,
  unit,
  decimals: 1,
  higherIsBetter: null,
  source: 'Testfixture',
  chart: true,
});
const file = (name: string, ids = ['fixture_bereik']): ExtraDataFile => ({ file: join(dir, name), displayFile: `${dir}/${name}`, indicators: ids.map((id) => indicator(id)) });

async function errorOf(name: string): Promise<ReportError> {
  const store = new SeriesStore((await realDataset()).series);
  try {
    await loadExtraData([file(name)], await realDataset(), store);
  } catch (e) {
    if (e instanceof ReportError) return e;
    throw e;
  }
  throw new Error('expected an error');
}

describe('extra data in long format', () => {
  it('reads values, counts, suppression, Nederland and wijken', async () => {
    const ds = await realDataset();
    const store = new SeriesStore(ds.series);
    const defs = await loadExtraData([file('fixture-valid.csv')], ds, store);
    const def = defs.get('fixture_bereik')!;
    expect(def.aggregate).toEqual({ kind: 'ratio', scale: 100 });
    expect(def.fields).toEqual({ gemeente: { 2023: 'extra' }, wijk: { 2023: 'extra' } });
    // "<5": withheld, in the words of the cell (no counts on that row, so none kept).
    expect(store.get('fixture_bereik', 2023, 'GM0798')).toEqual({ value: null, suppressed: true, note: 'minder dan 5' });
    expect(store.value('fixture_bereik', 2023, 'NL01')).toBe(61.5);
    expect(store.value('fixture_bereik', 2023, 'WK079601')).toBe(40);
    // Two gemeenten together: (50 + 160) / (100 + 200), not the mean of 50% and 80%.
    expect(aggregateObservation(store, def, 2023, ['GM0796', 'GM0797']).value).toBeCloseTo(70, 10);
    // The shared dataset is not changed by a region's extra data.
    expect(ds.series.get('fixture_bereik', 2023, 'GM0796')).toBeUndefined();
  });

  it('reads ";"-separated files with decimal commas and empty values', async () => {
    const ds = await realDataset();
    const store = new SeriesStore(ds.series);
    const f = { ...file('fixture-semicolon.csv'), indicators: [indicator('fixture_score', 'score')] };
    const defs = await loadExtraData([f], ds, store);
    expect(store.value('fixture_score', 2023, 'GM0796')).toBe(12.5);
    expect(store.get('fixture_score', 2022, 'GM0796')).toMatchObject({ value: null });
    expect(defs.get('fixture_score')!.aggregate).toEqual({ kind: 'none' });
  });

  it('reads a Windows-1252 file (Excel on Windows) with a warning instead of replacement characters', async () => {
    const ds = await realDataset();
    const store = new SeriesStore(ds.series);
    const warnings: { message: string; colophon: string }[] = [];
    const f = { ...file('fixture-windows-1252.csv'), indicators: [indicator('fixture_score', 'score')] };
    await loadExtraData([f], ds, store, warnings);
    expect(store.value('fixture_score', 2023, 'GM0796')).toBe(12.5);
    expect(warnings.map((w) => w.message)).toContain(messages.extraDataNotUtf8(`${dir}/fixture-windows-1252.csv`));
    expect(warnings.some((w) => /gelezen als Windows-1252/.test(w.colophon))).toBe(true);
    // Node's own windows-1252 decoder is Latin-1: 0x96 must become an en dash, not a control character.
    const { decodeText } = await import('../../src/util/text-encoding.js');
    expect(decodeText(readFileSync(join(dir, 'fixture-windows-1252.csv'))).text).toContain('één meting (Cito) – voorlopig');
    // A UTF-8 file gives no such warning.
    const none: typeof warnings = [];
    await loadExtraData([{ ...file('fixture-semicolon.csv'), indicators: [indicator('fixture_score', 'score')] }], ds, new SeriesStore(ds.series), none);
    expect(none).toEqual([]);
  });

  it('names the file and the missing columns for a bad header', async () => {
    expect((await errorOf('fixture-bad-header.csv')).message).toBe(messages.extraDataHeader(`${dir}/fixture-bad-header.csv`, ['code']));
  });
  it('names the row of an unknown code', async () => {
    const e = await errorOf('fixture-bad-code.csv');
    expect(e.exitCode).toBe(3);
    expect(e.message).toBe(
      messages.extraDataRow(`${dir}/fixture-bad-code.csv`, 3, 'code', '"GM9999" is not a gemeente or wijk code', 'Use a CBS code such as GM0363 or WK036300 (indeling 2023/2024), or NL01 for Nederland.'),
    );
  });
  it('rejects an undeclared indicator, a bad year, a non-number and duplicates', async () => {
    expect((await errorOf('fixture-undeclared.csv')).message).toContain(`${dir}/fixture-undeclared.csv:2: indicator: "fixture_onbekend" is not declared`);
    expect((await errorOf('fixture-bad-year.csv')).message).toContain(`${dir}/fixture-bad-year.csv:2: year: "23" is not a year`);
    expect((await errorOf('fixture-bad-value.csv')).message).toContain(`${dir}/fixture-bad-value.csv:2: value: "veel" is not a number`);
    expect((await errorOf('fixture-duplicate.csv')).message).toContain(`${dir}/fixture-duplicate.csv:3: code: GM0796 fixture_bereik 2023 occurs twice`);
  });
});

describe('extra indicator ids', () => {
  it('may not take the id of a catalogue indicator', async () => {
    const ds = await realDataset();
    const f = { ...file('fixture-valid.csv'), indicators: [indicator('pct_jeugdzorg')] };
    await expect(loadExtraData([f], ds, new SeriesStore(ds.series))).rejects.toThrow(messages.extraIdTaken(`${dir}/fixture-valid.csv`, 'pct_jeugdzorg'));
  });
});
