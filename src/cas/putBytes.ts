import { readFileSync } from 'node:fs';
import { sha256Hex, type SyncBatch } from '../util/index.js';
import { publishObject } from './publishObject.js';
import type { PutResult } from './types.js';

/**
 * Store bytes held in memory. An object already stored under their hash is compared with them
 * byte for byte (as strong as a rehash, and cheaper): one read, synchronous like the rest of the
 * per-file hot path, of a file that is at most as large as `data`.
 */
export async function putBytes(root: string, data: Uint8Array, batch?: SyncBatch): Promise<PutResult> {
  return publishObject(root, sha256Hex(data), data.length, {
    produce: async (fh) => {
      await fh.writeFile(data);
    },
    check: (stored) => Buffer.compare(readFileSync(stored), data) === 0,
    ...(batch ? { batch } : {}),
  });
}
