/** The pieces of `data fetch`: HTTP retries, OData paging, CBS values, DUO encodings, checks, the target directory. */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportError } from '../../src/util/errors.js';
import { messages } from '../../src/util/messages.js';
import { cbsValue, odataAll, resolveStems } from '../../src/fetch/cbs-odata.js';
import { decodeDuoText, duoSeparator, parseDuoCsv } from '../../src/fetch/duo-ckan.js';
import { aggregateSchooladviezen, aggregateSchooladviezenCounted, fetchSchooladviezen, schooladviesFile, schooladviezenHeader } from '../../src/fetch/duo-schooladviezen.js';
import { toRegisterLayout } from '../../src/fetch/duo-tables.js';
import { readRegisters } from '../../src/data/sources/duo-register.js';
import { parseCsvRecords } from '../../src/util/csv.js';
import { getBytes, HttpFailure, USER_AGENT } from '../../src/fetch/http.js';
import { TableProblem } from '../../src/fetch/problem.js';
import { runFetch, stagingDirOf } from '../../src/fetch/run-fetch.js';
import { defaultFetchDir } from '../../src/paths.js';
import { checkText } from '../../src/fetch/validate.js';

let server: Server;
let base = '';
const hits = new Map<string, number>();
// A generous timeout for local answers (a busy machine is slow); the slow-answer test sets its own short one.
const http = { timeoutMs: 60_000, retries: 2, backoffMs: 5 };

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '';
    const n = (hits.get(path) ?? 0) + 1;
    hits.set(path, n);
    if (path === '/flaky') {
      res.writeHead(n < 3 ? 503 : 200);
      return res.end(n < 3 ? 'busy' : 'ok');
    }
    if (path === '/user-agent') return res.end(req.headers['user-agent'] ?? '');
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
    if (path.startsWith('/duo-files/')) {
      // School advice published up to 2023-2024 only.
      const published = [2019, 2020, 2021, 2022, 2023].map((y) => `/duo-files/${schooladviesFile(y)}.csv`);
      res.writeHead(published.includes(path) ? 200 : 404);
      return res.end('');
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
  it('names the tool to the publisher (user-agent)', async () => {
    expect(new TextDecoder().decode(await getBytes(`${base}/user-agent`, http))).toBe(USER_AGENT);
  });

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
    const e = (await getBytes(`${base}/slow`, { ...http, timeoutMs: 300, retries: 1 }).catch((x: unknown) => x)) as HttpFailure;
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

  it('takes the alternative of a column CBS renamed between editions (education: 2022 vs 2023)', () => {
    const kwb2022 = [{ ID: 1, ParentID: null, Type: 'Topic', Key: 'OpleidingsniveauLaag_64', Title: 'Opleidingsniveau laag' }];
    const kwb2023 = [{ ID: 1, ParentID: null, Type: 'Topic', Key: 'BasisonderwijsVmboMbo1_70', Title: 'Basisonderwijs, vmbo, mbo1' }];
    const stem = 'OpleidingsniveauLaag|BasisonderwijsVmboMbo1';
    expect(resolveStems(kwb2022, [stem], 'u').get(stem)).toBe('OpleidingsniveauLaag_64');
    expect(resolveStems(kwb2023, [stem], 'u').get(stem)).toBe('BasisonderwijsVmboMbo1_70');
    expect(() => resolveStems(kwb2023, ['OpleidingsniveauHoog|HboWo'], 'u')).toThrow('column "OpleidingsniveauHoog_…" or "HboWo_…" not in DataProperties');
  });
});

