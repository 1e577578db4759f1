import { statSync, utimesSync } from 'node:fs';
import { mkdir, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { isErrno } from '../util/index.js';
import { fsyncDir, writeDurable, type SyncBatch } from '../util/index.js';
import { objectPath } from './objectPath.js';
import type { PutResult } from './types.js';

/**
 * Create `dir` and its missing parents, and fsync the parent of each folder created, so the
 * folder entries (not only the object's own entry) survive a power cut.
 */
async function makeFoldersDurable(dir: string, batch: SyncBatch | undefined): Promise<void> {
  const first = await mkdir(dir, { recursive: true });
  if (first === undefined) return;
  const sync = async (d: string) => (batch ? batch.addDir(d) : fsyncDir(d));
  for (let d = dir; d !== first; d = dirname(d)) await sync(dirname(d));
  await sync(dirname(first));
}

/** Whether the stored file at this path holds the object's bytes (it has the right size already). */
export type StoredCheck = (path: string) => boolean | Promise<boolean>;

/** The stored object's bytes are sound; undefined when it vanished (a GC) while we looked. */
async function storedIsSound(target: string, check: StoredCheck): Promise<boolean | undefined> {
  try {
    return await check(target);
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return undefined;
    throw err;
  }
}

/**
 * Place an object whose hash and size are already known. Content that is already stored is never
 * trusted by its size: `check` reads the stored bytes (the caller compares them with the bytes it
 * holds, or rehashes them). A sound object is not rewritten, only its mtime is refreshed (so a GC
 * grace period protects an object a running pack reuses). A wrong one, whatever its size (a
 * flipped byte, an edit through a hard link), is damage and is replaced atomically: the new bytes
 * are written to a temp file and renamed over it, so a reader sees the old file or the right one.
 */
export interface PublishSteps {
  /** Write the object's bytes into the temp file. */
  produce: (fh: FileHandle) => Promise<void>;
  /** Whether an already stored file holds the right bytes. */
  check: StoredCheck;
  beforePublish?: () => void;
  /**
   * Durability in a batch: the object (written or found) and its folders are synced at the
   * batch's flush instead of here. Found objects are added too: another process may have renamed
   * one in place and not flushed yet, and whoever names an object must know it is durable.
   */
  batch?: SyncBatch;
}

export async function publishObject(root: string, hash: string, size: number, steps: PublishSteps): Promise<PutResult> {
  const { produce, check, beforePublish, batch } = steps;
  const target = objectPath(root, hash);
  // The already-stored check runs once per file of every pack, mostly on a warm store. Two sync
  // syscalls (microseconds) cost far less than two promise round trips through the thread pool.
  const st = statSync(target, { throwIfNoEntry: false });
  let repaired = false;
  if (st?.isFile()) {
    const sound = st.size === size ? await storedIsSound(target, check) : false;
    if (sound === true) {
      const now = new Date();
      try {
        utimesSync(target, now, now);
        batch?.addFile(target);
        return { hash, size, written: false };
      } catch (err) {
        if (!isErrno(err, 'ENOENT')) throw err; // removed by a GC since the check: write it again
      }
    }
    repaired = sound === false;
  }
  const options = { mode: 0o444, ...(beforePublish ? { beforePublish } : {}), ...(batch ? { sync: false } : {}) };
  try {
    await writeDurable(target, produce, options);
  } catch (err) {
    if (!isErrno(err, 'ENOENT')) throw err;
    // First object under this prefix: create the folders and try once more.
    await makeFoldersDurable(dirname(target), batch);
    await writeDurable(target, produce, options);
  }
  batch?.addFile(target);
  batch?.addDir(dirname(target));
  return repaired ? { hash, size, written: true, repaired: true } : { hash, size, written: true };
}
