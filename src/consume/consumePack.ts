/**
 * Rebuild the packed files from the CAS (`llm-packer consume`). Everything is checked before the
 * first byte is written; files go into a temp folder beside `out`, each published only after its
 * digest matched, and the folder is renamed onto `out` at the end. On any failure nothing is left.
 */
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { REF_PREFIX, parseRef } from '../artifacts/index.js';
import { hashFile, type Cas } from '../cas/index.js';
import { packDirOfPath, recoverPublish, removeStagedOnAbort } from '../packdir/index.js';
import { MAX_PATH_BYTES, unportablePaths } from '../paths/index.js';
import { listFilesUnder } from '../zip/index.js';
import { CorruptObjectError, PackerError, assertAbsolute, canonicalJsonBytes, fsyncDir, mapLimit, pathExists, sha256Hex, tempPathFor } from '../util/index.js';
import { loadManifest } from './loadManifest.js';

/** What {@link consumePack} rebuilds, from which store, and where to. */
export interface ConsumeOptions {
  /** The store holding the packed files (see {@link openCas}). */
  cas: Cas;
  /** Pack dir or `PACK_MANIFEST.json` path (absolute), or the `sha256:` ref of a manifest. */
  source: string;
  /** The folder to create (absolute); it must not exist. */
  out: string;
  /** Check everything and return the receipt, but write nothing. */
  dryRun?: boolean;
  /** Objects checked and copied at once (default 8). */
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

/** What {@link consumePack} rebuilt (or, with `dryRun`, would rebuild). */
export interface ConsumeReceipt {
  /** `sha256:` ref of the manifest the files came from. */
  manifestRef: string;
  /** The scope the pack was made with. */
  scope: string;
  /** Files written. */
  files: number;
  /** Their total size. */
  bytes: number;
  /** SHA-256 of the canonical JSON of `[[path, ref], …]` in manifest order: names the rebuilt tree. */
  treeHash: string;
  dryRun: boolean;
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

/**
 * Rebuild the packed files of a pack from the store (`llm-packer consume`), each one checked
 * against its ref in the manifest. Everything is checked before the first byte is written, files
 * go into a temp folder beside `out`, which is renamed onto `out` at the end: on any failure
 * nothing is left behind.
 *
 * @param options - The store, the pack (folder, manifest file or manifest ref) and `out`.
 * @returns The receipt, with the tree hash naming the rebuilt tree.
 * @throws {@link PackerError} `USAGE` for a relative path; `CONSUME_OUT_EXISTS` when `out` exists;
 *   `INPUT_NOT_FOUND`, `MANIFEST_INVALID`, `CAS_NOT_FOUND`, `CAS_CORRUPT_OBJECT` or
 *   `CONSUME_UNSAFE_PATH` when the pack cannot be rebuilt safely.
 * @example
 * ```ts
 * import { consumePack, openCas } from 'llm-packer';
 *
 * const receipt = await consumePack({ cas: openCas(casRoot), source: summary.refs.manifestRef, out: '/tmp/files' });
 * console.log(`${receipt.files} files, tree ${receipt.treeHash}`);
 * ```
 */
export async function consumePack(options: ConsumeOptions): Promise<ConsumeReceipt> {
  const { cas } = options;
  assertAbsolute('out', options.out);
  if (!options.source.startsWith(REF_PREFIX)) assertAbsolute('source', options.source);
  const out = options.out;
  const packDir = options.source.startsWith(REF_PREFIX) ? undefined : packDirOfPath(options.source);
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
    manifestRef,
    scope: manifest.scope,
    files: entries.length,
    bytes: entries.reduce((n, e) => n + e.bytes, 0),
    treeHash: sha256Hex(canonicalJsonBytes(entries.map((e) => [e.path, e.ref]))),
    dryRun: Boolean(options.dryRun),
  };
  if (await pathExists(out)) throw new PackerError('CONSUME_OUT_EXISTS', ` ${basename(out)} already exists; consume never overwrites`);
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
    if (await pathExists(out)) throw new PackerError('CONSUME_OUT_EXISTS', ` ${basename(out)} appeared while consuming`);
    await rename(staging, out);
    published = true;
    await fsyncDir(dirname(out));
  } finally {
    stopWatching();
    if (!published) await rm(staging, { recursive: true, force: true });
  }
  return receipt;
}
