/**
 * Issue 21, items 2 (bounds), 3 (same-host rule) and the wrong JSON shapes of 5, against small
 * hostile publishers on 127.0.0.1 (no real data: the full fakes of tests/helpers/fake-publishers.ts
 * serve staged files, so the end-to-end cases are in tests/data/hostile-publishers.test.ts).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable, pipeline } from 'node:stream';
import { createDeflate, createGzip, deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { odataAll, dataProperties } from '../../src/fetch/cbs-odata.js';
import { ckanResource } from '../../src/fetch/duo-ckan.js';
import { getBytes, HttpFailure, MAX_REDIRECTS, samePublisher, type HttpOptions } from '../../src/fetch/http.js';
import { geocodeAddress } from '../../src/fetch/pdok-locatieserver.js';
import { countVertices, wfsAll } from '../../src/fetch/pdok-wfs.js';
import { TableProblem } from '../../src/fetch/problem.js';
import { MAX_ENTRY_BYTES, readSheets, unzip, XlsxError } from '../../src/fetch/xlsx.js';
import { messages } from '../../src/util/messages.js';

type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => void;
interface Host {
  server: Server;
  url: string;
  hits: string[];
  /** Bytes the server wrote (after compression) per path. */
  sent: Map<string, number>;
}

const MiB = 1024 * 1024;
let a: Host;
let b: Host;
const http: HttpOptions = { timeoutMs: 10_000, retries: 0, backoffMs: 1 };

async function host(routes: (h: Host) => Record<string, Handler>): Promise<Host> {
  const h: Host = { server: createServer(), url: '', hits: [], sent: new Map() };
  const table = routes(h);
  h.server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', h.url);
    h.hits.push(`${url.pathname}${url.search}`);
    const route = table[url.pathname];
    if (!route) {
      res.writeHead(404);
      return res.end();
    }
    route(req, res, url);
  });
  await new Promise<void>((r) => h.server.listen(0, '127.0.0.1', r));
  h.url = `http://127.0.0.1:${(h.server.address() as AddressInfo).port}`;
  return h;
}

const json = (res: ServerResponse, body: unknown) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

/** Zeros, `total` bytes of them, made as they are read (nothing held in memory). */
function zeros(total: number): Readable {
  let left = total;
  const chunk = Buffer.alloc(MiB);
  return new Readable({
    read() {
      if (left <= 0) return void this.push(null);
      const n = Math.min(left, chunk.length);
      left -= n;
      this.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    },
  });
}

/** A body that inflates to 2 GiB (its gzip is about 2 MB), compressed as it is sent. */
function bomb(h: Host, encoding: 'gzip' | 'deflate'): Handler {
  return (_req, res, url) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': encoding });
    const z = encoding === 'gzip' ? createGzip({ level: 9 }) : createDeflate({ level: 9 });
    z.on('data', (c: Buffer) => h.sent.set(url.pathname, (h.sent.get(url.pathname) ?? 0) + c.length));
    pipeline(zeros(2 * 1024 * MiB), z, res, () => {});
  };
}

