/**
 * The secret scan of a file too large to hold as one string (secretlint takes a whole text): read
 * in chunks cut after a line break, each starting a little before the previous one ended, so any
 * secret shorter than the overlap — a key block is a few KiB — lies whole in at least one chunk.
 * A secret found in two chunks has one fingerprint and counts once. Only one chunk is in memory.
 */
import { open } from 'node:fs/promises';
import { byPosition, scanText, type RawFinding } from './scanText.js';

/** Files up to this size are scanned as one text. */
export const SCAN_WHOLE_BYTES = 8 << 20;
const CHUNK_BYTES = 4 << 20;
const OVERLAP_BYTES = 64 << 10;
const NEWLINE = 0x0a;

/** The end of the last whole line in `buf` (after its `\n`), or a UTF-8 boundary when there is none. */
function cutPoint(buf: Buffer): number {
  const nl = buf.lastIndexOf(NEWLINE);
  if (nl >= 0) return nl + 1;
  let end = buf.length;
  while (end > 0 && (buf[end - 1]! & 0xc0) === 0x80) end--; // never inside a UTF-8 sequence
  return end > 0 && buf[end - 1]! >= 0xc0 ? end - 1 : buf.length;
}

function countLines(buf: Buffer, end: number): number {
  let n = 0;
  for (let i = buf.indexOf(NEWLINE); i >= 0 && i < end; i = buf.indexOf(NEWLINE, i + 1)) n++;
  return n;
}

/**
 * Scan the file at `absPath` chunk by chunk; `isText` is asked about the first chunk (a file that
 * is not text is not scanned, as a small one is not).
 */
export async function scanLargeFile(absPath: string, path: string, isText: (bytes: Uint8Array) => boolean): Promise<RawFinding[]> {
  const fh = await open(absPath, 'r');
  const seen = new Map<string, RawFinding>();
  try {
    let carry = Buffer.alloc(0);
    let carryLine = 1; // the line number of carry's first byte
    let position = 0;
    for (let first = true; ; first = false) {
      const fresh = Buffer.allocUnsafe(CHUNK_BYTES);
      const { bytesRead } = await fh.read(fresh, 0, CHUNK_BYTES, position);
      position += bytesRead;
      const atEnd = bytesRead < CHUNK_BYTES;
      const buf = Buffer.concat([carry, fresh.subarray(0, bytesRead)]);
      if (first && !isText(buf)) return [];
      const end = atEnd ? buf.length : cutPoint(buf);
      for (const f of await scanText(buf.toString('utf8', 0, end), path, carryLine)) if (!seen.has(f.fingerprint)) seen.set(f.fingerprint, f);
      if (atEnd) break;
      // The next chunk starts at a line start about OVERLAP_BYTES before this one's end.
      const back = buf.indexOf(NEWLINE, Math.max(0, end - OVERLAP_BYTES));
      const start = back >= 0 && back + 1 < end ? back + 1 : end;
      carryLine += countLines(buf, start);
      carry = Buffer.from(buf.subarray(start));
    }
  } finally {
    await fh.close();
  }
  return [...seen.values()].sort(byPosition);
}
