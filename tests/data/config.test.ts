import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { parseRegionConfig } from '../../src/config/load.js';
import { resolveRegionConfig } from '../../src/config/resolve.js';
import { selectReportData } from '../../src/data/select.js';
import { messages } from '../../src/util/messages.js';
import { realDataset } from '../helpers/data.js';
import { rejectedReportError as asyncErrorOf } from '../helpers/errors.js';

// The config errors that need the real dataset (names of gemeenten, wijken); the others are in tests/unit/config.test.ts.
const file = join(process.cwd(), 'tests/fixtures/config/region.yaml');
const shown = 'tests/fixtures/config/region.yaml';

const valid = `id: regio-test
area:
  gemeente: GM0796
`;

describe('region config errors name the file, line, field and fix', () => {
  it('reports an unknown gemeente with the nearest names', async () => {
    const loaded = parseRegionConfig('id: x\narea:\n  gemeente: Den Bosh\n', file);
    const e = await asyncErrorOf(selectReportData(await resolveRegionConfig(loaded), await realDataset()));
    expect(e.exitCode).toBe(3);
    expect(e.message).toContain(`${shown}:3: area.gemeente: unknown gemeente "Den Bosh"`);
    expect(e.message).toContain("'s-Hertogenbosch (GM0796)");
  });

  it('reports an unknown indicator with a suggestion', async () => {
    const loaded = parseRegionConfig(`${valid}sections:\n  - domain: jeugdhulp\n    indicators: [pct_jeugdzrg]\n`, file);
    const e = await asyncErrorOf(selectReportData(await resolveRegionConfig(loaded), await realDataset()));
    expect(e.message).toBe(messages.unknownIndicator(`${shown}:6`, 'sections[0].indicators[0]', 'pct_jeugdzrg', ['pct_jeugdzorg']));
  });

  it('reports an unknown figure and lists the known ones', async () => {
    const loaded = parseRegionConfig(`${valid}sections:\n  - domain: jeugdhulp\n    figures: [taartdiagram]\n`, file);
    const e = await asyncErrorOf(selectReportData(await resolveRegionConfig(loaded), await realDataset()));
    expect(e.message).toMatch(/^tests\/fixtures\/config\/region\.yaml:6: sections\[0\]\.figures\[0\]: unknown figure "taartdiagram"\. Known figures: inwoners-trend, /);
  });

  it('reports an unknown wijk code', async () => {
    const loaded = parseRegionConfig('id: x\narea:\n  wijken: [WK079601, WK999999]\n  name: Twee wijken\n', file);
    const e = await asyncErrorOf(selectReportData(await resolveRegionConfig(loaded), await realDataset()));
    expect(e.message).toBe(messages.unknownWijk(`${shown}:3`, 'area.wijken[1]', 'WK999999'));
  });
});
