/**
 * The byte layout of a zip's records (APPNOTE 6.3.x): local file header, central directory
 * header, ZIP64 records and the end of central directory. Every field that could vary by machine
 * is fixed: DOS date 1980-01-01 00:00:00, Unix mode 0644, UTF-8 names, no comments.
 */

/** Regular file, rw-r--r--. */
export const ZIP_FILE_MODE = 0o100644;
/** DOS time 00:00:00 and date 1980-01-01 (year 0 = 1980, month 1, day 1). */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
/** Bit 11: names are UTF-8. */
const FLAGS = 0x0800;
/** Made by Unix (3), spec 6.3 (63); needed: 2.0, or 4.5 for ZIP64. */
const MADE_BY = (3 << 8) | 63;
const NEEDS = 20;
const NEEDS_ZIP64 = 45;
/** A size or offset at or above this is written as 0xFFFFFFFF with the value in a ZIP64 extra. */
export const ZIP32_MAX = 0xffffffff;

export const METHOD_STORE = 0;
export const METHOD_DEFLATE = 8;

/** What the central directory needs to know about one written entry. */
export interface WrittenEntry {
  name: Buffer;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
  /** The local header carries a ZIP64 extra (its sizes are in it). */
  zip64Local: boolean;
}

function zip64Extra(values: number[]): Buffer {
  const extra = Buffer.alloc(4 + 8 * values.length);
  extra.writeUInt16LE(0x0001, 0);
  extra.writeUInt16LE(8 * values.length, 2);
  values.forEach((v, i) => extra.writeBigUInt64LE(BigInt(v), 4 + 8 * i));
  return extra;
}

/** The local file header; with `zip64` its sizes live in a ZIP64 extra field (patched later). */
export function localHeader(e: Omit<WrittenEntry, 'offset'>): Buffer {
  const extra = e.zip64Local ? zip64Extra([e.size, e.compressedSize]) : Buffer.alloc(0);
  const h = Buffer.alloc(30);
  h.writeUInt32LE(0x04034b50, 0);
  h.writeUInt16LE(e.zip64Local ? NEEDS_ZIP64 : NEEDS, 4);
  h.writeUInt16LE(FLAGS, 6);
  h.writeUInt16LE(e.method, 8);
  h.writeUInt16LE(DOS_TIME, 10);
  h.writeUInt16LE(DOS_DATE, 12);
  h.writeUInt32LE(e.crc >>> 0, 14);
  h.writeUInt32LE(e.zip64Local ? ZIP32_MAX : e.compressedSize, 18);
  h.writeUInt32LE(e.zip64Local ? ZIP32_MAX : e.size, 22);
  h.writeUInt16LE(e.name.length, 26);
  h.writeUInt16LE(extra.length, 28);
  return Buffer.concat([h, e.name, extra]);
}

/** The central directory header of one entry. */
export function centralHeader(e: WrittenEntry): Buffer {
  const big = [e.size, e.compressedSize, e.offset].map((v) => v >= ZIP32_MAX);
  const extra = big.some(Boolean) ? zip64Extra([e.size, e.compressedSize, e.offset].filter((_, i) => big[i])) : Buffer.alloc(0);
  const h = Buffer.alloc(46);
  h.writeUInt32LE(0x02014b50, 0);
  h.writeUInt16LE(MADE_BY, 4);
  h.writeUInt16LE(extra.length > 0 || e.zip64Local ? NEEDS_ZIP64 : NEEDS, 6);
  h.writeUInt16LE(FLAGS, 8);
  h.writeUInt16LE(e.method, 10);
  h.writeUInt16LE(DOS_TIME, 12);
  h.writeUInt16LE(DOS_DATE, 14);
  h.writeUInt32LE(e.crc >>> 0, 16);
  h.writeUInt32LE(big[1] ? ZIP32_MAX : e.compressedSize, 20);
  h.writeUInt32LE(big[0] ? ZIP32_MAX : e.size, 24);
  h.writeUInt16LE(e.name.length, 28);
  h.writeUInt16LE(extra.length, 30);
  // comment length, disk number start, internal attributes: 0
  h.writeUInt32LE((ZIP_FILE_MODE << 16) >>> 0, 38);
  h.writeUInt32LE(big[2] ? ZIP32_MAX : e.offset, 42);
  return Buffer.concat([h, e.name, extra]);
}

/** ZIP64 end record and locator (when needed) and the end of central directory record. */
export function endRecords(count: number, cdOffset: number, cdSize: number): Buffer {
  const zip64 = count >= 0xffff || cdOffset >= ZIP32_MAX || cdSize >= ZIP32_MAX;
  const parts: Buffer[] = [];
  if (zip64) {
    const rec = Buffer.alloc(56);
    rec.writeUInt32LE(0x06064b50, 0);
    rec.writeBigUInt64LE(44n, 4);
    rec.writeUInt16LE(MADE_BY, 12);
    rec.writeUInt16LE(NEEDS_ZIP64, 14);
    rec.writeBigUInt64LE(BigInt(count), 24);
    rec.writeBigUInt64LE(BigInt(count), 32);
    rec.writeBigUInt64LE(BigInt(cdSize), 40);
    rec.writeBigUInt64LE(BigInt(cdOffset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(cdOffset + cdSize), 8);
    locator.writeUInt32LE(1, 16);
    parts.push(rec, locator);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(zip64 ? 0xffff : count, 8);
  end.writeUInt16LE(zip64 ? 0xffff : count, 10);
  end.writeUInt32LE(zip64 ? ZIP32_MAX : cdSize, 12);
  end.writeUInt32LE(zip64 ? ZIP32_MAX : cdOffset, 16);
  parts.push(end);
  return Buffer.concat(parts);
}