/** One wijk of n vertices and a small one, written in pieces (10 million vertices: about 230 MB of text). */
function bigWijk(n: number): Handler {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"type":"FeatureCollection","numberMatched":2,"features":[{"type":"Feature","properties":{"wijkcode":"WK036300"},"geometry":{"type":"Polygon","coordinates":[[');
    const piece = Array.from({ length: 100_000 }, () => '[4.9123456,52.3712345]').join(',');
    let done = 0;
    const more = () => {
      while (done < n) {
        const ok = res.write(done ? `,${piece}` : piece);
        done += 100_000;
        if (!ok) return void res.once('drain', more);
      }
      res.end(`]]}},${feature(4, 1)}]}`);
    };
    res.on('close', () => void (done = Infinity));
    more();
  };
}

function feature(vertices: number, i = 0): string {
  const ring = Array.from({ length: vertices }, (_, k) => `[${(5 + k * 1e-7).toFixed(7)},52.1]`).join(',');
  return `{"type":"Feature","id":${i},"properties":{"wijkcode":"WK${String(i).padStart(6, '0')}"},"geometry":{"type":"Polygon","coordinates":[[${ring}]]}}`;
}

beforeAll(async () => {
  b = await host(() => ({
    '/table': (_req, res) => json(res, { value: [{ from: 'elsewhere' }] }),
    '/file.csv': (_req, res) => res.end('A;B\n1;2\n'),
  }));
  a = await host((h) => ({
    '/gzip-bomb': bomb(h, 'gzip'),
    '/deflate-bomb': bomb(h, 'deflate'),
    '/huge': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/csv' });
      pipeline(zeros(2 * 1024 * MiB), res, () => {});
    },
    '/announced-huge': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/csv', 'content-length': String(3 * 1024 * MiB) });
      res.write('A;B\n');
      setTimeout(() => res.destroy(), 2_000);
    },
    '/odata-endless': (_req, res, url) => {
      const skip = Number(url.searchParams.get('skip') ?? 0);
      json(res, { value: [{ n: skip }], 'odata.nextLink': `${h.url}/odata-endless?skip=${skip + 1}` });
    },
    '/odata-many-rows': (_req, res, url) => {
      const skip = Number(url.searchParams.get('skip') ?? 0);
      json(res, { value: Array.from({ length: 100 }, (_, i) => ({ n: skip + i })), 'odata.nextLink': `${h.url}/odata-many-rows?skip=${skip + 100}` });
    },
    '/odata-foreign': (_req, res) => json(res, { value: [{ n: 1 }], 'odata.nextLink': `${b.url}/table` }),
    '/odata-null-row': (_req, res) => json(res, { value: [{ n: 1 }, null] }),
    '/odata-null': (_req, res) => json(res, null),
    '/ODataFeed/odata/t/DataProperties': (_req, res) => json(res, { value: [{ ID: 1, Key: 5, Title: 'x', Type: 'Topic' }] }),
    '/redirect-foreign': (_req, res) => {
      res.writeHead(302, { location: `${b.url}/file.csv` });
      res.end();
    },
    '/redirect-metadata': (_req, res) => {
      res.writeHead(301, { location: 'http://169.254.169.254/latest/meta-data/' });
      res.end();
    },
    '/redirect-same': (_req, res) => {
      res.writeHead(302, { location: '/ok' });
      res.end();
    },
    '/redirect-loop': (_req, res, url) => {
      const n = Number(url.searchParams.get('n') ?? 0);
      res.writeHead(302, { location: `/redirect-loop?n=${n + 1}` });
      res.end();
    },
    '/ok': (_req, res) => res.end('ok'),
    '/wfs-endless': (_req, res) => {
      // Ignores startIndex, never says numberMatched: the same full page for ever.
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`{"type":"FeatureCollection","features":[${Array.from({ length: 1000 }, (_, i) => feature(4, i)).join(',')}]}`);
    },
    '/wfs-big-wijk': bigWijk(10_000_000),
    '/wfs-200k': bigWijk(200_000),
    '/wfs-null-feature': (_req, res) => json(res, { type: 'FeatureCollection', features: [JSON.parse(feature(4)), null] }),
    '/locatieserver/free': (_req, res) => json(res, { response: { numFound: 1, docs: [null] } }),
    '/ckan/api/3/action/package_show': (_req, res, url) => {
      if (url.searchParams.get('id') === 'string-resources') return json(res, { success: true, result: { name: 'x', resources: 'vestigingenbo.csv' } });
      json(res, { success: true, result: { name: 'x', resources: [{ name: 'Alle vestigingen', url: `${b.url}/file.csv` }] } });
    },
  }));
});
afterAll(async () => {
  for (const h of [a, b]) h.server.closeAllConnections();
  await Promise.all([a, b].map((h) => new Promise<void>((r) => h.server.close(() => r()))));
});

const failure = async (p: Promise<unknown>) => {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeDefined();
  return e as HttpFailure & TableProblem;
};

describe('bounds: huge and compressed bodies stop early, naming the URL and the cap', () => {
  for (const kind of ['gzip', 'deflate'] as const) {
    it(`a ${kind} bomb (2 GiB of zeros, sent compressed) stops at the cap, counted after decompression`, async () => {
      const t0 = performance.now();
      const e = await failure(getBytes(`${a.url}/${kind}-bomb`, { ...http, limits: { maxResponseBytes: 8 * MiB } }));
      expect(e).toBeInstanceOf(HttpFailure);
      expect(e.url).toBe(`${a.url}/${kind}-bomb`);
      expect(e.reason).toBe(messages.fetchTooLarge(8 * MiB));
      expect(e.message).toContain('8 MiB');
      expect(e.message).toContain('--max-response-mb');
      expect(performance.now() - t0).toBeLessThan(5_000);
      // Of the ~2 MB the whole bomb compresses to, the server sent a small part before the client hung up.
      expect(a.sent.get(`/${kind}-bomb`) ?? 0).toBeLessThan(1 * MiB);
    });
  }

  it('a 2 GiB plain body stops at the cap, and is not retried', async () => {
    const before = a.hits.filter((x) => x === '/huge').length;
    const e = await failure(getBytes(`${a.url}/huge`, { ...http, retries: 2, limits: { maxResponseBytes: 32 * MiB } }));
    expect(e.reason).toBe(messages.fetchTooLarge(32 * MiB));
    expect(a.hits.filter((x) => x === '/huge').length - before).toBe(1);
  });

  it('an answer announcing more than the cap is refused before it is read', async () => {
    const t0 = performance.now();
    const e = await failure(getBytes(`${a.url}/announced-huge`, http));
    expect(e.reason).toBe(messages.fetchTooLarge(256 * MiB, 3 * 1024 * MiB));
    expect(performance.now() - t0).toBeLessThan(1_500);
  });

  it('endless OData next-links stop at the page cap; a table past the row cap stops too', async () => {
    const e = await failure(odataAll(`${a.url}/odata-endless`, { ...http, limits: { maxPages: 25 } }));
    expect(e).toBeInstanceOf(TableProblem);
    expect(e.problem).toBe(messages.fetchTooManyPages(25, 25));
    expect(e.url).toBe(`${a.url}/odata-endless?skip=25`);
    const r = await failure(odataAll(`${a.url}/odata-many-rows`, { ...http, limits: { maxRows: 1_000 } }));
    expect(r.problem).toBe(messages.fetchTooManyRows(1_000));
  });

  it('WFS pages that never end (startIndex ignored, no numberMatched) stop at the page cap, or the feature cap', async () => {
    const e = await failure(wfsAll(`${a.url}/wfs-endless`, 'wijken', { ...http, limits: { maxPages: 5 } }));
    expect(e).toBeInstanceOf(TableProblem);
    expect(e.problem).toBe(messages.fetchTooManyPages(5, 5_000));
    const r = await failure(wfsAll(`${a.url}/wfs-endless`, 'wijken', { ...http, limits: { maxRows: 3_500 } }));
    expect(r.problem).toBe(messages.fetchTooManyRows(3_500));
  });

  it('a wijk of 10 million vertices is refused while it streams in, at the first coordinate past the cap (default caps)', async () => {
    const t0 = performance.now();
    const e = await failure(wfsAll(`${a.url}/wfs-big-wijk`, 'wijken', http));
    expect(e).toBeInstanceOf(TableProblem);
    expect(e.problem).toBe(messages.fetchTooManyVertices('feature 1 of layer wijken', 1_000_001, 1_000_000, '--max-vertices-per-feature'));
    expect(performance.now() - t0).toBeLessThan(3_000);
  });

  it('the vertex caps per feature and per layer count every position, per element of "features"', async () => {
    expect(countVertices(`{"type":"FeatureCollection","features":[${feature(3, 0)},${feature(5, 1)}]}`, 10, 100)).toEqual({ count: 8, feature: 1 });
    expect(countVertices(`{"features":[${feature(3, 0)},${feature(5, 1)}]}`, 4, 100)).toEqual({ count: 5, tooMany: 'feature', feature: 1 });
    expect(countVertices(`{"features":[${feature(3, 0)},${feature(5, 1)}]}`, 10, 6)).toMatchObject({ tooMany: 'file' });
    // Brackets and numbers inside strings are not positions.
    expect(countVertices('{"features":[{"properties":{"naam":"[1,2] \\"[3,4]"},"geometry":{"coordinates":[ [1, 2] ]}}]}', 10, 10)).toEqual({ count: 1, feature: 0 });
    const e = await failure(wfsAll(`${a.url}/wfs-200k`, 'wijken', { ...http, limits: { maxVerticesPerFile: 150_000 } }));
    expect(e.problem).toBe(messages.fetchTooManyVertices('layer wijken', 150_001, 150_000, '--max-vertices'));
  });
});

describe('same-host rule: next-links and redirects only to the publisher', () => {
  it('says which links stay with the publisher', () => {
    expect(samePublisher('https://opendata.cbs.nl/ODataFeed/odata/85984NED', 'https://opendata.cbs.nl/ODataFeed/odata/85984NED/TypedDataSet?$skip=10000')).toBe(true);
    expect(samePublisher('https://duo.nl/open_onderwijsdata/images/x.csv', 'https://www.duo.nl/open_onderwijsdata/images/x.csv')).toBe(true);
    expect(samePublisher('https://service.pdok.nl/cbs/wfs', 'https://api.pdok.nl/x')).toBe(true);
    expect(samePublisher('https://opendata.cbs.nl/x', 'http://opendata.cbs.nl/x')).toBe(false); // no downgrade
    expect(samePublisher('https://opendata.cbs.nl/x', 'https://opendata.cbs.nl.evil.example/x')).toBe(false);
    expect(samePublisher('https://opendata.cbs.nl/x', 'https://evilcbs.nl/x')).toBe(false);
    expect(samePublisher('https://opendata.cbs.nl/x', 'https://user@opendata.cbs.nl/x')).toBe(false);
    expect(samePublisher('https://opendata.cbs.nl/x', 'https://opendata.cbs.nl:8443/x')).toBe(false);
    expect(samePublisher('https://opendata.cbs.nl/x', 'file:///etc/passwd')).toBe(false);
    // A test server given with --base-url: exactly its host and port.
    expect(samePublisher('http://127.0.0.1:4000/cbs', 'http://127.0.0.1:4000/cbs/next')).toBe(true);
    expect(samePublisher('http://127.0.0.1:4000/cbs', 'http://127.0.0.1:4001/cbs/next')).toBe(false);
    expect(samePublisher('http://127.0.0.1:4000/cbs', 'http://localhost:4000/cbs/next')).toBe(false);
  });

  it('an OData next-link to another host is an error naming the link, and is never requested', async () => {
    const e = await failure(odataAll(`${a.url}/odata-foreign`, http));
    expect(e).toBeInstanceOf(TableProblem);
    expect(e.problem).toBe(messages.fetchForeignLink('odata.nextLink', `${b.url}/table`, `${a.url}/odata-foreign`));
    expect(e.problem).toContain(`${b.url}/table`);
    expect(b.hits).not.toContain('/table');
  });

  it('a 302 to another host (or to a metadata address) is refused naming the target; a redirect on the same host is followed', async () => {
    const e = await failure(getBytes(`${a.url}/redirect-foreign`, { ...http, retries: 3 }));
    expect(e.reason).toBe(messages.fetchForeignLink('HTTP 302 redirect', `${b.url}/file.csv`, `${a.url}/redirect-foreign`));
    expect(b.hits).not.toContain('/file.csv');
    expect(a.hits.filter((x) => x === '/redirect-foreign')).toHaveLength(1); // not retried
    expect((await failure(getBytes(`${a.url}/redirect-metadata`, http))).reason).toContain('http://169.254.169.254/latest/meta-data/');
    expect(Buffer.from(await getBytes(`${a.url}/redirect-same`, http)).toString()).toBe('ok');
    const loop = await failure(getBytes(`${a.url}/redirect-loop`, http));
    expect(loop.reason).toBe(messages.fetchTooManyRedirects(MAX_REDIRECTS, `${a.url}/redirect-loop?n=${MAX_REDIRECTS + 1}`));
  });

  it('a CKAN resource whose download is on another host is not fetched', async () => {
    const e = await failure(ckanResource(`${a.url}/ckan`, 'adressen_bo', /vestigingen/i, http));
    expect(e).toBeInstanceOf(TableProblem);
    expect(e.problem).toContain(`${b.url}/file.csv`);
    expect(e.problem).toContain('leaves the publisher');
  });
});

describe('JSON of the wrong shape: a clear TableProblem, not a TypeError', () => {
  it('null rows in an OData page, a page that is null, a DataProperties key that is a number', async () => {
    const rows = await failure(odataAll(`${a.url}/odata-null-row`, http));
    expect(rows).toBeInstanceOf(TableProblem);
    expect(rows.problem).toBe(messages.fetchBadShape('row 2 of the page ("value"[1])', 'an object', 'null'));
    const page = await failure(odataAll(`${a.url}/odata-null`, http));
    expect(page.problem).toBe(messages.fetchBadShape('the OData answer', 'an object with a "value" array', 'null'));
    const props = await failure(dataProperties(a.url, 't', http));
    expect(props).toBeInstanceOf(TableProblem);
    expect(props.problem).toContain('property 1\'s "Key" is a number, expected a string');
  });

  it('null Locatieserver docs', async () => {
    const e = await failure(geocodeAddress(`${a.url}/locatieserver`, { postcode: '1234AB', huisnummer: 1, suffix: '' }, http));
    expect(e).toBeInstanceOf(TableProblem);
    expect(e.problem).toBe(messages.fetchBadShape('response.docs[0]', 'an object with centroide_ll "POINT(lon lat)"', 'null'));
    expect(e.url).toContain('/locatieserver/free?');
  });

  it('CKAN resources as a string', async () => {
    const e = await failure(ckanResource(`${a.url}/ckan`, 'string-resources', /vestigingen/i, http));
    expect(e).toBeInstanceOf(TableProblem);
    expect(e.problem).toBe(messages.fetchBadShape('"result.resources"', 'an array of resources', 'a string'));
  });

  it('a WFS feature that is null', async () => {
    const e = await failure(wfsAll(`${a.url}/wfs-null-feature`, 'wijken', http));
    expect(e).toBeInstanceOf(TableProblem);
    expect(e.problem).toContain('feature 2 of layer wijken is null');
  });
});

/** A zip archive of the given entries (CRC left 0: the reader does not check it). */
function zip(entries: { name: string; data: Buffer; declared?: number; store?: boolean }[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const body = e.store ? e.data : deflateRawSync(e.data);
    const name = Buffer.from(e.name);
    const size = e.declared ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.store ? 0 : 8, 8);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(e.store ? 0 : 8, 10);
    c.writeUInt32LE(body.length, 20);
    c.writeUInt32LE(size, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    central.push(c, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const workbook = (sheetXml: string) =>
  zip([
    { name: 'xl/workbook.xml', data: Buffer.from('<workbook><sheets><sheet name="Tabel 1" sheetId="1" r:id="rId1"/></sheets></workbook>') },
    { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from('<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>') },
    { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(`<worksheet><sheetData>${sheetXml}</sheetData></worksheet>`) },
  ]);

describe('data import: caps on zip entries, compression ratios and row numbers', () => {
  it('reads a small workbook (the test archive is sound)', () => {
    expect(readSheets(workbook('<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row><row><c t="inlineStr"><is><t>y</t></is></c></row>')).get('Tabel 1')).toEqual([['x'], ['y']]);
  });

  it('a row numbered 2,000,000,000 is an error naming the sheet and the row, at once and without memory', () => {
    const t0 = performance.now();
    const rss = process.memoryUsage().rss;
    const e = (() => {
      try {
        readSheets(workbook('<row r="1"><c r="A1"><v>1</v></c></row><row r="2000000000"><c r="A2000000000"><v>2</v></c></row>'));
      } catch (x) {
        return x as Error;
      }
    })();
    expect(e).toBeInstanceOf(XlsxError);
    expect(e?.message).toBe('sheet "Tabel 1": row number "2000000000" after row 1 is not between 1 and 1,048,576 (Excel\'s last row)');
    expect(performance.now() - t0).toBeLessThan(1_000);
    expect(process.memoryUsage().rss - rss).toBeLessThan(100 * MiB);
    expect(() => readSheets(workbook('<row r="1"><c r="ZZZZZZ1"><v>1</v></c></row>'))).toThrow('cell reference "ZZZZZZ1" is beyond column XFD');
  });

  it('an entry declaring more than the entry cap, or inflating more than 100 times, is refused before it is inflated', () => {
    expect(() => unzip(zip([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.from('x'), declared: MAX_ENTRY_BYTES + 1 }]))).toThrow(/would inflate to 64 MiB, more than the 64 MiB/);
    // 32 MiB of zeros deflate to about 32 kB: a ratio of 1,000.
    expect(() => unzip(zip([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(32 * MiB) }]))).toThrow(/inflates \d+ times .* more than 100 times is refused as a zip bomb/);
  });

  it('an entry whose header understates its size stops inflating at the declared size', () => {
    const rss = process.memoryUsage().rss;
    expect(() => unzip(zip([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(50 * MiB), declared: 1_000 }]))).toThrow(/is damaged or larger than its declared 1000 bytes/);
    expect(process.memoryUsage().rss - rss).toBeLessThan(100 * MiB);
  });

  it('a damaged archive (offsets past the end) is an XlsxError, not a RangeError', () => {
    const z = workbook('<row r="1"/>');
    expect(() => unzip(z.subarray(40))).toThrow(XlsxError);
  });
});
