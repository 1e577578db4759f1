/**
 * A deterministic zip writer. The same entries give the same bytes on every machine, CPU and
 * Node version: entries are sorted by code point, deflated by a pinned pure-JavaScript deflate
 * (fflate, an exact version in package.json; never the zlib Node ships, whose output changes
 * between versions), or stored when deflate would not make them smaller; one fixed DOS date, one
 * file mode, UTF-8 names, no timestamps in extra fields (zipRecords.ts). CRC-32 comes from zlib,
 * which is exact on every version.
 */
import { readFileSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { Deflate, deflateSync, type DeflateOptions } from 'fflate';
import { PackerError, compareCodePoints, writeDurable } from '../util/index.js';
import { crc32 } from './crc32.js';
import {
  METHOD_DEFLATE, METHOD_STORE, ZIP32_MAX, centralHeader, endRecords, localHeader, type WrittenEntry,
} from './zipRecords.js';
import { createZipSink, type ZipSink } from './zipSink.js';

export { ZIP_FILE_MODE } from './zipRecords.js';

/** One archive member: its name inside the zip and where its bytes come from. */
export type ZipEntry = { name: string; path: string } | { name: string; bytes: Uint8Array };

export interface ZipStats {
  entries: number;
  bytes: number;
}

export interface ZipOptions {
  /** fflate deflate level 1-9, or 0 to store every entry (default `ZIP_LEVEL`). Part of the byte contract. */
  level?: number;
}

/** Files above this are streamed through the deflater; smaller ones are read whole. */
const STREAM_ABOVE = 4 << 20;
/** Room for deflate's worst-case growth: above this a streamed entry gets ZIP64 sizes. */
const ZIP64_STREAM_AT = 0xf0000000;
const CHUNK = 1 << 20;

function checkNames(entries: readonly ZipEntry[]): ZipEntry[] {
  const sorted = [...entries].sort((a, b) => compareCodePoints(a.name, b.name));
  for (let i = 0; i < sorted.length; i++) {
    const name = sorted[i]!.name;
    const badPart = name.split('/').some((p) => p === '' || p === '.' || p === '..');
    const bad = name === '' || name.startsWith('/') || name.includes('\\') || badPart;
    if (bad) throw new PackerError('INPUT_INVALID', ` unsafe zip entry name ${JSON.stringify(name)}`);
    if (i > 0 && sorted[i - 1]!.name === name) throw new PackerError('INPUT_INVALID', ` duplicate zip entry ${JSON.stringify(name)}`);
  }
  return sorted;
}

async function writeWhole(sink: ZipSink, name: Buffer, data: Uint8Array, level: DeflateOptions['level'] | 0): Promise<WrittenEntry> {
  const crc = crc32(data);
  const deflated = level === 0 || data.length === 0 ? undefined : deflateSync(data, { level });
  const useDeflate = deflated !== undefined && deflated.length < data.length;
  const body = useDeflate ? deflated : data;
  const entry = { name, method: useDeflate ? METHOD_DEFLATE : METHOD_STORE, crc, compressedSize: body.length, size: data.length, zip64Local: false };
  const offset = sink.position;
  await sink.write(localHeader(entry));
  await sink.write(body);
  return { ...entry, offset };
}

/** A large file: header first, then deflated chunks, then the header patched with CRC and sizes. */
async function writeStreamed(sink: ZipSink, name: Buffer, path: string, size: number, level: DeflateOptions['level']): Promise<WrittenEntry> {
  const zip64Local = size >= ZIP64_STREAM_AT;
  const offset = sink.position;
  const header = localHeader({ name, method: METHOD_DEFLATE, crc: 0, compressedSize: 0, size: 0, zip64Local });
  await sink.write(header);
  let crc = 0;
  let read = 0;
  let compressedSize = 0;
  const out: Uint8Array[] = [];
  const deflater = new Deflate({ level }, (chunk) => {
    out.push(chunk.slice());
    compressedSize += chunk.length;
  });
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(CHUNK);
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, CHUNK, null);
      const chunk = buf.subarray(0, bytesRead);
      crc = crc32(chunk, crc);
      read += bytesRead;
      deflater.push(chunk, bytesRead === 0);
      for (const part of out.splice(0)) await sink.write(part);
      if (bytesRead === 0) break;
    }
  } finally {
    await fh.close();
  }
  if (read !== size || (!zip64Local && (read >= ZIP32_MAX || compressedSize >= ZIP32_MAX))) {
    throw new PackerError('CAS_SOURCE_CHANGED', ` ${path} changed while it was being zipped`);
  }
  const entry = { name, method: METHOD_DEFLATE, crc, compressedSize, size: read, zip64Local };
  await sink.patch(localHeader(entry), offset);
  return { ...entry, offset };
}

async function writeEntry(sink: ZipSink, entry: ZipEntry, level: number): Promise<WrittenEntry> {
  const name = Buffer.from(entry.name, 'utf8');
  const lvl = level as DeflateOptions['level'];
  if ('bytes' in entry) return writeWhole(sink, name, entry.bytes, lvl);
  const size = statSync(entry.path).size;
  // Synchronous like the pack's other per-file reads: for small files the promise round trips
  // of fs/promises cost more than the read.
  if (size <= STREAM_ABOVE || level === 0) return writeWhole(sink, name, readFileSync(entry.path), lvl);
  return writeStreamed(sink, name, entry.path, size, lvl);
}

/**
 * The deflate level of every zip llm-packer writes. Level 1 deflates a pack's 3 × 24 MB (FULL,
 * SPLIT, repo/ of the AGS repository) about 2.8× faster than fflate's default 6 (1.0 s against
 * 2.8 s per 24 MB here) for an archive about 11 % larger; the zip stage was the largest one.
 */
export const ZIP_LEVEL = 1;

/**
 * Write a zip of `entries` to `target` durably (temp file, fsync, rename). Files above 4 MiB are
 * streamed, so memory does not grow with their size.
 */
export async function writeZip(target: string, entries: readonly ZipEntry[], options: ZipOptions = {}): Promise<ZipStats> {
  const sorted = checkNames(entries);
  const level = options.level ?? ZIP_LEVEL;
  if (!Number.isInteger(level) || level < 0 || level > 9) throw new PackerError('USAGE', ` zip level ${level}: use 0-9`);
  let bytes = 0;
  await writeDurable(target, async (fh) => {
    const sink = createZipSink(fh);
    const written: WrittenEntry[] = [];
    for (const entry of sorted) written.push(await writeEntry(sink, entry, level));
    const cdOffset = sink.position;
    for (const e of written) await sink.write(centralHeader(e));
    await sink.write(endRecords(written.length, cdOffset, sink.position - cdOffset));
    await sink.flush();
    bytes = sink.position;
  });
  return { entries: sorted.length, bytes };
}
