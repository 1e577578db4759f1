/**
 * Rebuild the packed files from the CAS (`llm-packer consume`). Everything is checked before the
 * first byte is written; files go into a temp folder beside `out`, each published only after its
 * digest matched, and the folder is renamed onto `out` at the end. On any failure nothing is left.
 */
import { lstat, mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { REF_PREFIX, parseRef } from '../artifacts/index.js';
import { hashFile, type Cas } from '../cas/index.js';
import { LITE_FILES, PACK_FOLDERS, recoverPublish, removeStagedOnAbort } from '../packdir/index.js';
import { MAX_PATH_BYTES, unportablePaths } from '../paths/index.js';
import { listFilesUnder } from '../zip/index.js';
import { CorruptObjectError, PackerError, assertAbsolute, canonicalJsonBytes, fsyncDir, isErrno, mapLimit, sha256Hex, tempPathFor } from '../util/index.js';
import { loadManifest } from './loadManifest.js';

export interface ConsumeOptions {
  cas: Cas;
  /** Pack dir, `PACK_MANIFEST.json` path, or `sha256:` ref of a manifest. */
  source: string;
  out: string;
  dryRun?: boolean;
  concurrency?: number;
  /** Aborted when the process is told to stop (SIGINT, SIGTERM): the temp folder is removed at once. */
  signal?: AbortSignal;
  /**
   * Rebuild paths only some systems refuse (a pack made with `allowUnportablePaths`) where this
   * file system can hold them: after writing, every path must be there as it is spelled, else
   * `CONSUME_UNSAFE_PATH` and nothing is left. Default: refuse such a manifest.
   */
  allowUnportablePaths?: boolean;
}

export interface ConsumeReceipt {
  manifest_ref: string;
  scope: string;
  files: number;
  bytes: number;
  /** SHA-256 of the canonical JSON of `[[path, ref], …]` in manifest order: names the rebuilt tree. */
  tree_hash: string;
  dry_run: boolean;
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return false;
    throw err;
  }
}

/** The pack folder a source names (a pack dir, or its LITE manifest), if any. */
function packDirOf(source: string): string | undefined {
  if (source.startsWith(REF_PREFIX)) return undefined;
  const abs = source;
  const isManifest = basename(abs) === LITE_FILES.manifest && basename(dirname(abs)) === PACK_FOLDERS.LITE;
  return isManifest ? dirname(dirname(abs)) : abs;
}

/** Every file, in the staging folder (as long as `out` plus a temp suffix), fits in a path the system takes. */
function checkPathLengths(out: string, entries: readonly { path: string }[]): void {
  const staging = tempPathFor(out);
  for (const e of entries) {
    const bytes = Buffer.byteLength(join(staging, e.path), 'utf8');
    if (bytes > MAX_PATH_BYTES) {
      throw new PackerError('CONSUME_UNSAFE_PATH', ` ${JSON.stringify(e.path)}: the path under ${out} would be ${bytes} bytes (> ${MAX_PATH_BYTES})`, {
        hint: 'consume into a folder with a shorter path',
      });
    }
  }
}

/**
 * With unportable paths allowed: the written tree must hold every path exactly as spelled and
 * nothing else. A case- or normalisation-insensitive file system merges twins and may respell a
 * name; that is refused here rather than published as a tree the manifest does not describe.
 */
async function checkWrittenAsSpelled(staging: string, entries: readonly { path: string }[], out: string): Promise<void> {
  if (unportablePaths(entries.map((e) => e.path)).length === 0) return;
  const written = new Set((await listFilesUnder(staging)).map((f) => f.name));
  const missing = entries.find((e) => !written.has(e.path));
  if (missing !== undefined || written.size !== entries.length) {
    const which = missing ? JSON.stringify(missing.path) : 'a path';
    throw new PackerError('CONSUME_UNSAFE_PATH', ` the file system of ${out} cannot hold ${which} as it is spelled (case or normalisation twins, or a name it changes)`);
  }
}

export async function consumePack(options: ConsumeOptions): Promise<ConsumeReceipt> {
  const { cas } = options;
  assertAbsolute('out', options.out);
  if (!options.source.startsWith(REF_PREFIX)) assertAbsolute('source', options.source);
  const out = options.out;
  const packDir = packDirOf(options.source);
  // A publish a crash interrupted is settled first: the pack is the previous one or the new one.
  if (packDir !== undefined) await recoverPublish(packDir);
  const allowUnportable = options.allowUnportablePaths === true;
  const { manifest, manifestRef } = await loadManifest(cas, options.source, { allowUnportablePaths: allowUnportable });
  const entries = manifest.entries.map((e) => ({ ...e, hash: parseRef(e.ref) }));

  // Every blob must exist with the size the manifest states, before anything is written.
  const concurrency = options.concurrency ?? 8;
  await mapLimit(entries, concurrency, async (e) => {
    const info = await cas.stat(e.hash);
    if (!info) throw new PackerError('CAS_NOT_FOUND', ` ${e.path}: object ${e.hash} is not in the store`);
    if (info.size !== e.bytes) {
      // Either the object was damaged (truncated, emptied) or the manifest lies: rehash to tell.
      const { hash: actual } = await hashFile(cas.path(e.hash));
      if (actual !== e.hash) throw new CorruptObjectError(e.hash, actual, `its ${info.size} bytes (${e.path})`);
      throw new PackerError('MANIFEST_INVALID', ` ${e.path}: manifest says ${e.bytes} bytes, object ${e.hash} has ${info.size}`);
    }
  });
  const receipt: ConsumeReceipt = {
    manifest_ref: manifestRef,
    scope: manifest.scope,
    files: entries.length,
    bytes: entries.reduce((n, e) => n + e.bytes, 0),
    tree_hash: sha256Hex(canonicalJsonBytes(entries.map((e) => [e.path, e.ref]))),
    dry_run: Boolean(options.dryRun),
  };
  if (await exists(out)) throw new PackerError('CONSUME_OUT_EXISTS', ` ${basename(out)} already exists; consume never overwrites`);
  checkPathLengths(out, entries);
  if (options.dryRun) return receipt;

  await mkdir(dirname(out), { recursive: true });
  const staging = tempPathFor(out);
  await mkdir(staging);
  const stopWatching = removeStagedOnAbort(staging, options.signal);
  let published = false;
  try {
    const dirs = new Set(entries.map((e) => dirname(join(staging, e.path))));
    for (const dir of [...dirs].sort()) await mkdir(dir, { recursive: true });
    await mapLimit(entries, concurrency, async (e) => {
      const written = await cas.copyTo(e.hash, join(staging, e.path));
      if (written !== e.bytes) throw new PackerError('CAS_CORRUPT_OBJECT', ` ${e.path}: wrote ${written} bytes, expected ${e.bytes}`);
    });
    if (allowUnportable) await checkWrittenAsSpelled(staging, entries, out);
    stopWatching(); // never removed while the rename below moves it into place
    if (await exists(out)) throw new PackerError('CONSUME_OUT_EXISTS', ` ${basename(out)} appeared while consuming`);
    await rename(staging, out);
    published = true;
    await fsyncDir(dirname(out));
  } finally {
    stopWatching();
    if (!published) await rm(staging, { recursive: true, force: true });
  }
  return receipt;
}
