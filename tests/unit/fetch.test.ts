/** The pieces of `data fetch`: HTTP retries, OData paging, CBS values, DUO encodings, checks, the target directory. */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportError } from '../../src/errors.js';
import { messages } from '../../src/messages.js';
import { cbsValue, odataAll, resolveStems } from '../../src/fetch/cbs-odata.js';
import { decodeDuoText } from '../../src/fetch/duo-ckan.js';
import { getBytes, HttpFailure } from '../../src/fetch/http.js';
import { TableProblem } from '../../src/fetch/problem.js';
import { defaultFetchDir, runFetch, stagingDirOf } from '../../src/fetch/run-fetch.js';
import { checkText } from '../../src/fetch/validate.js';

let server: Server;
let base = '';
const hits = new Map<string, number>();
const http = { timeoutMs: 300, retries: 2, backoffMs: 5 };

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '';
    const n = (hits.get(path) ?? 0) + 1;
    hits.set(path, n);
    if (path === '/flaky') {
      res.writeHead(n < 3 ? 503 : 200);
      return res.end(n < 3 ? 'busy' : 'ok');
    }
    if (path === '/missing') {
      res.writeHead(404);
      return res.end();
    }
    if (path === '/slow') return void setTimeout(() => res.end('late'), 2_000);
    if (path.startsWith('/odata')) {
      const page = Number(new URL(path, base).searchParams.get('page') ?? 1);
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ value: [{ page }], ...(page < 3 ? { 'odata.nextLink': `${base}/odata?page=${page + 1}` } : {}) }));
    }
    if (path === '/loop') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ value: [], 'odata.nextLink': `${base}/loop` }));
    }
    res.writeHead(500);
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('HTTP with retries', () => {
  it('retries a 503 with backoff and returns the answer that follows', async () => {
    const retries: string[] = [];
    const body = await getBytes(`${base}/flaky`, { ...http, onRetry: (_u, attempt, reason) => retries.push(`${attempt}: ${reason}`) });
    expect(Buffer.from(body).toString()).toBe('ok');
    expect(retries).toEqual(['1: HTTP 503 Service Unavailable', '2: HTTP 503 Service Unavailable']);
  });

  it('does not retry a 404, and says so with the URL and status', async () => {
    const e = await getBytes(`${base}/missing`, http).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(HttpFailure);
    expect((e as HttpFailure).status).toBe(404);
    expect((e as HttpFailure).url).toBe(`${base}/missing`);
    expect(hits.get('/missing')).toBe(1);
  });

  it('gives up after the retries when no answer comes in time', async () => {
    const e = (await getBytes(`${base}/slow`, { ...http, retries: 1 }).catch((x: unknown) => x)) as HttpFailure;
    expect(e.reason).toBe('no answer within 0.3 s');
    expect(hits.get('/slow')).toBe(2);
  });
});

describe('CBS OData', () => {
  it('follows odata.nextLink to the last page', async () => {
    const pages: number[] = [];
    const rows = await odataAll(`${base}/odata?page=1`, http, (n) => pages.push(n));
    expect(rows).toEqual([{ page: 1 }, { page: 2 }, { page: 3 }]);
    expect(pages).toEqual([1, 2, 3]);
  });

  it('stops when a nextLink points back to a page already read', async () => {
    await expect(odataAll(`${base}/loop`, http)).rejects.toThrow('odata.nextLink points back to a page already read');
  });

  it('trims padded codes and reads "." as unknown', () => {
    expect(cbsValue('GM0363    ')).toBe('GM0363');
    expect(cbsValue('       .')).toBeNull();
    expect(cbsValue('')).toBeNull();
    expect(cbsValue(12.5)).toBe(12.5);
    expect(cbsValue(null)).toBeNull();
  });

  it('finds a column by the stem of its key, and names the stems CBS no longer has', () => {
    const props = [
      { ID: 1, ParentID: null, Type: 'Topic', Key: 'AantalInwoners_7', Title: 'Aantal inwoners' },
      { ID: 2, ParentID: null, Type: 'Topic', Key: 'Mannen_8', Title: 'Mannen' },
    ];
    expect(resolveStems(props, ['AantalInwoners'], 'u').get('AantalInwoners')).toBe('AantalInwoners_7');
    const e = (() => {
      try {
        resolveStems(props, ['AantalInwoners', 'Vrouwen'], 'http://x/DataProperties');
      } catch (x) {
        return x as TableProblem;
      }
    })();
    expect(e?.problem).toBe('column "Vrouwen_…" not in DataProperties (renamed or dropped by CBS?)');
    expect(e?.url).toBe('http://x/DataProperties');
  });

  it('takes the first alternative of a column CBS renamed between editions', () => {
    const props = [{ ID: 1, ParentID: null, Type: 'Topic', Key: 'GemiddeldeWoningwaarde_36', Title: 'Gemiddelde WOZ-waarde' }];
    expect(resolveStems(props, ['GemiddeldeWOZWaardeVanWoningen|GemiddeldeWoningwaarde'], 'u').get('GemiddeldeWOZWaardeVanWoningen|GemiddeldeWoningwaarde')).toBe('GemiddeldeWoningwaarde_36');
    expect(() => resolveStems(props, ['HuishoudensMetEenLaagInkomen|HuishoudensMetLaagInkomen'], 'u')).toThrow(
      'column "HuishoudensMetEenLaagInkomen_…" or "HuishoudensMetLaagInkomen_…" not in DataProperties',
    );
  });
});

