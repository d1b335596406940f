/**
 * The checks of bad and hostile input (issue 12) that need the real dataset: indicator ids the
 * texts refer to, a client's own indicator, and extra data that cannot be true. The other checks
 * are in tests/unit/input-checks.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { messages } from '../../src/util/messages.js';
import { loadExtraData, type InputWarning } from '../../src/data/extra-data.js';
import { SeriesStore } from '../../src/data/series.js';
import { realDataset } from '../helpers/data.js';
import { reportFor } from '../helpers/report.js';
import { rejectedReportError as rejected } from '../helpers/errors.js';

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'contextkaart-checks-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('unknown indicator ids the texts refer to', () => {
  it('interpretation.exclude and indicatorTexts keys must be in the catalogue (or the client\'s own)', async () => {
    const yaml = (extra: string) => `id: x\narea:\n  gemeente: GM0796\n${extra}`;
    const e1 = await rejected(reportFor(yaml('interpretation:\n  exclude: [pct_jeugdzrg]\n'), 'regio.yaml'));
    expect(e1.message).toBe(messages.unknownIndicator('regio.yaml:5', 'interpretation.exclude[0]', 'pct_jeugdzrg', ['pct_jeugdzorg']));
    const e2 = await rejected(reportFor(yaml('sections:\n  - domain: jeugdhulp\n    indicatorTexts:\n      pct_jeugdzrg: Tekst\n'), 'regio.yaml'));
    expect(e2.message).toMatch(/:7: sections\[0\]\.indicatorTexts\.pct_jeugdzrg: unknown indicator "pct_jeugdzrg"; did you mean "pct_jeugdzorg"/);
  });
});

describe("a client's own indicator is never left out silently", () => {
  const ownConfig = (sections: string) =>
    `id: x\narea:\n  gemeente: GM0796\n${sections}extraData:\n  - file: eigen.csv\n    indicators:\n      - { id: eigen_bereik, label: Bereik, domain: signalering, unit: percent, source: Test }\n`;
  let config: string;
  beforeAll(() => {
    mkdirSync(join(tmp, 'own'));
    writeFileSync(join(tmp, 'own', 'eigen.csv'), 'code,indicator,year,value\nGM0796,eigen_bereik,2023,50\n');
    config = join(tmp, 'own', 'regio.yaml');
  });

  it('joins the standard section of its domain when the config names no sections', async () => {
    const report = await reportFor(ownConfig(''), config);
    const section = report.sections.find((s) => s.domain === 'signalering')!;
    expect(section.indicators.map((d) => d.id)).toContain('eigen_bereik');
    expect(section.figures.map((f) => f.id)).toContain('extra-eigen_bereik');
  });

  it('is an error when no section of the config shows it', async () => {
    const e = await rejected(reportFor(ownConfig('sections:\n  - domain: armoede\n'), config));
    expect(e.message).toMatch(/regio\.yaml:9: extraData\[0\]\.indicators\[0\]\.id: your indicator "eigen_bereik" appears in no section/);
  });
});

describe('extra data that cannot be true', () => {
  const indicator = (unit: 'percent' | 'count' | 'per-1000' | 'score' | 'euro-k') => ({
    id: 'eigen_cijfer',
    label: 'Eigen cijfer',
    definition: '',
    domain: 'signalering' as const,
    unit,
    decimals: 1,
    higherIsBetter: null,
    source: 'Test',
    chart: true,
  });
  let n = 0;
  async function load(csv: string, unit: Parameters<typeof indicator>[0] = 'percent', more: ReturnType<typeof indicator>[] = []) {
    const path = join(tmp, `extra-${n++}.csv`);
    writeFileSync(path, csv);
    const ds = await realDataset();
    const warnings: InputWarning[] = [];
    await loadExtraData([{ file: path, displayFile: 'eigen.csv', indicators: [indicator(unit), ...more] }], ds, new SeriesStore(ds.series), warnings);
    return warnings;
  }
  const H = 'code,indicator,year,value,numerator,denominator\n';
  const row = (v: string, num = '', den = '', year = '2023', code = 'GM0796') => `${code},eigen_cijfer,${year},${v},${num},${den}\n`;
  const error = async (csv: string, unit: Parameters<typeof indicator>[0] = 'percent') => (await rejected(load(csv, unit))).message;

  it('refuses impossible counts, shares and years, naming file, line and field', async () => {
    expect(await error(H + row('50', '50', '100') + row('120', '120', '100', '2023', 'GM0797'))).toMatch(/^eigen\.csv:3: value: 120 is above 100 for a percentage\./);
    expect(await error(H + row('100', '100', '80'))).toMatch(/^eigen\.csv:2: numerator: 100 is above the denominator 80\./);
    expect(await error(H + row('5', '-5', '100'))).toMatch(/^eigen\.csv:2: numerator: -5 is negative\./);
    expect(await error(H + row('5', '5', '-100'))).toMatch(/^eigen\.csv:2: denominator: -100 is negative\./);
    expect(await error(H + row('-1'), 'count')).toMatch(/^eigen\.csv:2: value: -1 is negative\. A value with unit count cannot/);
    expect(await error(H + row('-0.5'), 'per-1000')).toContain('value: -0.5 is negative');
    expect(await error(H + row('5', '0', '0'))).toContain('eigen.csv:2: denominator: is 0 while a value is given');
    expect(await error(H + row('0', '0', '0'))).toContain('denominator: is 0 while a value is given');
    expect(await error(H + row('5', '5', ''))).toContain('denominator: is empty while the other is given');
    expect(await error(H + row('50', '', '100'))).toContain('numerator: is empty while the other is given');
    const next = new Date().getUTCFullYear() + 1;
    expect(await error(H + row('50', '', '', String(next)))).toContain(`eigen.csv:2: year: ${next} is after the current year`);
    expect(await error(H)).toBe(messages.extraDataNoRows('eigen.csv'));
    expect(await error('code,indicator,year,value')).toBe(messages.extraDataNoRows('eigen.csv'));
  });

  it('a value must agree with its own numerator and denominator, up to its own rounding', async () => {
    expect(await error(H + row('45', '60', '100'))).toMatch(/^eigen\.csv:2: value: 45 disagrees with its own numerator and denominator \(60 \/ 100 × 100 = 60\)\./);
    expect(await error(H + row('33.4', '1', '3'))).toContain('33.4 disagrees');
    expect(await error(H + row('2.4', '31', '10000'), 'per-1000')).toContain('2.4 disagrees with its own numerator and denominator (31 / 10000 × 1000 = 3.1)');
    expect(await load(H + row('33.3', '1', '3') + row('33', '1', '3', '2022') + row('66.67', '2', '3', '2021'))).toEqual([]);
    expect(await load(H + row('3.1', '31', '10000'), 'per-1000')).toEqual([]);
    // A mean income per person may be negative; a score too.
    expect(await load(H + row('-2.5'), 'euro-k')).toEqual([]);
    expect(await load(H + row('-0.3'), 'score')).toEqual([]);
    expect(await error(H + row('50', '50', '100'), 'count')).toContain('50 disagrees with its own numerator and denominator (50 / 100 = 0.5)');
  });

  it('warns, in English for the terminal and in Dutch for the colophon, about what can be right', async () => {
    const fractional = await load(H + row('50', '50.5', '101'));
    expect(fractional.map((w) => w.message)).toEqual([messages.extraDataFractionalCount('eigen.csv', 2, 'numerator', '50.5')]);
    expect(fractional[0].colophon).toBe('Bij ‘Eigen cijfer’ (eigen.csv) zijn teller of noemer geen hele aantallen (regel 2); aangenomen is dat het gewogen aantallen zijn.');

    const partial = await load(H + row('50', '50', '100') + row('60', '', '', '2023', 'GM0797') + row('61.5', '', '', '2023', 'NL01'));
    expect(partial.map((w) => w.message)).toEqual([messages.extraDataPartialCounts('eigen.csv', 'eigen_cijfer', 3)]);
    expect(partial[0].colophon).toContain('niet op elke rij teller en noemer');

    const withoutRows = await load(H + row('50'), 'percent', [{ ...indicator('percent'), id: 'eigen_tweede', label: 'Tweede cijfer' }]);
    expect(withoutRows.map((w) => w.message)).toEqual([messages.extraDataIndicatorWithoutRows('eigen.csv', 'eigen_tweede')]);
    expect(withoutRows[0].colophon).toBe('Voor ‘Tweede cijfer’ staat geen enkele rij in het aangeleverde bestand eigen.csv; deze indicator ontbreekt in het rapport.');

    // Counts on every row but Nederland's, or on none: nothing to warn about.
    expect(await load(H + row('50', '50', '100') + row('61.5', '', '', '2023', 'NL01'))).toEqual([]);
    expect(await load(H + row('50') + row('60', '', '', '2023', 'GM0797'))).toEqual([]);
  });
});
