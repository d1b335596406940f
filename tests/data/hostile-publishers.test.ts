/**
 * Issue 21 items 2, 3 and 5 end to end: `contextkaart data fetch` against the fake publishers
 * (tests/helpers/fake-publishers.ts, built from the staged files, hence the data project) made
 * hostile with their intercept and transform hooks. Each run fails with exit 3, a message naming
 * the table, the URL and the problem, and leaves the data directory as it was (here: not made).
 * The pieces are tested without the fakes in tests/unit/hostile-publishers.test.ts.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline, Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/util/errors.js';
import { startFakePublishers, type FakePublishers } from '../helpers/fake-publishers.js';
import { runCli } from '../helpers/run-cli.js';

const MiB = 1024 * 1024;
let fake: FakePublishers;
let other: Server;
let otherUrl = '';
const otherHits: string[] = [];
let tmp: string;
let n = 0;

beforeAll(async () => {
  fake = await startFakePublishers({ pageSize: 1000 });
  other = createServer((req, res) => {
    otherHits.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ value: [] }));
  });
  await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
  otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
  tmp = await mkdtemp(join(tmpdir(), 'contextkaart-hostile-'));
});
afterEach(() => {
  fake.options.intercept = undefined;
  fake.options.transform = undefined;
});
afterAll(async () => {
  await fake?.close();
  await new Promise<void>((r) => other.close(() => r()));
  await rm(tmp, { recursive: true, force: true });
});

/** A fetch into a new directory; the directory must still not exist afterwards. */
async function fetchFails(...args: string[]) {
  const dir = join(tmp, `data-${n++}`);
  const r = await runCli(['data', 'fetch', '--data', dir, '--base-url', fake.url, '--retries', '0', '--backoff', '10', ...args]);
  expect(r.code).toBe(ExitCode.invalidInput);
  expect(r.stderr).toContain(`data fetch did not complete, so ${dir} was left as it was`);
  expect(r.stderr).not.toMatch(/internal error|TypeError|Cannot read/);
  expect(existsSync(dir)).toBe(false);
  return r.stderr;
}

const zeros = (total: number) => {
  let left = total;
  const c = Buffer.alloc(MiB);
  return new Readable({
    read() {
      if (left <= 0) return void this.push(null);
      left -= MiB;
      this.push(c);
    },
  });
};