describe('DUO files', () => {
  it('decodes Windows-1252 (including 0x80-0x9F, which Node reads as Latin-1) and leaves UTF-8 as it is', () => {
    expect(decodeDuoText(new Uint8Array([0x74, 0x92, 0x20, 0x80, 0x20, 0xe9]))).toBe('t’ € é');
    expect(decodeDuoText(new Uint8Array(Buffer.from('Súdwest-Fryslân ’t', 'utf8')))).toBe('Súdwest-Fryslân ’t');
  });
});

describe('checks of a table', () => {
  it('names a renamed column and padded codes', () => {
    const csv = 'gemeentecode;gemeente_naam\nGM0363  ;Amsterdam\n';
    const problems = checkText({ kind: 'csv', sep: ';', columns: ['gemeentecode', 'gemeentenaam'], codes: { column: 'gemeentecode', pattern: /^GM\d{4}$/, min: 1 } }, csv);
    expect(problems[0]).toBe('column "gemeentenaam" missing (header has "gemeentecode", "gemeente_naam")');
    // The CSV reader trims, so a padded code passes the pattern: the check sees what the readers see.
    expect(problems).toHaveLength(1);
  });

  it('notices latitude/longitude in the wrong order', () => {
    const fc = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: 'GM0363' }, geometry: { type: 'Polygon', coordinates: [[[52.37, 4.9], [52.38, 4.91], [52.37, 4.9]]] } }] };
    expect(checkText({ kind: 'geojson', codeProperty: 'code', pattern: /^GM\d{4}$/, min: 1, properties: [] }, JSON.stringify(fc))).toEqual([
      'coordinates [52.37, 4.9] are not longitude/latitude in the Netherlands (axis order swapped, or not EPSG:4326?)',
    ]);
  });

  it('names a missing year', () => {
    const csv = 'year,code\n2021,GM0363\n';
    expect(checkText({ kind: 'csv', sep: ',', columns: ['year'], years: { column: 'year', expect: [2021, 2022] } }, csv)).toEqual(['year 2022 not in column "year"']);
  });
});

describe('where data fetch writes', () => {
  it('defaults to ~/.cache/contextkaart/data and respects an absolute XDG_CACHE_HOME', () => {
    expect(defaultFetchDir({ XDG_CACHE_HOME: '/srv/cache' })).toBe('/srv/cache/contextkaart/data');
    expect(defaultFetchDir({ XDG_CACHE_HOME: 'relative/cache' })).toMatch(/\/\.cache\/contextkaart\/data$/);
    expect(defaultFetchDir({})).toMatch(/\/\.cache\/contextkaart\/data$/);
  });

  it('never replaces a directory it did not make (no datapackage.json), before any request', async () => {
    const tmp = await mkdtemp(join(tmpdir(), 'contextkaart-foreign-'));
    const dir = join(tmp, 'data');
    const { mkdir } = await import('node:fs/promises');
    await mkdir(dir);
    await writeFile(join(dir, 'SOURCES.md'), 'staged');
    const e = await runFetch({ dir, bases: { cbs: `${base}/nothing`, duo: `${base}/nothing`, pdok: `${base}/nothing` }, log: () => {} }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ReportError);
    expect((e as ReportError).message).toBe(messages.fetchForeignDir(dir));
    expect((e as ReportError).exitCode).toBe(2);
    expect(existsSync(stagingDirOf(dir))).toBe(false);
    expect([...hits.keys()].some((k) => k.startsWith('/nothing'))).toBe(false);
    await rm(tmp, { recursive: true, force: true });
  });
});
