/**
 * Issue 22 items 1, 3, 4 and 6 end to end: `contextkaart data fetch` against the fake publishers
 * (tests/helpers/fake-publishers.ts) made to fail in one place.
 * 1. per-table safety: what arrived is switched in, a failed table keeps its previous version or
 *    is absent (optional or required, said so), exit 5 (partial); the directory still renders and
 *    the report names what it lacks, or the run says it cannot render;
 * 3. a CBS outage (every /cbs/ request 503, Retry-After) does not stop PDOK and DUO;
 * 4. a DUO probe answered with an HTML page (200, or a redirect to one) is "not yet published";
 * 6. a plain-http proxy in between (HTTP_PROXY, NO_PROXY) and no connection at all (exit 6).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer as createHttpServer, request as httpRequest, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fetchTables } from '../../src/fetch/catalogue.js';
import type { DataPackage } from '../../src/fetch/datapackage.js';
import { schooladviesFile } from '../../src/fetch/duo-schooladviezen.js';
import { loadDataset } from '../../src/data/load-dataset.js';
import { sources } from '../../src/data/sources.js';
import { ExitCode } from '../../src/util/errors.js';
import { messages } from '../../src/util/messages.js';
import { startFakePublishers, type FakePublishers } from '../helpers/fake-publishers.js';
import { runCli } from '../helpers/run-cli.js';
import { WAIT_MS } from '../helpers/timeouts.js';

let fake: FakePublishers;
let tmp: string;
/** A complete directory fetched once: the "previous version" of the scenarios below. */
let base: string;
let n = 0;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const fileSha = async (dir: string, file: string) => sha(await readFile(join(dir, file)));
const pkgOf = async (dir: string) => JSON.parse(await readFile(join(dir, 'datapackage.json'), 'utf8')) as DataPackage;
const fetchInto = (dir: string, ...extra: string[]) => runCli(['data', 'fetch', '--data', dir, '--base-url', fake.url, '--retries', '0', '--backoff', '10', ...extra]);
const newDir = () => join(tmp, `d${n++}`);

beforeAll(async () => {
  fake = await startFakePublishers({ pageSize: 5000 });
  tmp = await mkdtemp(join(tmpdir(), 'contextkaart-per-table-'));
  base = join(tmp, 'base');
  const r = await fetchInto(base);
  expect(r.code, r.stderr).toBe(0);
}, WAIT_MS);
afterEach(() => {
  fake.options.fail = undefined;
  fake.options.intercept = undefined;
  fake.options.rename = undefined;
});
afterAll(async () => {
  await fake?.close();
  await rm(tmp, { recursive: true, force: true });
});

describe('per-table safety (item 1)', () => {
  it('a required table that fails keeps its previous version; the others are switched in; exit 5; data check and the report still work', async () => {
    const dir = newDir();
    await cp(base, dir, { recursive: true });
    const exam = 'duo/examen_vo_2019-2024_per_vestiging_opleiding.csv';
    const before = await pkgOf(dir);
    fake.options.rename = { file: exam, from: '"GEMEENTENAAM"', to: '"GEMEENTE NAAM"' };
    const r = await fetchInto(dir);
    expect(r.code, r.stderr).toBe(ExitCode.partial);
    expect(r.stderr).toContain(`data fetch was partial: ${fetchTables.length - 1} of ${fetchTables.length} table(s) arrived, passed their checks and are switched into ${dir}`);
    expect(r.stderr).toContain('duo-examens-2019-2024 (examenkandidaten-en-geslaagden-2019-2024 or newer, 2024): unexpected content: column "GEMEENTENAAM" missing');
    const kept = before.resources.find((x) => x.path === exam)!;
    expect(r.stderr).toContain(messages.fetchKeptPrevious(kept.fetchedAt ?? undefined));
    expect(r.stderr).toContain(`partial: ${fetchTables.length - 1} table(s) fetched`);
    // The failed table: its previous file and description; the others: fetched now.
    expect(await fileSha(dir, exam)).toBe(await fileSha(base, exam));
    const after = await pkgOf(dir);
    expect(after.resources.find((x) => x.path === exam)).toEqual(kept);
    for (const t of fetchTables.filter((x) => x.file !== exam)) {
      expect(Date.parse(after.resources.find((x) => x.path === t.file)!.fetchedAt!), t.file).toBeGreaterThan(Date.parse(before.created));
    }
    const check = await runCli(['data', 'check', '--data', dir]);
    expect(check.code, check.stderr).toBe(0);
    const validate = await runCli(['validate', 'GM0344', '--data', dir]);
    expect(validate.code, validate.stderr).toBe(0);
  }, WAIT_MS);

  it('an optional table that fails into a new directory is absent and named optional; the report renders and its verantwoording says what it lacks', async () => {
    const dir = newDir();
    const file = sources['kwb-2023-utrecht'].file;
    fake.options.fail = (path) => (path.includes('/85618NED/') ? 404 : undefined);
    const r = await fetchInto(dir);
    expect(r.code, r.stderr).toBe(ExitCode.partial);
    expect(r.stderr).toContain('cbs-kwb-2023-utrecht (85618NED, 2023): not published');
    expect(r.stderr).toContain(messages.fetchAbsentOptional());
    // 85618NED also gives the optional KWB 2023 wijk table (kwb-sociaal.ts): absent too.
    expect(r.stderr).toContain(messages.fetchRendersWithout([file, sources['kwb-2023-sociaal'].file]));
    expect(r.stderr).not.toContain('cannot render');
    expect(existsSync(join(dir, file))).toBe(false);
    expect((await pkgOf(dir)).resources.map((x) => x.path)).not.toContain(file);
    const validate = await runCli(['validate', 'GM0344', '--data', dir]);
    expect(validate.code, validate.stderr).toBe(0);
    // The verantwoording of every edition lists dataset.missingTables (render/view-model.ts).
    const ds = await loadDataset(dir);
    expect(ds.missingTables).toContain(`${sources['kwb-2023-utrecht'].citation}: niet in de datamap, deze cijfers ontbreken.`);
    expect(ds.missingTables).toContain(`${sources['kwb-2023-sociaal'].citation}: niet in de datamap, deze cijfers ontbreken.`);
  }, WAIT_MS);

  it('a required table never fetched before: the others are switched in, and the run says the directory cannot render yet', async () => {
    const dir = newDir();
    const file = sources['kwb-2021'].file;
    fake.options.fail = (path) => (path.includes('/85039NED/') ? 404 : undefined);
    const r = await fetchInto(dir);
    expect(r.code, r.stderr).toBe(ExitCode.partial);
    expect(r.stderr).toContain(messages.fetchAbsentRequired());
    expect(r.stderr).toContain(messages.fetchCannotRender(dir, [file]));
    expect(existsSync(join(dir, sources['kwb-2024'].file))).toBe(true);
    const validate = await runCli(['validate', 'GM0344', '--data', dir]);
    expect(validate.code).toBe(ExitCode.invalidInput);
    expect(validate.stderr).toContain(messages.dataFileMissing(dir, file));
  }, WAIT_MS);
});

