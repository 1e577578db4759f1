/**
 * Moving objects between the local store (the cache) and the remote. Every byte is checked against
 * its name on the way: a local object before it is uploaded, a remote one after it is downloaded
 * and before it enters the local store. A damaged object never travels and never reaches an output.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { hashFile, type Cas } from '../cas/index.js';
import { CorruptObjectError, PackerError, mapLimit, sha256Hex } from '../util/index.js';
import type { RemoteStore } from './types.js';

export interface TransferReport {
  /** Objects that crossed the network. */
  transferred: number;
  /** Objects the other side had already. */
  skipped: number;
  bytes: number;
}

export interface TransferOptions {
  concurrency?: number;
  onObject?: (done: number, total: number) => void;
}

const DEFAULT_CONCURRENCY = 16;
/** From this many objects on, one listing of the remote (1 000 names a request) beats a HEAD each. */
const LIST_FROM = 64;

/** Upload every object of `hashes` the remote lacks. */
export async function uploadObjects(cas: Cas, remote: RemoteStore, hashes: Iterable<string>, options: TransferOptions = {}): Promise<TransferReport> {
  const list = [...new Set(hashes)].sort();
  const report: TransferReport = { transferred: 0, skipped: 0, bytes: 0 };
  let done = 0;
  // A listed object of the wrong size (a truncated upload by another tool) is sent again.
  const listed = list.length >= LIST_FROM ? new Map((await remote.listObjects()).map((o) => [o.hash, o.size])) : undefined;
  const present = async (hash: string) =>
    listed ? listed.has(hash) && listed.get(hash) === (await cas.stat(hash))?.size : remote.hasObject(hash);
  await mapLimit(list, options.concurrency ?? DEFAULT_CONCURRENCY, async (hash) => {
    if (await present(hash)) {
      report.skipped++;
    } else {
      const size = await uploadOne(cas, remote, hash);
      report.transferred++;
      report.bytes += size;
    }
    options.onObject?.(++done, list.length);
  });
  return report;
}

/** Download every object of `hashes` the local store lacks, each verified before it is stored. */
export async function downloadObjects(cas: Cas, remote: RemoteStore, hashes: Iterable<string>, options: TransferOptions = {}): Promise<TransferReport> {
  const list = [...new Set(hashes)].sort();
  const report: TransferReport = { transferred: 0, skipped: 0, bytes: 0 };
  let done = 0;
  await mkdir(cas.root, { recursive: true });
  await mapLimit(list, options.concurrency ?? DEFAULT_CONCURRENCY, async (hash) => {
    if (await cas.has(hash)) {
      report.skipped++;
    } else {
      report.bytes += await downloadOne(cas, remote, hash);
      report.transferred++;
    }
    options.onObject?.(++done, list.length);
  });
  return report;
}

/** Objects up to this size are read once into memory (verified there, retryable); larger ones stream. */
const IN_MEMORY_BYTES = 16 * 1024 * 1024;

async function uploadOne(cas: Cas, remote: RemoteStore, hash: string): Promise<number> {
  const info = await cas.stat(hash);
  if (info === undefined) throw new PackerError('CAS_NOT_FOUND', ` object ${hash} is not in the local store ${cas.root}`);
  if (info.size <= IN_MEMORY_BYTES) {
    const bytes = await cas.get(hash); // verified against its name
    await remote.putObject(hash, bytes);
    return bytes.length;
  }
  const actual = await hashFile(cas.path(hash));
  if (actual.hash !== hash) throw new CorruptObjectError(hash, actual.hash, `the local copy's ${actual.size} bytes`);
  await remote.putObject(hash, { file: cas.path(hash), size: actual.size });
  return actual.size;
}

async function downloadOne(cas: Cas, remote: RemoteStore, hash: string): Promise<number> {
  // A `.tmp` name: skipped by GC, fsck and every reader of the store, as a killed download's leftover.
  const tmp = join(cas.root, `${hash}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await remote.getObjectToFile(hash, tmp);
    const actual = await hashFile(tmp);
    if (actual.hash !== hash) {
      throw new CorruptObjectError(hash, actual.hash, `the ${actual.size} bytes downloaded from ${remote.location.url}`);
    }
    const put = await cas.putFile(tmp);
    if (put.hash !== hash) throw new CorruptObjectError(hash, put.hash, 'the downloaded bytes, changed on disk');
    return put.size;
  } finally {
    await rm(tmp, { force: true });
  }
}

/** A file to upload under its SHA-256 name, and what to say when its bytes are not that. */
export interface FileObject {
  hash: string;
  file: string;
  /** The error a changed file raises (it is never uploaded). */
  onMismatch: (actual: string) => PackerError;
}

/**
 * Upload files that are not in the local store (a pack folder's own files) under their hash,
 * each checked against it first; what the remote has is skipped.
 */
export async function uploadFiles(remote: RemoteStore, files: readonly FileObject[], options: TransferOptions = {}): Promise<TransferReport> {
  const byHash = new Map(files.map((f) => [f.hash, f]));
  const report: TransferReport = { transferred: 0, skipped: 0, bytes: 0 };
  await mapLimit([...byHash.values()], options.concurrency ?? DEFAULT_CONCURRENCY, async (f) => {
    if (await remote.hasObject(f.hash)) {
      report.skipped++;
      return;
    }
    const actual = await hashFile(f.file);
    if (actual.hash !== f.hash) throw f.onMismatch(actual.hash);
    const body = actual.size <= IN_MEMORY_BYTES ? await readFile(f.file) : { file: f.file, size: actual.size };
    // Read into memory after hashing: the bytes sent are checked once more against the name.
    if (Buffer.isBuffer(body) && sha256Hex(body) !== f.hash) throw f.onMismatch(sha256Hex(body));
    await remote.putObject(f.hash, body);
    report.transferred++;
    report.bytes += actual.size;
  });
  return report;
}
