import { createHash } from 'node:crypto';
import { mkdir, open, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { PackerError, tempPathFor, type SyncBatch } from '../util/index.js';
import { publishObject } from './publishObject.js';
import { putBytes } from './putBytes.js';
import { readChunks } from './readChunks.js';
import { hashFile } from './hashFile.js';
import { SMALL_FILE_BYTES } from './putFile.js';
import type { PutResult } from './types.js';

/**
 * Store the bytes of a stream whose length is not known in advance (`cas put -` reads standard
 * input). Up to `SMALL_FILE_BYTES` they are held in memory and stored as `putBytes` stores them;
 * past that they are spilled, hashed on the way, to a `.tmp` file in the store's root (the same
 * file system as the objects, and a name fsck knows as a harmless temp file), then published from
 * it like a large file, so memory stays flat whatever the input's size. The spill file is removed
 * whatever happens.
 */
export async function putStream(root: string, source: AsyncIterable<Uint8Array>, batch?: SyncBatch): Promise<PutResult> {
  const head: Uint8Array[] = [];
  let headBytes = 0;
  const iterator = source[Symbol.asyncIterator]();
  for (;;) {
    const next = await iterator.next();
    if (next.done) return putBytes(root, Buffer.concat(head, headBytes), batch);
    // A reader may reuse its buffer: keep a copy.
    head.push(Buffer.from(next.value));
    headBytes += next.value.length;
    if (headBytes > SMALL_FILE_BYTES) break;
  }

  await mkdir(root, { recursive: true });
  const spill = tempPathFor(join(root, 'stdin'));
  try {
    const h = createHash('sha256');
    let size = 0;
    const fh = await open(spill, 'wx', 0o600);
    try {
      const write = async (chunk: Uint8Array) => {
        h.update(chunk);
        size += chunk.length;
        await fh.write(chunk);
      };
      for (const chunk of head.splice(0)) await write(chunk);
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) await write(next.value);
    } finally {
      await fh.close();
    }
    const hash = h.digest('hex');
    return await publishObject(root, hash, size, {
      produce: async (out) => {
        const again = createHash('sha256');
        for await (const chunk of readChunks(spill)) {
          again.update(chunk);
          await out.write(chunk);
        }
        // The spill file is ours alone; a difference here is damage on the disk, never stored.
        if (again.digest('hex') !== hash) throw new PackerError('CAS_SOURCE_CHANGED', ` the spill file ${spill} changed while it was being stored`);
      },
      check: async (stored) => (await hashFile(stored)).hash === hash,
      ...(batch ? { batch } : {}),
    });
  } finally {
    await unlink(spill).catch(() => undefined);
  }
}
