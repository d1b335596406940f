/**
 * School years DUO publishes after the catalogue's are fetched and read.
 * School advice (2019-2020 … 2024-2025): the fake serves a FIXTURE 2025-2026 file (2024-2025's rows
 * again); a report from that data shows 2025-2026. Without it, the fetch ends at 2024-2025 after one
 * unanswered probe. Exams: the newest five-year file DUO serves is taken; the fake serves a FIXTURE
 * 2020-2025 window (2023-2024's columns again as 2024-2025).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsvRecords } from '../../src/util/csv.js';
import { sources } from '../../src/data/sources.js';
import { fetchSchooladviezen, schooladviesFile } from '../../src/fetch/duo-schooladviezen.js';
import { fetchTables } from '../../src/fetch/catalogue.js';
import { checkText } from '../../src/fetch/validate.js';
import { buildFigure } from '../../src/pipeline/figure-kinds.js';
import { citationFor } from '../../src/charts/citation.js';
import { figures } from '../../src/data/figures.js';
import { catalogue } from '../../src/data/catalogue.js';
import { parseRegionConfig } from '../../src/config/load.js';
import { resolveRegionConfig } from '../../src/config/resolve.js';
import { selectReportData } from '../../src/data/select.js';
import { getDataset } from '../../src/pipeline/render-region.js';
import { stagedDataWith } from '../helpers/linked-data.js';
import { fakeFetchContext, startFakePublishers, type FakePublishers } from '../helpers/fake-publishers.js';

let fake: FakePublishers;
let tmp: string;
const adviceFile = sources['duo-schooladviezen'].file;
const ctx = () => fakeFetchContext(fake);
const arnhemFrom = async (data: string) =>
  selectReportData(await resolveRegionConfig(parseRegionConfig('id: arnhem\narea:\n  gemeente: Arnhem\n', 'tests/fixtures/inline.yaml')), await getDataset(data));
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
    const report = await arnhemFrom(await stagedDataWith(join(tmp, 'data-advice'), { [adviceFile]: join(tmp, 'advice-with-2025.csv') }));
    expect(report.years('pct_advies_havo_vwo', report.region)).toEqual([2019, 2020, 2021, 2022, 2023, 2024, 2025]);
    // The fixture year repeats 2024-2025's rows, so Arnhem's figure is the same as that year's.
    expect(report.value('pct_advies_havo_vwo', report.region, 2025).value).toBeCloseTo(report.value('pct_advies_havo_vwo', report.region, 2024).value!, 10);
    const fig = buildFigure(report, [...figures.values()].find((f) => f.indicators.includes('pct_advies_havo_vwo') && f.kind === 'trend')!);
    expect(fig.title).toContain('2025-2026');
    expect(citationFor(catalogue.get('pct_advies_havo_vwo')!, 'gemeente', 2025)).toBe(sources['duo-schooladviezen'].citation);
  });
});

describe('exam results of a newer five-year file', () => {
  const examFile = sources['duo-examen'].file;
  const table = () => fetchTables.find((t) => t.file === examFile)!;

  it('are fetched from the newest window DUO serves, else 2019-2024', async () => {
    const n = fake.requests.length;
    const staged = await table().fetch(ctx());
    expect(fake.requests.slice(n).filter((r) => r.startsWith('/duo-files/examenkandidaten'))).toEqual([
      '/duo-files/examenkandidaten-en-geslaagden-2021-2026.csv',
      '/duo-files/examenkandidaten-en-geslaagden-2020-2025.csv',
      '/duo-files/examenkandidaten-en-geslaagden-2019-2024.csv',
    ].filter((r) => Number(r.match(/-(\d{4})\.csv$/)![1]) <= new Date().getUTCFullYear()));
    expect(staged.urls[0]).toMatch(/examenkandidaten-en-geslaagden-2019-2024\.csv$/);
    fake.options.examWindow2020 = true;
    try {
      const newer = await table().fetch(ctx());
      expect(newer.urls[0]).toMatch(/examenkandidaten-en-geslaagden-2020-2025\.csv$/);
      expect(checkText(table().check, newer.text)).toEqual([]);
      await writeFile(join(tmp, 'exams-2020-2025.csv'), newer.text);
    } finally {
      fake.options.examWindow2020 = undefined;
    }
  });

  it('are read with the years of the file: 2024-2025 shown, 2019-2020 not in it', async () => {
    const report = await arnhemFrom(await stagedDataWith(join(tmp, 'data-exams'), { [examFile]: join(tmp, 'exams-2020-2025.csv') }));
    const years = report.years('slaagpct_vo', report.region);
    expect(years).toContain(2024);
    expect(years).not.toContain(2019);
    expect(years).toContain(2018); // the 2014-2019 file
    // The fixture's 2024-2025 repeats 2023-2024's columns.
    expect(report.value('slaagpct_vo', report.region, 2024).value).toBeCloseTo(report.value('slaagpct_vo', report.region, 2023).value!, 10);
    const fig = buildFigure(report, [...figures.values()].find((f) => f.indicators.includes('slaagpct_vo') && f.kind === 'trend')!);
    expect(fig.title).toContain('2024-2025');
  });
});