describe('DUO files', () => {
  it('decodes Windows-1252 (including 0x80-0x9F, which Node reads as Latin-1) and leaves UTF-8 as it is', () => {
    expect(decodeDuoText(new Uint8Array([0x74, 0x92, 0x20, 0x80, 0x20, 0xe9]))).toBe('t’ € é');
    expect(decodeDuoText(new Uint8Array(Buffer.from('Súdwest-Fryslân ’t', 'utf8')))).toBe('Súdwest-Fryslân ’t');
  });

  // DUO's current register (vestigingenbo.csv on onderwijsdata.duo.nl): ',', every field quoted, BOM.
  const current = '\uFEFF"PROVINCIE","BEVOEGD GEZAG NUMMER","INSTELLINGSCODE","VESTIGINGSCODE","VESTIGINGSNAAM","PLAATSNAAM","GEMEENTENUMMER","GEMEENTENAAM"\r\n'
    + '"Drenthe","10249","16AH","16AH00","Openbare Basisschool \'t Eenspan","EMMEN","0114","EMMEN"\r\n'
    + '"Friesland","41385","04NA","04NA00","Basisschool ""de Fluessen""; Oudega","OUDEGA","1940","DE FRYSKE MARREN"\r\n';

  it('tells a current register (",") from an older DUO file (";") by its header', () => {
    expect(duoSeparator(current)).toBe(',');
    expect(duoSeparator('BRIN NUMMER;VESTIGINGSNUMMER;PLAATSNAAM\n00AA;00;X, Y\n')).toBe(';');
    expect(parseDuoCsv(current).records[1].values.VESTIGINGSNAAM).toBe('Basisschool "de Fluessen"; Oudega');
  });

  it('writes a current register in the layout the register reader knows, which then places its vestigingen', async () => {
    const out = toRegisterLayout(current);
    expect(out).toBe(
      'PROVINCIE;BEVOEGD GEZAG NUMMER;BRIN NUMMER;VESTIGINGSNUMMER;VESTIGINGSNAAM;PLAATSNAAM;GEMEENTENUMMER;GEMEENTENAAM\n'
        + "Drenthe;10249;16AH;16AH00;Openbare Basisschool 't Eenspan;EMMEN;0114;EMMEN\n"
        + 'Friesland;41385;04NA;04NA00;"Basisschool ""de Fluessen""; Oudega";OUDEGA;1940;DE FRYSKE MARREN\n',
    );
    // An older file stays as it is (apart from the line ends).
    expect(toRegisterLayout('BRIN NUMMER;VESTIGINGSNUMMER\r\n00AA;00\r\n')).toBe('BRIN NUMMER;VESTIGINGSNUMMER\n00AA;00\n');
    const text = async (file: string) => (file.includes('_bo_') ? out : 'BRIN NUMMER;VESTIGINGSNUMMER;PLAATSNAAM;GEMEENTENUMMER;GEMEENTENAAM\n');
    const reg = await readRegisters({ dataDir: '/nowhere', text, json: () => Promise.reject(new Error('no JSON here')) });
    expect(reg.vestigingGemeente.get('16AH00')).toBe('GM0114');
    expect(reg.vestigingGemeente.get('04NA00')).toBe('GM1940');
  });
});

