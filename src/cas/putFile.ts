import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { PackerError, isErrno, type SyncBatch } from '../util/index.js';
import { hashFile } from './hashFile.js';
import { publishObject } from './publishObject.js';
import { putBytes } from './putBytes.js';
import { readChunks } from './readChunks.js';
import type { PutResult } from './types.js';

/** Files up to this size are read once into memory; larger ones are streamed. */
export const SMALL_FILE_BYTES = 4 << 20;

/**
 * Store a file. Large files take two streamed passes: the first only hashes (an object that is
 * already stored costs that read and a rehash of the stored object, and no write), the second writes the temp file in the object's
 * own folder while hashing again, and publishes only if both passes agree, so a file that changes
 * while we read it is refused instead of stored under the wrong name.
 */
export async function putFile(root: string, path: string, batch?: SyncBatch): Promise<PutResult> {
  let size: number;
  try {
    const st = await stat(path);
    if (st.isDirectory()) throw new PackerError('INPUT_INVALID', ` a folder, not a file: ${path}`);
    size = st.size;
  } catch (err) {
    if (isErrno(err, 'ENOENT', 'ENOTDIR')) throw new PackerError('INPUT_NOT_FOUND', ` no such file: ${path}`, { cause: err });
    throw err;
  }
  if (size <= SMALL_FILE_BYTES) return putBytes(root, await readFile(path), batch);

  const first = await hashFile(path);
  return publishObject(root, first.hash, first.size, {
    produce: async (fh) => {
      const h = createHash('sha256');
      for await (const chunk of readChunks(path)) {
        h.update(chunk);
        await fh.write(chunk);
      }
      const again = h.digest('hex');
      if (again !== first.hash) {
        throw new PackerError('CAS_SOURCE_CHANGED', ` ${path} changed while it was being stored`);
      }
    },
    check: async (stored) => (await hashFile(stored)).hash === first.hash,
    ...(batch ? { batch } : {}),
  });
}
