import { createHash } from 'node:crypto';
import { TextDecoder } from 'node:util';
import { parseRef } from '../artifacts/index.js';
import { readChunks, type Cas } from '../cas/index.js';
import { CorruptObjectError, PackerError, isErrno } from '../util/index.js';

export interface SliceRequest {
  /** First line wanted, from 1 (default 1). */
  startLine?: number;
  /** Last line wanted, inclusive (default: the last line). */
  endLine?: number;
  /** Bytes returned at most; whole lines are kept, the rest is cut. */
  maxBytes: number;
}

export interface ObjectSlice {
  ref: string;
  /** Size of the whole object. */
  bytes: number;
  totalLines: number;
  startLine: number;
  /** Last line returned (startLine - 1 when none was). */
  endLine: number;
  /** The lines, with their line ends, exactly as stored. */
  text: string;
  /** Lines were wanted that are not in `text` (the answer limit was reached). */
  truncated: boolean;
  /** Only the first `maxBytes` bytes of line `startLine` are returned: it is longer than the limit. */
  lineCut: boolean;
}

const NEWLINE = 0x0a;

/** The longest prefix of `buf` no longer than `max` that does not split a UTF-8 character. */
function utf8Prefix(buf: Buffer, max: number): Buffer {
  let end = Math.min(max, buf.length);
  if (end < buf.length) while (end > 0 && (buf[end]! & 0xc0) === 0x80) end--;
  return buf.subarray(0, end);
}

/** Keeps whole lines of the wanted range while they fit; memory stays under twice the limit. */
function createLineKeeper(first: number, last: number, maxBytes: number) {
  const kept: Buffer[] = [];
  let keptBytes = 0;
  let lastKept = first - 1;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let full = false;
  let lineCut = false;
  return {
    add(line: number, piece: Uint8Array): void {
      if (full || line < first || line > last || pendingBytes > maxBytes) return;
      pending.push(Buffer.from(piece));
      pendingBytes += piece.length;
    },
    end(line: number): void {
      if (full || line < first || line > last) return;
      if (keptBytes + pendingBytes <= maxBytes) {
        kept.push(...pending);
        keptBytes += pendingBytes;
        lastKept = line;
      } else {
        full = true;
        if (lastKept < first) {
          kept.push(utf8Prefix(Buffer.concat(pending), maxBytes));
          lastKept = line;
          lineCut = true;
        }
      }
      pending = [];
      pendingBytes = 0;
    },
    result: () => ({ data: Buffer.concat(kept), lastKept, full, lineCut }),
  };
}

export interface FileSlice extends Omit<ObjectSlice, 'ref'> {
  /** SHA-256 of the whole file, hex. */
  hash: string;
  /** The kept bytes are UTF-8 (when not, `text` is empty). */
  utf8: boolean;
}

/**
 * Lines `startLine..endLine` of a file, streamed: the whole file is hashed on the way, only the
 * wanted lines are kept, so memory stays bounded by the limit whatever the file's size.
 */
export async function readFileSlice(path: string, request: SliceRequest): Promise<FileSlice> {
  const first = request.startLine ?? 1;
  const last = request.endLine ?? Number.MAX_SAFE_INTEGER;
  if (last < first) throw new PackerError('INPUT_INVALID', ` endLine ${last} is before startLine ${first}`);
  const keeper = createLineKeeper(first, last, request.maxBytes);
  const digest = createHash('sha256');
  let size = 0;
  let line = 1;
  let lastByte = NEWLINE;
  for await (const chunk of readChunks(path)) {
    digest.update(chunk);
    size += chunk.length;
    lastByte = chunk[chunk.length - 1]!;
    for (let pos = 0; pos < chunk.length; ) {
      const nl = chunk.indexOf(NEWLINE, pos);
      const end = nl === -1 ? chunk.length : nl + 1;
      keeper.add(line, chunk.subarray(pos, end));
      if (nl !== -1) keeper.end(line++);
      pos = end;
    }
  }
  const totalLines = size === 0 ? 0 : lastByte === NEWLINE ? line - 1 : line;
  if (lastByte !== NEWLINE) keeper.end(line);
  const { data, lastKept, full, lineCut } = keeper.result();
  let text = '';
  let utf8 = true;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    utf8 = false;
  }
  return { hash: digest.digest('hex'), utf8, bytes: size, totalLines, startLine: first, endLine: lastKept, text, truncated: full, lineCut };
}

/**
 * Lines of a stored object (see `readFileSlice`); nothing is returned unless the whole object
 * hashes to its name, and nothing but UTF-8 text.
 */
export async function readObjectSlice(cas: Cas, ref: string, request: SliceRequest): Promise<ObjectSlice> {
  const hash = parseRef(ref);
  let slice: FileSlice;
  try {
    slice = await readFileSlice(cas.path(hash), request);
  } catch (err) {
    if (isErrno(err, 'ENOENT', 'ENOTDIR')) throw new PackerError('CAS_NOT_FOUND', ` object ${hash} is not in the store`, { cause: err });
    throw err;
  }
  if (slice.hash !== hash) throw new CorruptObjectError(hash, slice.hash, `its ${slice.bytes} bytes`);
  if (slice.startLine > Math.max(slice.totalLines, 1)) {
    throw new PackerError('INPUT_INVALID', ` startLine ${slice.startLine} is past the end: the file has ${slice.totalLines} lines`);
  }
  if (!slice.utf8) throw new PackerError('INPUT_INVALID', ` ${ref} is not UTF-8 text`);
  const { hash: _hash, utf8: _utf8, ...rest } = slice;
  return { ref, ...rest };
}
