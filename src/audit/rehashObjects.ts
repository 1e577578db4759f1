import { hashFile, type Cas } from '../cas/index.js';
import { isErrno, mapLimit } from '../util/index.js';

/**
 * Rehash stored objects: which of `hashes` hash to something else (`corrupt`) and which vanished
 * since the store was listed (`missing`). Both sorted; reads only.
 */
export async function rehashObjects(cas: Cas, hashes: readonly string[]): Promise<{ corrupt: string[]; missing: string[] }> {
  const actual = await mapLimit(hashes, 4, async (h) => {
    try {
      return (await hashFile(cas.path(h))).hash;
    } catch (err) {
      if (isErrno(err, 'ENOENT')) return undefined; // deleted since the listing
      throw err;
    }
  });
  const corrupt: string[] = [];
  const missing: string[] = [];
  hashes.forEach((h, i) => {
    if (actual[i] === undefined) missing.push(h);
    else if (actual[i] !== h) corrupt.push(h);
  });
  return { corrupt: corrupt.sort(), missing: missing.sort() };
}
