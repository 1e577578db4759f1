import { statSync, utimesSync } from 'node:fs';
import { mkdir, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { isErrno } from '../util/index.js';
import { fsyncDir, writeDurable } from '../util/index.js';
import { objectPath } from './objectPath.js';
import type { PutResult } from './types.js';

/**
 * Create `dir` and its missing parents, and fsync the parent of each folder created, so the
 * folder entries (not only the object's own entry) survive a power cut.
 */
async function makeFoldersDurable(dir: string): Promise<void> {
  const first = await mkdir(dir, { recursive: true });
  if (first === undefined) return;
  for (let d = dir; d !== first; d = dirname(d)) await fsyncDir(dirname(d));
  await fsyncDir(dirname(first));
}

/**
 * Place an object whose hash and size are already known. Existing content is never rewritten:
 * its mtime is refreshed (so a GC grace period protects an object a running pack reuses). A file
 * of the wrong size under that name can only be damage, so it is replaced atomically.
 */
export async function publishObject(
  root: string,
  hash: string,
  size: number,
  produce: (fh: FileHandle) => Promise<void>,
  beforePublish?: () => void,
): Promise<PutResult> {
  const target = objectPath(root, hash);
  // The already-stored check runs once per file of every pack, mostly on a warm store. Two sync
  // syscalls (microseconds) cost far less than two promise round trips through the thread pool.
  const st = statSync(target, { throwIfNoEntry: false });
  if (st?.isFile() && st.size === size) {
    const now = new Date();
    try {
      utimesSync(target, now, now);
      return { hash, size, written: false };
    } catch (err) {
      if (!isErrno(err, 'ENOENT')) throw err; // removed by a GC since the stat: write it again
    }
  }
  const options = { mode: 0o444, ...(beforePublish ? { beforePublish } : {}) };
  try {
    await writeDurable(target, produce, options);
  } catch (err) {
    if (!isErrno(err, 'ENOENT')) throw err;
    // First object under this prefix: create the folders and try once more.
    await makeFoldersDurable(dirname(target));
    await writeDurable(target, produce, options);
  }
  return { hash, size, written: true };
}
