import { createHash } from 'node:crypto';
import { CorruptObjectError, isErrno } from '../util/index.js';
import { writeDurable } from '../util/index.js';
import { objectPath } from './objectPath.js';
import { readChunks } from './readChunks.js';
import { notFound, notRegularObject } from './readObject.js';

/**
 * Stream an object to `dest` through a temp file that is published only after the digest
 * matched (STYLE guideline 6). Returns the number of bytes written.
 */
export async function copyObjectTo(root: string, hash: string, dest: string): Promise<number> {
  const source = objectPath(root, hash);
  let size = 0;
  try {
    await writeDurable(
      dest,
      async (fh) => {
        const h = createHash('sha256');
        for await (const chunk of readChunks(source, () => notRegularObject(hash))) {
          h.update(chunk);
          size += chunk.length;
          await fh.write(chunk);
        }
        const actual = h.digest('hex');
        if (actual !== hash) throw new CorruptObjectError(hash, actual, `its ${size} bytes`);
      },
    );
  } catch (err) {
    if (isErrno(err, 'ENOENT') && (err as NodeJS.ErrnoException).path === source) throw notFound(hash, err);
    throw err;
  }
  return size;
}