describe('each publisher on its own (item 3)', () => {
  it('a CBS outage (every /cbs/ request 503 with Retry-After) does not stop PDOK and DUO; CBS is asked for one table only', async () => {
    const dir = newDir();
    fake.options.intercept = (_req, res, url) => {
      if (!url.pathname.startsWith('/cbs/')) return false;
      res.writeHead(503, { 'retry-after': '1', 'content-type': 'text/plain' });
      res.end('Service Unavailable');
      return true;
    };
    fake.requests.length = 0;
    const r = await fetchInto(dir, '--retries', '1');
    expect(r.code, r.stderr).toBe(ExitCode.partial);
    const cbs = fetchTables.filter((t) => t.publisher === 'cbs');
    for (const t of fetchTables.filter((x) => x.publisher !== 'cbs')) expect(existsSync(join(dir, t.file)), t.file).toBe(true);
    for (const t of cbs) expect(existsSync(join(dir, t.file)), t.file).toBe(false);
    expect(r.stderr).toContain('HTTP 503 Service Unavailable (Retry-After 1 s); try 2 of 2');
    expect(r.stderr).toContain(messages.fetchPublisherSkipped('CBS', 'HTTP 503 Service Unavailable (Retry-After 1 s)'));
    expect(r.stderr.match(/: skipped \(CBS did not answer\)/g)).toHaveLength(cbs.length - 1);
    expect(r.stderr).toContain('cannot render a report yet');
    expect(r.stderr).toContain('(or only this publisher: --only cbs)');
    // One table, two tries; the newer-edition probe is not sent to a publisher that is down.
    expect(fake.requests.filter((q) => q.startsWith('/cbs/'))).toHaveLength(2);
  }, WAIT_MS);
});

