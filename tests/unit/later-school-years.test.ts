/**
 * School years DUO publishes after the catalogue's (2019-2020 … 2024-2025) are fetched and read:
 * the fake serves a FIXTURE 2025-2026 file (2024-2025's rows again), and a report from that data
 * shows 2025-2026. Without it, the fetch ends at 2024-2025 after one unanswered probe.
 */
import { mkdtemp, mkdir, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsvRecords } from '../../src/data/csv.js';
import { sources } from '../../src/data/sources.js';
import { fetchSchooladviezen, schooladviesFile } from '../../src/fetch/duo-schooladviezen.js';
import { fetchTables } from '../../src/fetch/catalogue.js';
import { checkText } from '../../src/fetch/validate.js';
import { buildFigure } from '../../src/charts/build-figure.js';
import { citationFor } from '../../src/charts/citation.js';
import { figures } from '../../src/data/figures.js';
import { catalogue } from '../../src/data/catalogue.js';
import { parseRegionConfig } from '../../src/config/load.js';
import { resolveRegionConfig } from '../../src/config/resolve.js';
import { selectReportData } from '../../src/data/select.js';
import { getDataset } from '../../src/pipeline/render-region.js';
import { dataDir } from '../helpers/data.js';
import { startFakePublishers, type FakePublishers } from '../helpers/fake-publishers.js';

let fake: FakePublishers;
let tmp: string;
const adviceFile = sources['duo-schooladviezen'].file;
const ctx = () => ({ bases: { cbs: '', duo: `${fake.url}/duo`, duoFiles: `${fake.url}/duo-files`, pdok: '', locatieserver: '' }, http: { timeoutMs: 5_000, retries: 0, backoffMs: 1 }, progress: () => {} });
const yearsIn = (csv: string) => [...new Set(parseCsvRecords(csv, ';').records.map((r) => r.values.schooljaar))].sort();

beforeAll(async () => {
  fake = await startFakePublishers();
  tmp = await mkdtemp(join(tmpdir(), 'ck-later-years-'));
});
afterAll(async () => {
  await fake.close();
  await rm(tmp, { recursive: true, force: true });
});

describe('school advice of later school years', () => {
  it('are fetched as far as DUO has published them', async () => {
    const check = fetchTables.find((t) => t.file === adviceFile)!.check;
    const none = await fetchSchooladviezen(ctx(), new Date('2026-11-28T00:00:00Z'));
    expect(yearsIn(none.text)).toEqual(['2019-2020', '2020-2021', '2021-2022', '2022-2023', '2023-2024', '2024-2025']);
    expect(fake.requests.filter((r) => r.includes(schooladviesFile(2025)))).toHaveLength(1);

    fake.options.laterAdviceYear = 2025;
    try {
      const later = await fetchSchooladviezen(ctx(), new Date('2026-11-28T00:00:00Z'));
      expect(checkText(check, later.text)).toEqual([]);
      expect(yearsIn(later.text)).toContain('2025-2026');
      expect(later.urls[later.urls.length - 1]).toBe(`${fake.url}/duo-files/${schooladviesFile(2025)}.csv`);
      // Before the school year has ended nothing later is asked for.
      const n = fake.requests.length;
      await fetchSchooladviezen(ctx(), new Date('2025-12-01T00:00:00Z'));
      expect(fake.requests.slice(n).some((r) => r.includes(schooladviesFile(2025)))).toBe(false);
      await writeFile(join(tmp, 'advice-with-2025.csv'), later.text);
    } finally {
      fake.options.laterAdviceYear = undefined;
    }
  });

  it('are read and shown: the figure runs to 2025-2026 and cites DUO', async () => {
    // The staged data, linked (not copied), with the fetched advice file in place of the staged one.
    const data = join(tmp, 'data');
    for (const e of await readdir(dataDir, { withFileTypes: true, recursive: true })) {
      if (!e.isFile()) continue;
      const rel = join(e.parentPath, e.name).slice(dataDir.length + 1);
      await mkdir(dirname(join(data, rel)), { recursive: true });
      if (rel === adviceFile) continue;
      await symlink(join(e.parentPath, e.name), join(data, rel));
    }
    await symlink(join(tmp, 'advice-with-2025.csv'), join(data, adviceFile));
    const dataset = await getDataset(data);
    const report = await selectReportData(await resolveRegionConfig(parseRegionConfig('id: arnhem\narea:\n  gemeente: Arnhem\n', 'tests/fixtures/inline.yaml')), dataset);
    expect(report.years('pct_advies_havo_vwo', report.region)).toEqual([2019, 2020, 2021, 2022, 2023, 2024, 2025]);
    // The fixture year repeats 2024-2025's rows, so Arnhem's figure is the same as that year's.
    expect(report.value('pct_advies_havo_vwo', report.region, 2025).value).toBeCloseTo(report.value('pct_advies_havo_vwo', report.region, 2024).value!, 10);
    const fig = buildFigure(report, [...figures.values()].find((f) => f.indicators.includes('pct_advies_havo_vwo') && f.kind === 'trend')!);
    expect(fig.title).toContain('2025-2026');
    expect(citationFor(catalogue.get('pct_advies_havo_vwo')!, 'gemeente', 2025)).toBe(sources['duo-schooladviezen'].citation);
  });
});