describe('bounds, end to end', () => {
  it('a gzip bomb (2 GiB) as a PDOK layer stops at --max-response-mb, naming the table, URL and cap', async () => {
    fake.options.intercept = (_req, res, url) => {
      if (!url.pathname.startsWith('/pdok/')) return false;
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      pipeline(zeros(2048 * MiB), createGzip(), res, () => {});
      return true;
    };
    const t0 = performance.now();
    const err = await fetchFails('--only', 'pdok', '--max-response-mb', '16');
    expect(err).toMatch(/gemeenten_2023_pdok_kwb\.geojson: FAILED \(the answer is larger than the cap of 16 MiB \(counted after decompression; reading stopped there\)/);
    expect(err).toMatch(/URL: http:\/\/127\.0\.0\.1:\d+\/pdok\/cbs\/wijkenbuurten\/2023\/wfs\/v1_0\?/);
    expect(performance.now() - t0).toBeLessThan(10_000);
  });

  it('endless OData next-links stop at --max-pages', async () => {
    fake.options.intercept = (_req, res, url) => {
      if (!url.pathname.endsWith('/TypedDataSet')) return false;
      const skip = Number(url.searchParams.get('$skip') ?? 0);
      const next = new URL(url);
      next.searchParams.set('$skip', String(skip + 1));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ value: [{ WijkenEnBuurten: 'GM0363    ' }], 'odata.nextLink': next.toString() }));
      return true;
    };
    const err = await fetchFails('--only', 'cbs', '--year', '2024', '--max-pages', '30');
    expect(err).toContain('still more pages after 30 (30 rows/features so far): endless paging is refused');
    expect(err).toMatch(/URL: http:\/\/127\.0\.0\.1:\d+\/cbs\/ODataFeed\/odata\/85984NED\/TypedDataSet\?.*%24skip=30/);
  });

  it('a wijk of 10 million vertices stops at the vertex cap, while it streams in', async () => {
    fake.options.intercept = (_req, res, url) => {
      if (!url.pathname.startsWith('/pdok/') || url.searchParams.get('typeNames') !== 'wijken') return false;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"type":"FeatureCollection","numberMatched":1,"features":[{"type":"Feature","properties":{"wijkcode":"WK036300"},"geometry":{"type":"Polygon","coordinates":[[');
      const piece = Array.from({ length: 100_000 }, () => '[4.9123456,52.3712345]').join(',');
      let done = 0;
      const more = () => {
        while (done < 10_000_000) {
          const ok = res.write(done ? `,${piece}` : piece);
          done += 100_000;
          if (!ok) return void res.once('drain', more);
        }
        res.end(']]}}]}');
      };
      res.on('close', () => void (done = Infinity));
      more();
      return true;
    };
    const err = await fetchFails('--only', 'pdok', '--year', '2024');
    expect(err).toContain('wijken_2024_pdok.geojson: FAILED (feature 1 of layer wijken has more than 1,000,000 coordinates');
  });
});

describe('same-host rule, end to end', () => {
  it('a 302 to another host is refused naming the target, which is never asked', async () => {
    fake.options.intercept = (_req, res, url) => {
      if (!url.pathname.endsWith('/TypedDataSet')) return false;
      res.writeHead(302, { location: `${otherUrl}/stolen${url.search}` });
      res.end();
      return true;
    };
    const err = await fetchFails('--only', 'cbs', '--year', '2024');
    expect(err).toContain(`HTTP 302 redirect to ${otherUrl}/stolen`);
    expect(err).toContain("leaves the publisher's host");
    expect(otherHits.filter((h) => h.startsWith('/stolen'))).toEqual([]);
  });

  it('an OData next-link to another host is refused naming the link; nothing from it is switched in', async () => {
    fake.options.transform = (path, body) => (path.endsWith('/TypedDataSet') ? body.replace(/"odata\.nextLink":"http:\/\/127\.0\.0\.1:\d+/, `"odata.nextLink":"${otherUrl}`) : body);
    const err = await fetchFails('--only', 'cbs', '--year', '2024');
    expect(err).toMatch(new RegExp(`odata\\.nextLink to ${otherUrl.replace(/[.]/g, '\\.')}/cbs/ODataFeed/odata/85984NED/TypedDataSet`));
    expect(otherHits.filter((h) => h.includes('TypedDataSet'))).toEqual([]);
  });
});

describe('JSON of the wrong shape, end to end', () => {
  it('null rows in a CBS page', async () => {
    fake.options.transform = (path, body) => (path.endsWith('/TypedDataSet') ? body.replace('"value":[', '"value":[null,') : body);
    const err = await fetchFails('--only', 'cbs', '--year', '2024');
    expect(err).toContain('row 1 of the page ("value"[0]) is null, expected an object');
  });

  it('CKAN resources as a string', async () => {
    fake.options.transform = (path, body) => (path.endsWith('/package_show') ? body.replace(/"resources":\[.*\]\}/, '"resources":"vestigingenbo.csv"}') : body);
    const err = await fetchFails('--only', 'duo', '--year', '2020');
    expect(err).toContain('vestigingen_vo_duo_2020.csv: FAILED ("result.resources" is a string, expected an array of resources');
  });
});

describe('a region answered twice, end to end', () => {
  it('a KWB page that repeats a region with another, plausible number is refused, naming both rows', async () => {
    // The fake's first page of 85984NED, with its first row answered again (a plausible 50,000 inhabitants, which no band catches) at the end.
    fake.options.transform = (path, body) => {
      if (!path.endsWith('85984NED/TypedDataSet')) return body;
      const page = JSON.parse(body) as { value: Record<string, unknown>[] };
      if (!page.value?.length || !('WijkenEnBuurten' in page.value[0])) return body;
      const copy = { ...page.value[0] };
      for (const k of Object.keys(copy)) if (k.startsWith('AantalInwoners')) copy[k] = 50000;
      page.value.push(copy);
      return JSON.stringify(page);
    };
    const err = await fetchFails('--only', 'cbs', '--year', '2024');
    expect(err).toMatch(/region (GM|WK|NL)\w+ answered twice \(rows 1 and \d+\)/);
    expect(err).toContain('85984NED/TypedDataSet');
  });
});

