/**
 * A small reader for the cell values of an .xlsx workbook (Office Open XML, ECMA-376): the zip
 * container read with node's zlib, then xl/workbook.xml (sheet names), its relationships (sheet
 * files), xl/sharedStrings.xml and the <c> cells of a sheet. Values only: no styles, no formulas
 * (their cached value is taken), no dates. Enough for a publisher's table; not a general parser.
 */
import { inflateRawSync } from 'node:zlib';

export class XlsxError extends Error {}

/**
 * Caps of the reader (issue 21): a publisher's workbook is well under 1 MB (CBS achterstandsscores
 * 2019: two sheets of some 7,000 rows). An entry may inflate to at most MAX_ENTRY_BYTES, all entries
 * together to MAX_TOTAL_BYTES, and an entry over 1 MiB at most MAX_RATIO times its compressed size
 * (Apache POI's zip-bomb rule, ratio 1:100); row and column numbers stay within Excel's own limits.
 */
export const MAX_ENTRY_BYTES = 64 * 1024 * 1024;
export const MAX_TOTAL_BYTES = 256 * 1024 * 1024;
export const MAX_RATIO = 100;
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

const mib = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MiB`;

/** The files of a zip archive (stored or deflated entries; no zip64, no encryption), within the caps above. */
export function unzip(bytes: Uint8Array): Map<string, Buffer> {
  try {
    return unzipUnchecked(bytes);
  } catch (e) {
    if (e instanceof XlsxError) throw e;
    // Offsets past the end (RangeError), a damaged deflate stream (zlib): a damaged archive.
    throw new XlsxError(`damaged zip archive (${(e as Error).message})`);
  }
}

function unzipUnchecked(bytes: Uint8Array): Map<string, Buffer> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const EOCD = 0x06054b50;
  let end = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65_535); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new XlsxError('not a zip archive (an .xlsx file is one)');
  const entries = buf.readUInt16LE(end + 10);
  let p = buf.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new XlsxError('damaged zip central directory');
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    if (compressed === 0xffffffff || local === 0xffffffff || size === 0xffffffff) throw new XlsxError('zip64 archives are not supported');
    if (size > MAX_ENTRY_BYTES) throw new XlsxError(`zip entry ${name} would inflate to ${mib(size)}, more than the ${mib(MAX_ENTRY_BYTES)} a workbook part may have (a zip bomb, or not a publisher's table)`);
    if (size > 1024 * 1024 && size > compressed * MAX_RATIO) throw new XlsxError(`zip entry ${name} inflates ${Math.round(size / Math.max(compressed, 1))} times (${mib(size)} from ${compressed} bytes); more than ${MAX_RATIO} times is refused as a zip bomb`);
    total += size;
    if (total > MAX_TOTAL_BYTES) throw new XlsxError(`the archive's entries inflate to more than ${mib(MAX_TOTAL_BYTES)} together (a zip bomb, or not a publisher's table)`);
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(dataStart, dataStart + compressed);
    let data: Buffer;
    if (method === 0) data = Buffer.from(raw);
    else if (method === 8) {
      try {
        // The declared size may lie: never inflate past it.
        data = inflateRawSync(raw, { maxOutputLength: Math.max(size, 1) });
      } catch (e) {
        throw new XlsxError(`zip entry ${name} is damaged or larger than its declared ${size} bytes (${(e as Error).message})`);
      }
    } else throw new XlsxError(`zip entry ${name} uses compression method ${method}`);
    if (data.length !== size) throw new XlsxError(`zip entry ${name} holds ${data.length} bytes, its header says ${size}: a damaged archive`);
    files.set(name, data);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return files;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
export function xmlText(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : ENTITIES[e.toLowerCase()],
  );
}

const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

/** Column letters of a cell reference ("AB12") as a 0-based index. */
export function columnIndex(ref: string): number {
  const letters = /^[A-Z]+/.exec(ref)?.[0] ?? '';
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** The named sheets of a workbook as rows of cell texts (row index = Excel row number - 1). */
export function readSheets(bytes: Uint8Array): Map<string, string[][]> {
  const files = unzip(bytes);
  const text = (name: string) => {
    const f = files.get(name);
    if (!f) throw new XlsxError(`${name} is missing from the workbook`);
    return f.toString('utf8');
  };
  const shared = files.has('xl/sharedStrings.xml')
    ? [...text('xl/sharedStrings.xml').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => xmlText([...m[1].matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join('')))
    : [];
  const rels = new Map([...text('xl/_rels/workbook.xml.rels').matchAll(/<Relationship\b[^>]*>/g)].map((m) => [attr(m[0], 'Id') ?? '', attr(m[0], 'Target') ?? '']));
  const sheets = new Map<string, string[][]>();
  for (const m of text('xl/workbook.xml').matchAll(/<sheet\b[^>]*>/g)) {
    const name = xmlText(attr(m[0], 'name') ?? '');
    const target = rels.get(attr(m[0], 'r:id') ?? '');
    if (!target) continue;
    const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
    const rows: string[][] = [];
    let previousRow = 0;
    for (const r of text(path).matchAll(/<row\b([^>]*)>([\s\S]*?)<\/row>/g)) {
      // r is optional: a row without it follows the one before (ECMA-376 18.3.1.73).
      const given = attr(r[1], 'r');
      const rowNumber = given === undefined ? previousRow + 1 : Number(given);
      if (!Number.isInteger(rowNumber) || rowNumber < 1 || rowNumber > MAX_ROWS) {
        throw new XlsxError(`sheet "${name}": row number ${JSON.stringify(given)} after row ${previousRow} is not between 1 and ${MAX_ROWS.toLocaleString('en-GB')} (Excel's last row)`);
      }
      previousRow = rowNumber;
      const cells: string[] = [];
      let previousColumn = -1;
      for (const c of r[2].matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
        const ref = attr(c[1], 'r') ?? '';
        const column = ref ? columnIndex(ref) : previousColumn + 1;
        if (!(column >= 0 && column < MAX_COLUMNS)) throw new XlsxError(`sheet "${name}" row ${rowNumber}: cell reference ${JSON.stringify(ref)} is beyond column XFD (Excel's last column)`);
        previousColumn = column;
        const type = attr(c[1], 't');
        const body = c[2] ?? '';
        const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
        let value = '';
        if (type === 's' && v !== undefined) value = shared[Number(v)] ?? '';
        else if (type === 'inlineStr') value = xmlText([...body.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join(''));
        else if (v !== undefined) value = xmlText(v);
        cells[column] = value;
      }
      rows[rowNumber - 1] = Array.from(cells, (x) => x ?? '');
    }
    sheets.set(name, Array.from(rows, (x) => x ?? []));
  }
  return sheets;
}
