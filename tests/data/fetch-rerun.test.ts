/**
 * Issue 22, what a partial fetch leaves for the next run:
 * - a service that does not answer is skipped on its own, not its whole publisher: the PDOK
 *   Locatieserver down fails the school points only, DUO's and PDOK's other tables arrive;
 * - the tables that failed are recorded in datapackage.json, and `--missing` asks for just those
 *   (and tables never fetched), not everything again.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchTables } from '../../src/fetch/catalogue.js';
import type { DataPackage } from '../../src/fetch/datapackage.js';
import { runFetch } from '../../src/fetch/run-fetch.js';
import { messages } from '../../src/util/messages.js';
import { startFakePublishers, type FakePublishers } from '../helpers/fake-publishers.js';
import { runCli } from '../helpers/run-cli.js';
import { WAIT_MS } from '../helpers/timeouts.js';

let fake: FakePublishers;
let tmp: string;
const pkgOf = async (dir: string) => JSON.parse(await readFile(join(dir, 'datapackage.json'), 'utf8')) as DataPackage;

beforeAll(async () => {
  fake = await startFakePublishers({ pageSize: 5000 });
  tmp = await mkdtemp(join(tmpdir(), 'contextkaart-rerun-'));
}, WAIT_MS);
afterAll(async () => {
  await fake?.close();
  await rm(tmp, { recursive: true, force: true });
});

const fetchOnce = async (dir: string, missing = false) => {
  const log: string[] = [];
  const u = fake.url;
  const result = await runFetch({
    dir,
    missing,
    bases: { cbs: `${u}/cbs`, duo: `${u}/duo`, duoFiles: `${u}/duo-files`, pdok: `${u}/pdok`, locatieserver: `${u}/locatieserver` },
    http: { retries: 0, backoffMs: 10, timeoutMs: 30_000 },
    log: (line) => log.push(line),
  });
  return { result, log: log.join('\n') };
};

describe('a partial fetch and the run after it', () => {
  it('the Locatieserver down fails the school points only; --missing then asks for that table alone', async () => {
    const dir = join(tmp, 'data');
    const points = fetchTables.find((t) => t.name === 'duo-pdok-schoolpunten')!;
    fake.options.intercept = (_req, res, url) => {
      if (!url.pathname.startsWith('/locatieserver/')) return false;
      res.writeHead(503, { 'content-type': 'text/plain' });
      res.end('Service Unavailable');
      return true;
    };
    const first = await fetchOnce(dir);
    fake.options.intercept = undefined;
    expect(first.result.failed.map((f) => f.table.name)).toEqual([points.name]);
    // Every other table arrived, DUO's and PDOK's included: the Locatieserver is its own service.
    for (const t of fetchTables.filter((x) => x !== points)) expect(existsSync(join(dir, t.file)), t.file).toBe(true);
    expect(first.log).not.toMatch(/skipped \((DUO|PDOK)\b[^)]*did not answer\)/);
    expect((await pkgOf(dir)).failedLastRun?.map((f) => f.path)).toEqual([points.file]);

    fake.requests.length = 0;
    const second = await fetchOnce(dir, true);
    expect(second.result.failed).toEqual([]);
    expect(second.result.fetched).toEqual([points.file]);
    // Only what that one table needs was asked: no CBS, no PDOK boundaries.
    expect(fake.requests.filter((r) => r.startsWith('/cbs/') || r.startsWith('/pdok/'))).toEqual([]);
    const after = await pkgOf(dir);
    expect(after.failedLastRun).toEqual([]);
    // Every table is still described, the ones not asked again with their earlier fetch.
    expect(after.resources.map((r) => r.path).sort()).toEqual(fetchTables.map((t) => t.file).sort());

    // The same from the command line: nothing left to ask.
    const third = await runCli(['data', 'fetch', '--missing', '--data', dir, '--base-url', fake.url]);
    expect(third.code, third.stderr).toBe(0);
    expect(third.stderr).toContain(messages.fetchNothingMissing(dir));
  }, WAIT_MS);

  it('a service that stops answering is not asked again in the run, and its tables say why', async () => {
    const dir = join(tmp, 'cbs-down');
    let cbsAsked = 0;
    fake.options.intercept = (_req, res, url) => {
      if (!url.pathname.startsWith('/cbs/')) return false;
      cbsAsked++;
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('Internal Server Error');
      return true;
    };
    const { result, log } = await fetchOnce(dir);
    fake.options.intercept = undefined;
    const cbs = fetchTables.filter((t) => t.publisher === 'cbs');
    expect(result.failed.map((f) => f.table.name).sort()).toEqual(cbs.map((t) => t.name).sort());
    expect(cbsAsked).toBe(1);
    expect(log.match(/: skipped \(CBS did not answer\)/g)).toHaveLength(cbs.length - 1);
    expect((await pkgOf(dir)).failedLastRun?.map((f) => f.path).sort()).toEqual(cbs.map((t) => t.file).sort());
  }, WAIT_MS);
});