describe('DUO school advice: per-year, per-vestiging files to one file per instelling and school year', () => {
  const advice = 'VSO;PRO;VMBO_B;VMBO_B_K;VMBO_K;VMBO_K_GT;VMBO_GT;VMBO_GT_HAVO;HAVO;HAVO_VWO;VWO;ADVIES_NIET_MOGELIJK';
  const ids = 'INSTELLINGSNAAM_VESTIGING;PLAATSNAAM;GEMEENTENUMMER;GEMEENTENAAM;PROVINCIE;SOORT_PO;DENOMINATIE_VESTIGING';
  const y2019 = [
    `BRIN_NUMMER;VESTIGINGSNUMMER;${ids};${advice}`,
    '01AB;1;De Nevenvestiging;APPINGEDAM;3;Appingedam;Groningen;Bo;Openbaar;0;0;1;0;0;0;2;0;3;0;4;0',
    '01AB;0;De Hoofdvestiging;APPINGEDAM;3;Appingedam;Groningen;Bo;Openbaar;0;1;0;0;0;0;2;0;1;0;1;0',
    '02CD;0;Zonder advies;ZEIST;355;Zeist;Utrecht;Sbo;Openbaar;0;0;0;0;0;0;0;0;0;0;0;0',
  ].join('\r\n');
  const y2024 = [
    `PEILDATUM_LEERLINGEN;INSTELLINGSCODE;VESTIGINGSCODE;${ids};${advice}`,
    '20241001;01AB;00;De Hoofdvestiging;APPINGEDAM;1979;Eemsdelta;Groningen;Bo;Openbaar;0;<5;0;0;0;0;12;0;<5;0;5;0',
    '20241001;02CD;00;Zonder advies;ZEIST;355;Zeist;Utrecht;Sbo;Openbaar;0;0;0;0;0;0;0;0;0;0;<5;0',
  ].join('\r\n');

  it('sums the vestigingen of an instelling, stores "<5" as 2 from 2022-2023 on, takes both header generations, and names every row as in its latest year', () => {
    const out = aggregateSchooladviezen([
      { year: 2019, url: 'u2019', text: y2019 },
      { year: 2024, url: 'u2024', text: y2024 },
    ]);
    const { header, records } = parseCsvRecords(out, ';');
    expect(header).toEqual([...schooladviezenHeader]);
    const rows = records.map((r) => schooladviezenHeader.map((c) => r.values[c]).join(';'));
    expect(rows).toEqual([
      // 2019: the two vestigingen summed; names of the instelling from its latest year (after the merger into Eemsdelta), from vestiging 00.
      '01AB;De Hoofdvestiging;Eemsdelta;Groningen;Openbaar;APPINGEDAM;2019-2020;0;1;1;0;0;0;4;0;4;0;5;0;15',
      '01AB;De Hoofdvestiging;Eemsdelta;Groningen;Openbaar;APPINGEDAM;2024-2025;0;2;0;0;0;0;12;0;2;0;5;0;21',
      // 02CD had no advice in 2019-2020: no row for that year.
      '02CD;Zonder advies;Zeist;Utrecht;Openbaar;ZEIST;2024-2025;0;0;0;0;0;0;0;0;0;0;2;0;2',
    ]);
  });

  it('skips and counts "<5" in a year before 2022-2023, a count that is not a number and a blank cell, naming the school year, line and column (issue 22); stops on a missing column', () => {
    const early = (text: string) => () => aggregateSchooladviezen([{ year: 2021, url: 'http://duo/2021.csv', text }]);
    const counted = (text: string) => aggregateSchooladviezenCounted([{ year: 2021, url: 'http://duo/2021.csv', text }]).skipped;
    const lt5 = y2019.replace('0;1;0;0;0;0;2;0;1;0;1;0', '0;1;0;0;0;0;<5;0;1;0;1;0');
    expect(counted(lt5)).toEqual([{ year: 2021, url: 'http://duo/2021.csv', cells: 1, of: 36, examples: ['line 3, column VMBO_GT: "<5" before 2022-2023 (the reader counts 2 as "<5" only from then on)'] }]);
    expect(counted(y2019.replace('0;1;0;0;0;0;2;0;1;0;1;0', '0;1;0;0;0;0;2,5;0;;0;1;0'))[0].examples).toEqual(['line 3, column VMBO_GT: "2,5" is not a count', 'line 3, column HAVO: blank']);
    // The cell skipped adds no pupils: VMBO_GT of 01AB is its other vestiging's 2 only.
    expect(early(lt5)()).toContain('01AB;De Hoofdvestiging;Appingedam;Groningen;Openbaar;APPINGEDAM;2021-2022;0;1;1;0;0;0;2;');
    const e = (() => {
      try {
        early(y2019.replace('VMBO_B_K', 'VMBO_BL_KL'))();
      } catch (x) {
        return x as TableProblem;
      }
    })();
    expect(e).toBeInstanceOf(TableProblem);
    expect(e?.kind).toBe('invalid');
    expect(e?.problem).toMatch(/^school year 2021-2022: column "VMBO_B_K" missing \(header has "BRIN_NUMMER", "VESTIGINGSNUMMER", /);
  });

  it('names each school year\'s file as DUO does on its pages ("04.-" up to 2020-2021)', () => {
    expect(schooladviesFile(2019)).toBe('04.-leerlingen-bo-sbo-schooladviezen-2019-2020');
    expect(schooladviesFile(2020)).toBe('04.-leerlingen-bo-sbo-schooladviezen-2020-2021');
    expect(schooladviesFile(2021)).toBe('04-leerlingen-bo-sbo-schooladviezen-2021-2022');
    expect(schooladviesFile(2024)).toBe('04-leerlingen-bo-sbo-schooladviezen-2024-2025');
  });

  it('reports a school year DUO has not published as not published, before downloading the older years', async () => {
    const ctx = { bases: { cbs: '', duo: '', duoFiles: `${base}/duo-files`, pdok: '', locatieserver: '' }, http, progress: () => {} };
    const e = (await fetchSchooladviezen(ctx).catch((x: unknown) => x)) as TableProblem;
    expect(e).toBeInstanceOf(TableProblem);
    expect(e.kind).toBe('not-published');
    expect(e.url).toBe(`${base}/duo-files/04-leerlingen-bo-sbo-schooladviezen-2024-2025.csv`);
    expect(e.problem).toBe('HTTP 404 Not Found');
    expect([...hits.keys()].filter((k) => k.startsWith('/duo-files/'))).toEqual(['/duo-files/04-leerlingen-bo-sbo-schooladviezen-2024-2025.csv']);
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
