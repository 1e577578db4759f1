import { hashFile } from './hashFile.js';
import { scanStore } from './listObjects.js';
import { objectPath } from './objectPath.js';
import { mapLimit } from '../util/index.js';
import { EMPTY_HASH, compareCodePoints } from '../util/index.js';
import type { FsckReport } from './types.js';

/** Rehash every object and list what is wrong with the store. Reads only. */
export async function fsck(root: string, options: { concurrency?: number } = {}): Promise<FsckReport> {
  const objects: string[] = [];
  const misnamed: string[] = [];
  const tempFiles: string[] = [];
  for (const entry of await scanStore(root)) {
    if (entry.hash) objects.push(entry.hash);
    else if (entry.rel.endsWith('.tmp')) tempFiles.push(entry.rel);
    else if (entry.isFile) misnamed.push(entry.rel);
  }
  objects.sort();
  const results = await mapLimit(objects, options.concurrency ?? 4, async (hash) => {
    const { hash: actual, size } = await hashFile(objectPath(root, hash));
    return { hash, actual, size };
  });
  const corrupt = results
    .filter((r) => r.hash !== r.actual)
    .map((r) => ({ hash: r.hash, actual: r.actual, size: r.size }));
  const zeroLength = corrupt.filter((c) => c.size === 0 && c.hash !== EMPTY_HASH).map((c) => c.hash);
  misnamed.sort(compareCodePoints);
  tempFiles.sort(compareCodePoints);
  return {
    checked: objects.length,
    corrupt,
    zeroLength,
    misnamed,
    tempFiles,
    ok: corrupt.length === 0 && misnamed.length === 0 && tempFiles.length === 0,
  };
}
