/**
 * A small zip writer for `data pack` (APPNOTE 6.3.x, no zip64, no encryption): each entry deflated
 * with node's zlib (deflateRaw) or stored when that is not smaller, a local header before its data,
 * the central directory and its end record after them. Names are UTF-8 (flag bit 11) and carry a
 * Unix mode, so unzip(1) and the reader of xlsx.ts both read it. Also the listing of an archive's
 * central directory (names and Unix modes), which `data unpack` checks before it inflates anything.
 */
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipEntry {
  /** The path inside the archive, with / between folders. */
  name: string;
  data: Uint8Array;
  /** Unix mode with the file type (default 0o100644, a regular file); tests write a symlink (0o120777). */
  mode?: number;
}

/** A DOS date and time (local fields, as zip stores them; 1980 at the earliest). */
function dosTime(d: Date): { time: number; date: number } {
  const year = Math.max(1980, d.getFullYear());
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    date: ((year - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

const LIMIT = 0xffffffff;

/** The archive of `entries`, in their order. Throws when it would need zip64 (over 4 GiB, or 65,535 entries). */
export function zipBytes(entries: ZipEntry[], modified = new Date()): Buffer {
  if (entries.length > 0xffff) throw new Error(`${entries.length} entries: more than a zip without zip64 can hold`);
  const { time, date } = dosTime(modified);
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const data = Buffer.from(e.data.buffer, e.data.byteOffset, e.data.byteLength);
    const deflated = deflateRawSync(data);
    const stored = deflated.length >= data.length;
    const body = stored ? data : deflated;
    if (data.length >= LIMIT || body.length >= LIMIT || offset >= LIMIT) throw new Error(`${e.name}: larger than a zip without zip64 can hold`);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    local.writeUInt16LE(0x0800, 6); // names in UTF-8
    local.writeUInt16LE(stored ? 0 : 8, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const head = Buffer.alloc(46);
    head.writeUInt32LE(0x02014b50, 0);
    head.writeUInt16LE((3 << 8) | 20, 4); // made by: Unix, 2.0
    head.writeUInt16LE(20, 6);
    head.writeUInt16LE(0x0800, 8);
    head.writeUInt16LE(stored ? 0 : 8, 10);
    head.writeUInt16LE(time, 12);
    head.writeUInt16LE(date, 14);
    head.writeUInt32LE(crc, 16);
    head.writeUInt32LE(body.length, 20);
    head.writeUInt32LE(data.length, 24);
    head.writeUInt16LE(name.length, 28);
    // extra, comment, disk, internal attributes: 0
    head.writeUInt32LE(((e.mode ?? 0o100644) << 16) >>> 0, 38);
    head.writeUInt32LE(offset, 42);
    parts.push(local, name, body);
    central.push(head, name);
    offset += local.length + name.length + body.length;
  }
  const centralSize = central.reduce((n, b) => n + b.length, 0);
  if (offset + centralSize >= LIMIT) throw new Error('the archive is larger than a zip without zip64 can hold');
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...central, end]);
}

export interface ZipListing {
  name: string;
  /** Compressed and inflated size as the central directory gives them. */
  compressed: number;
  size: number;
  /** The Unix mode (with the file type) when the archive was made on a Unix system, else null. */
  mode: number | null;
}

/**
 * The entries of an archive as its central directory lists them, without inflating anything.
 * Throws an Error saying what is damaged (no end record: cut off or not a zip).
 */
export function listZip(bytes: Uint8Array): ZipListing[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65_535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error('no end of the zip directory: the file is cut off, or not a zip archive');
  const count = buf.readUInt16LE(end + 10);
  const size = buf.readUInt32LE(end + 12);
  let p = buf.readUInt32LE(end + 16);
  if (p + size > end) throw new Error('the zip directory points past its end: the file is cut off or damaged');
  const out: ZipListing[] = [];
  try {
    for (let n = 0; n < count; n++) {
      if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`entry ${n + 1} of ${count} of the zip directory is damaged`);
      const madeBy = buf.readUInt16LE(p + 4) >> 8;
      const nameLen = buf.readUInt16LE(p + 28);
      const external = buf.readUInt32LE(p + 38);
      // Unix (3) and macOS (19) keep the mode in the high 16 bits of the external attributes.
      out.push({
        name: buf.toString('utf8', p + 46, p + 46 + nameLen),
        compressed: buf.readUInt32LE(p + 20),
        size: buf.readUInt32LE(p + 24),
        mode: madeBy === 3 || madeBy === 19 ? external >>> 16 : null,
      });
      p += 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
    }
  } catch (e) {
    if (e instanceof RangeError) throw new Error('the zip directory runs past the end of the file: cut off or damaged');
    throw e;
  }
  return out;
}
