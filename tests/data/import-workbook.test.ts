/** `data import`: the CBS achterstandsscores 2019 workbook (the real one, staged) into a fetched data directory. */
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sources } from '../../src/data/sources.js';
import type { DataPackage } from '../../src/fetch/datapackage.js';
import { importWorkbook } from '../../src/fetch/import-workbook.js';
import { readSheets, unzip } from '../../src/fetch/xlsx.js';
import { stagingDirOf } from '../../src/fetch/run-fetch.js';
import { acquireLock } from '../../src/util/folder-lock.js';
import { dataDir } from '../helpers/data.js';
import { rejectedReportError } from '../helpers/errors.js';

const workbook = join(dataDir, 'duo/po/achterstandsscores_basisscholen_2019_cbs.xlsx');
const [tabel2, tabel1] = [sources['cbs-achterstand-2019'].file, sources['cbs-achterstand-2019'].files[0]];
const http = { timeoutMs: 1_000, retries: 0, backoffMs: 1 };
let tmp: string;
let dir: string;

/** A zip of stored entries (CRC left 0: the reader does not check it): enough to make altered copies of the workbook. */
function storedZip(files: Map<string, Buffer>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of files) {
    const n = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, n, data);
    centrals.push(central, n);
    offset += 30 + n.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.size, 8);
  end.writeUInt16LE(files.size, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** The real workbook with one sheet's XML changed. */
async function alteredWorkbook(sheetFile: string, change: (xml: string) => string): Promise<string> {
  const files = unzip(readFileSync(workbook));
  files.set(sheetFile, Buffer.from(change(files.get(sheetFile)!.toString('utf8'))));
  const path = join(tmp, `altered-${Math.random().toString(36).slice(2)}.xlsx`);
  await writeFile(path, storedZip(files));
  return path;
}

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'ck-import-'));
});
afterAll(async () => rm(tmp, { recursive: true, force: true }));
beforeEach(async () => {
  dir = await mkdtemp(join(tmp, 'data-'));
  const pkg: DataPackage = { profile: 'data-package', name: 'contextkaart-data', title: 'fixture: an empty fetched directory', created: '2026-11-28T00:00:00Z', resources: [], notFetched: [{ path: tabel1, reason: 'x' }, { path: tabel2, reason: 'x' }] };
  await writeFile(join(dir, 'datapackage.json'), JSON.stringify(pkg));
});

describe('reading the workbook', () => {
  it('finds the six sheets of the CBS publication and their cells', () => {
    const sheets = readSheets(readFileSync(workbook));
    expect([...sheets.keys()]).toEqual(['Voorblad', 'Inhoud', 'Toelichting', 'Bronbestanden', 'Tabel 1', 'Tabel 2']);
    expect(sheets.get('Tabel 1')![5]).toEqual(['00AP00', '100', '33.02', '']);
  });
});

describe('data import of the CBS achterstandsscores 2019', () => {
  it('writes Tabel 1 and 2 exactly as an independent conversion of the same workbook (SheetJS, staged)', async () => {
    const result = await importWorkbook(dir, workbook, http, new Date('2026-11-28T12:00:00Z'));
    expect(result.files).toEqual([
      { path: tabel1, rows: 6295 },
      { path: tabel2, rows: 6295 },
    ]);
    for (const f of [tabel1, tabel2]) expect(await readFile(join(dir, f), 'utf8'), f).toBe(readFileSync(join(dataDir, f), 'utf8'));
    const pkg = JSON.parse(await readFile(join(dir, 'datapackage.json'), 'utf8')) as DataPackage;
    expect(pkg.resources.map((r) => r.path)).toEqual([tabel1, tabel2].sort());
    expect(pkg.resources[0].hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(pkg.resources[0].fetchedAt).toBe('2026-11-28T12:00:00.000Z');
    expect(pkg.resources[0].sources[0].title).toMatch(/^CBS, Achterstandsscores basisscholen 2019 \(workbook sha256 [0-9a-f]{12}, sheet "Tabel /);
    expect(pkg.notFetched).toEqual([]);
  });

  it('refuses a workbook whose header or numbers differ, and writes nothing', async () => {
    const renamed = await alteredWorkbook('xl/worksheets/sheet6.xml', (x) => x.replace('<c r="B6" s="68" t="n"><v>102.62</v>', '<c r="B6" s="68" t="inlineStr"><is><t>x</t></is>'));
    const e = await rejectedReportError(importWorkbook(dir, renamed, http));
    expect(e.code).toBe('data');
    expect(e.message).toContain('sheet "Tabel 2" row 6, column B (Achterstandsscore zonder drempel): "x" is not a number');
    expect(e.message).toContain('nothing was written');
    await expect(readFile(join(dir, tabel1))).rejects.toThrow();
    await expect(readFile(join(dir, tabel2))).rejects.toThrow();
  });

  it('applies the plausibility rules of data fetch and data check: a negative score is refused and nothing is written', async () => {
    const negative = await alteredWorkbook('xl/worksheets/sheet6.xml', (x) => x.replace('<c r="B6" s="68" t="n"><v>102.62</v>', '<c r="B6" s="68" t="n"><v>-102.62</v>'));
    const e = await rejectedReportError(importWorkbook(dir, negative, http));
    expect(e.code).toBe('data');
    expect(e.message).toMatch(/Tabel 2: .*-102[.,]62/);
    expect(e.message).toContain('nothing was written');
    await expect(readFile(join(dir, tabel2))).rejects.toThrow();
  });

  it('says which publication it takes when given another workbook or no workbook', async () => {
    const other = await alteredWorkbook('xl/workbook.xml', (x) => x.replace('name="Tabel 2"', 'name="Blad 2"'));
    expect((await rejectedReportError(importWorkbook(dir, other, http))).message).toMatch(/is not a publication data import knows \(sheets: Voorblad, Inhoud, Toelichting, Bronbestanden, Tabel 1, Blad 2\)/);
    const csv = join(dataDir, tabel1);
    const e = await rejectedReportError(importWorkbook(dir, csv, http));
    expect(e.message).toBe(`${csv} is not an Excel workbook (.xlsx): not a zip archive (an .xlsx file is one). Download the .xlsx from the publisher again; a workbook saved as .xls or .ods must be saved as .xlsx first.`);
    expect((await rejectedReportError(importWorkbook(dir, join(tmp, 'nope.xlsx'), http))).code).toBe('usage');
  });

  it('while a data fetch holds the directory, import stops with exit 75 and writes nothing', async () => {
    const lock = await acquireLock(`${stagingDirOf(dir)}.lock`, { folder: dir, command: 'contextkaart data fetch' });
    try {
      const e = await rejectedReportError(importWorkbook(dir, workbook, http));
      expect(e.code).toBe('locked');
      expect(e.message).toContain('contextkaart data fetch');
      await expect(readFile(join(dir, tabel1))).rejects.toThrow();
    } finally {
      await lock.release();
    }
    expect((await importWorkbook(dir, workbook, http)).files).toHaveLength(2);
  });

  it('adds only to a directory made by data fetch', async () => {
    const e = await rejectedReportError(importWorkbook(dataDir, workbook, http));
    expect(e.message).toContain(`${dataDir} has no datapackage.json: data import adds to a directory made by \`contextkaart data fetch\``);
  });
});