describe('a probe answered with a web page (item 4)', () => {
  it('an HTML page (200, or a redirect to one) for a newer DUO file is "not yet published": the older file is taken', async () => {
    const dir = newDir();
    const probes: string[] = [];
    fake.options.intercept = (_req, res, url) => {
      const name = decodeURIComponent(url.pathname.replace(/^\/duo-files\//, '').replace(/\.csv$/, ''));
      const window = /^examenkandidaten-en-geslaagden-(\d{4})-(\d{4})$/.exec(name);
      if (window && Number(window[2]) > 2024) {
        probes.push(name);
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end('<!DOCTYPE html><html><head><title>Pagina niet gevonden | DUO</title></head><body>Deze pagina bestaat niet.</body></html>');
        return true;
      }
      if (name === schooladviesFile(2025)) {
        probes.push(name);
        res.writeHead(302, { location: '/duo-files/open_onderwijsdata/niet-gevonden' });
        res.end();
        return true;
      }
      if (url.pathname === '/duo-files/open_onderwijsdata/niet-gevonden') {
        // No content type to go by: the body tells.
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        res.end('\n  <html lang="nl"><body>Open onderwijsdata</body></html>');
        return true;
      }
      return false;
    };
    const r = await fetchInto(dir, '--only', 'duo');
    expect(r.stderr).not.toContain('FAILED');
    expect(r.code, r.stderr).toBe(0);
    expect(probes).toContain('examenkandidaten-en-geslaagden-2021-2026');
    expect(probes).toContain('examenkandidaten-en-geslaagden-2020-2025');
    expect(probes).toContain(schooladviesFile(2025));
    expect(await fileSha(dir, 'duo/examen_vo_2019-2024_per_vestiging_opleiding.csv')).toBe(await fileSha(base, 'duo/examen_vo_2019-2024_per_vestiging_opleiding.csv'));
    expect(await fileSha(dir, sources['duo-schooladviezen'].file)).toBe(await fileSha(base, sources['duo-schooladviezen'].file));
  }, WAIT_MS);
});

describe('proxy and offline (item 6)', () => {
  let proxy: Server;
  let proxyUrl = '';
  const seenByProxy: string[] = [];

  beforeAll(async () => {
    // A plain-http proxy: absolute-form requests are forwarded, CONNECT is tunnelled; every target is noted.
    proxy = createHttpServer((req, res) => {
      seenByProxy.push(`${req.method} ${req.url}`);
      const target = new URL(req.url ?? '');
      const up = httpRequest({ host: '127.0.0.1', port: target.port, path: `${target.pathname}${target.search}`, method: req.method, headers: { ...req.headers, host: target.host } }, (u) => {
        res.writeHead(u.statusCode ?? 502, u.headers);
        u.pipe(res);
      });
      up.on('error', () => res.writeHead(502).end());
      req.pipe(up);
    });
    proxy.on('connect', (req, socket, head) => {
      seenByProxy.push(`CONNECT ${req.url}`);
      const [, port] = (req.url ?? '').split(':');
      const up = connect(Number(port), '127.0.0.1', () => {
        socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        up.write(head);
        up.pipe(socket);
        socket.pipe(up);
      });
      up.on('error', () => socket.destroy());
      socket.on('error', () => up.destroy());
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => proxy.close(() => r())));

  /** The CLI in a child process (its own environment), against the fakes under the name localhost. */
  const child = (dir: string, env: Record<string, string>) =>
    new Promise<{ code: number; stderr: string }>((done) => {
      const localhost = fake.url.replace('127.0.0.1', 'localhost');
      const e: NodeJS.ProcessEnv = { ...process.env, ...env };
      for (const k of ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy']) if (!(k in env)) delete e[k];
      execFile(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '../helpers/cli-source.ts'), 'data', 'fetch', '--only', 'pdok', '--year', '2024', '--data', dir, '--base-url', localhost, '--retries', '0'], { env: e, timeout: WAIT_MS }, (err, _o, stderr) =>
        done({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stderr }),
      );
    });

  it('HTTP_PROXY is used for every request; NO_PROXY=localhost goes around it', async () => {
    seenByProxy.length = 0;
    const viaProxy = await child(newDir(), { HTTP_PROXY: proxyUrl, NO_PROXY: '' });
    expect(viaProxy.code, viaProxy.stderr).toBe(0);
    expect(seenByProxy.length).toBeGreaterThan(0);
    expect(seenByProxy.some((s) => s.includes(`localhost:${new URL(fake.url).port}`))).toBe(true);

    seenByProxy.length = 0;
    const around = await child(newDir(), { HTTP_PROXY: proxyUrl, NO_PROXY: 'localhost' });
    expect(around.code, around.stderr).toBe(0);
    expect(seenByProxy).toEqual([]);
  }, WAIT_MS * 2);

  it('a proxy that is not there: no connection, exit 6, with the proxy hint', async () => {
    const dir = newDir();
    const r = await child(dir, { HTTP_PROXY: 'http://127.0.0.1:1', NO_PROXY: '' });
    expect(r.code, r.stderr).toBe(ExitCode.offline);
    expect(r.stderr).toContain('offline, or a proxy is needed (HTTPS_PROXY); see contextkaart data fetch --help');
    expect(existsSync(dir)).toBe(false);
  }, WAIT_MS);

  it('no connection to any publisher (refused, no DNS) gives its own message and exit 6, not exit 3', async () => {
    const closed = createHttpServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const dir = newDir();
    const r = await runCli(['data', 'fetch', '--data', dir, '--base-url', `http://127.0.0.1:${port}`, '--retries', '0']);
    expect(r.code, r.stderr).toBe(ExitCode.offline);
    expect(r.stderr).toContain(`no connection to 127.0.0.1:${port}: offline, or a proxy is needed (HTTPS_PROXY); see contextkaart data fetch --help. Nothing was fetched and ${dir} was left as it was`);
    expect(r.stderr).not.toContain('the tables that did arrive');
    expect(existsSync(dir)).toBe(false);

    const dns = await runCli(['data', 'fetch', '--data', dir, '--base-url', 'http://publisher.invalid', '--retries', '0']);
    expect(dns.code, dns.stderr).toBe(ExitCode.offline);
    expect(dns.stderr).toContain('no connection to publisher.invalid: offline, or a proxy is needed');
    expect(dns.stderr).toContain('ENOTFOUND');
  }, WAIT_MS);
});
