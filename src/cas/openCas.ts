import { lstat, unlink } from 'node:fs/promises';
import { resolve } from 'node:path';
import { assertAbsolute, isErrno, type SyncBatch } from '../util/index.js';
import { copyObjectTo } from './copyObjectTo.js';
import { fsck } from './fsck.js';
import { listObjects } from './listObjects.js';
import { assertHash, objectPath } from './objectPath.js';
import { putBytes } from './putBytes.js';
import { putFile } from './putFile.js';
import { putStream } from './putStream.js';
import { readObject } from './readObject.js';
import type { Cas, ObjectInfo } from './types.js';

async function statObject(root: string, hash: string): Promise<ObjectInfo | undefined> {
  try {
    const st = await lstat(objectPath(root, hash));
    return st.isFile() ? { hash, size: st.size, mtimeMs: st.mtimeMs } : undefined;
  } catch (err) {
    if (isErrno(err, 'ENOENT', 'ENOTDIR')) return undefined;
    throw err;
  }
}

async function deleteObject(root: string, hash: string): Promise<boolean> {
  try {
    await unlink(objectPath(root, hash));
    return true;
  } catch (err) {
    if (isErrno(err, 'ENOENT', 'ENOTDIR')) return false;
    throw err;
  }
}

/** How {@link openCas} writes. */
export interface OpenCasOptions {
  /**
   * Durability in a batch: puts write and rename without fsync, and `sync()` makes every object
   * put so far durable at once. Call it before anything durable (a root, a record) names them.
   */
  syncBatch?: SyncBatch;
}

/**
 * Open the content-addressed store at `root`: objects named by the SHA-256 of their bytes, written
 * atomically and durably, verified on every read. Opening touches nothing; the folder is created
 * on the first write.
 *
 * @param root - The store's folder (absolute), e.g. `casRoot` of {@link resolveStoreLocations}.
 * @param options - Internal: durability in a batch, as `pack` stores files (leave it out).
 * @returns The store's functions: `putFile`, `putBytes`, `get`, `has`, `stat`, `copyTo`, `list`, `fsck`, ….
 * @throws {@link PackerError} `USAGE` for a relative path. Its functions throw `CAS_NOT_FOUND`,
 *   `CAS_CORRUPT_OBJECT` or `CAS_INVALID_HASH`.
 * @example
 * ```ts
 * import { openCas } from 'llm-packer';
 *
 * const cas = openCas('/home/me/project/.llm-packer/cas');
 * const { hash } = await cas.putBytes(Buffer.from('hello\n'));
 * console.log((await cas.get(hash)).toString());
 * ```
 */
export function openCas(root: string, options: OpenCasOptions = {}): Cas {
  assertAbsolute('cas root', root);
  const abs = resolve(root);
  const batch = options.syncBatch;
  return {
    root: abs,
    putBytes: (data) => putBytes(abs, data, batch),
    putFile: (path) => putFile(abs, path, batch),
    putStream: (source) => putStream(abs, source, batch),
    sync: async () => batch?.flush(),
    get: (hash) => readObject(abs, hash),
    has: async (hash) => (await statObject(abs, hash)) !== undefined,
    stat: (hash) => statObject(abs, hash),
    copyTo: (hash, dest) => copyObjectTo(abs, hash, dest),
    list: () => listObjects(abs),
    delete: async (hash) => {
      assertHash(hash);
      return deleteObject(abs, hash);
    },
    fsck: (options) => fsck(abs, options),
    path: (hash) => objectPath(abs, hash),
  };
}
