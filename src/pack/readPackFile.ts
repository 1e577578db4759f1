/**
 * The read/store stage for one file: read it once, decide whether it is text, store it in the CAS
 * and copy it into the staging `repo/`. Small files stay in memory until their block is rendered;
 * large ones are streamed into the staging copy, which the store and the renderers then read.
 */
import { createHash } from 'node:crypto';
import { constants, copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, open, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createBacktickCounter } from '../bundle/index.js';
import type { Cas } from '../cas/index.js';
import { unsafePathReason } from '../manifest/index.js';
import { PackerError, isErrno } from '../util/index.js';
import type { SourceFile } from '../walk/index.js';
import { createTextCheck } from './sniffText.js';
import { limitError } from './limitError.js';
import { sourceError } from './sourceError.js';

/** Files above this size are streamed (never held whole in memory). */
const STREAM_THRESHOLD = 4 << 20;
const CHUNK = 1 << 20;

export type ReadBody = { kind: 'bytes'; bytes: Buffer } | { kind: 'staged'; path: string; longestRun: number };

export type ReadResult =
  | { file: SourceFile; text: false; size: number }
  | { file: SourceFile; text: true; size: number; hash: string; body: ReadBody };

export interface ReadContext {
  cas: Cas;
  /** Staging `repo/` folder. */
  repoDir: string;
  textRule: 'extension' | 'content';
  isTextContent: (bytes: Uint8Array) => boolean;
  maxEntryBytes: number;
  /** Per run: set once the file system refused a clone, so later copies do not try again. */
  clone: { off: boolean };
}

/** A per-run `mkdir -p` that creates each folder once. */
function createDirMaker(): (dir: string) => Promise<void> {
  const made = new Map<string, Promise<unknown>>();
  return async (dir) => {
    let p = made.get(dir);
    if (!p) {
      p = mkdir(dir, { recursive: true });
      made.set(dir, p);
    }
    await p;
  };
}

function checkSize(file: SourceFile, size: number, max: number): void {
  // The walk's size passed the limits; a file that grew past them since then is refused too.
  if (size > max) {
    throw limitError('max_entry_bytes', `${size} > ${max}`, `file ${file.rootPath} grew while packing`);
  }
}

function repoCopyPath(ctx: ReadContext, file: SourceFile): string {
  const reason = unsafePathReason(file.rootPath, { portable: false });
  if (reason) throw new PackerError('INPUT_INVALID', ` unsafe pack path ${JSON.stringify(file.rootPath)}: ${reason}`);
  return join(ctx.repoDir, file.rootPath);
}

/**
 * The staging `repo/` copy of a small file: a copy-on-write clone of its CAS object where the
 * file system supports them (no second write of the bytes, and no shared inode: an edit of the
 * copy never reaches the store), else the bytes just read. Never a hard link. After the first
 * refusal to clone, a run stops trying (`ctx.clone.off`).
 */
function cloneOrWrite(ctx: ReadContext, object: string, copy: string, bytes: Buffer): void {
  if (!ctx.clone.off) {
    try {
      copyFileSync(object, copy, constants.COPYFILE_EXCL | constants.COPYFILE_FICLONE_FORCE);
      return;
    } catch (err) {
      if (!isErrno(err, 'ENOTSUP', 'EOPNOTSUPP', 'EXDEV', 'EINVAL', 'ENOSYS', 'EPERM', 'ENOENT', 'EACCES')) throw err;
      if (!isErrno(err, 'ENOENT', 'EACCES')) ctx.clone.off = true;
    }
  }
  writeFileSync(copy, bytes, { flag: 'wx' });
}

async function readSmall(file: SourceFile, ctx: ReadContext, makeDir: (d: string) => Promise<void>): Promise<ReadResult> {
  let bytes: Buffer;
  try {
    // Synchronous on purpose: for files of at most STREAM_THRESHOLD bytes, readFileSync was 4-5x
    // faster than fs/promises' readFile (FileHandle and promise overhead per file dominates; 7,266
    // node_modules files: ~0.2 s against ~1.0 s). Only reads of this stage block, and briefly.
    bytes = readFileSync(file.absPath);
  } catch (err) {
    throw sourceError(err, file.path);
  }
  checkSize(file, bytes.length, ctx.maxEntryBytes);
  if (ctx.textRule === 'content' && !ctx.isTextContent(bytes)) return { file, text: false, size: bytes.length };
  const { hash } = await ctx.cas.putBytes(bytes);
  const copy = repoCopyPath(ctx, file);
  await makeDir(dirname(copy));
  cloneOrWrite(ctx, ctx.cas.path(hash), copy, bytes);
  return { file, text: true, size: bytes.length, hash, body: { kind: 'bytes', bytes } };
}

async function readLarge(file: SourceFile, ctx: ReadContext, makeDir: (d: string) => Promise<void>): Promise<ReadResult> {
  let src;
  try {
    src = await open(file.absPath, 'r');
  } catch (err) {
    throw sourceError(err, file.path);
  }
  const copy = repoCopyPath(ctx, file);
  const hasher = createHash('sha256');
  const check = createTextCheck();
  const ticks = createBacktickCounter();
  let size = 0;
  try {
    await makeDir(dirname(copy));
    const out = await open(copy, 'wx');
    try {
      const buf = Buffer.allocUnsafe(CHUNK);
      for (;;) {
        const { bytesRead } = await src.read(buf, 0, CHUNK, null);
        if (bytesRead === 0) break;
        const chunk = buf.subarray(0, bytesRead);
        size += bytesRead;
        checkSize(file, size, ctx.maxEntryBytes);
        hasher.update(chunk);
        if (ctx.textRule === 'content') check.push(chunk);
        ticks.push(chunk);
        await out.write(chunk);
      }
    } finally {
      await out.close();
    }
  } finally {
    await src.close();
  }
  const hash = hasher.digest('hex');
  if (ctx.textRule === 'content' && !check.end()) {
    await unlink(copy);
    return { file, text: false, size };
  }
  // The staging copy is ours and stable: the store streams it in and must agree on the hash.
  const put = await ctx.cas.putFile(copy);
  if (put.hash !== hash) throw new PackerError('CAS_SOURCE_CHANGED', ` ${file.rootPath} changed while it was being stored`);
  return { file, text: true, size, hash, body: { kind: 'staged', path: copy, longestRun: ticks.longest } };
}

/** Read one selected file for the pack (see the module comment). */
export function createFileReader(ctx: ReadContext): (file: SourceFile) => Promise<ReadResult> {
  const makeDir = createDirMaker();
  return (file) => (file.size > STREAM_THRESHOLD ? readLarge(file, ctx, makeDir) : readSmall(file, ctx, makeDir));
}
