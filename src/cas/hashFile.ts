import { createHash } from 'node:crypto';
import { readChunks } from './readChunks.js';

/** SHA-256 and size of a file, streamed. */
export async function hashFile(path: string): Promise<{ hash: string; size: number }> {
  const h = createHash('sha256');
  let size = 0;
  for await (const chunk of readChunks(path)) {
    h.update(chunk);
    size += chunk.length;
  }
  return { hash: h.digest('hex'), size };
}
