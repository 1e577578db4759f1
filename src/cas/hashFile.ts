import { createHash } from 'node:crypto';
import { readChunks } from './readChunks.js';

/** SHA-256 and size of a file, streamed; anything but a regular file is refused (see `readChunks`). */
export async function hashFile(path: string, notRegular?: () => Error): Promise<{ hash: string; size: number }> {
  const h = createHash('sha256');
  let size = 0;
  for await (const chunk of readChunks(path, notRegular)) {
    h.update(chunk);
    size += chunk.length;
  }
  return { hash: h.digest('hex'), size };
}
