/**
 * Durability in batches, as git's `core.fsyncMethod=batch`: files are written and renamed into
 * place without a per-file fsync, their paths are collected here, and one `flush()` syncs them all
 * (in parallel, so the file system can commit them in few journal transactions) and then every
 * folder whose entries changed. The caller flushes before any root, record or ledger names the
 * files; so a power cut can lose only files that nothing durable names yet.
 */
import { open } from 'node:fs/promises';
import { isErrno } from './errors.js';
import { mapLimit } from './mapLimit.js';
import { fsyncDir } from './writeDurable.js';

/** fsyncs in flight at once: enough to let the journal batch them, bounded for file handles. */
const SYNC_CONCURRENCY = 32;

export interface SyncBatch {
  /** A file to sync at the next flush. */
  addFile(path: string): void;
  /** A folder whose entries changed (a rename or a new child folder): synced after the files. */
  addDir(path: string): void;
  /** Sync every file, then every folder, added since the last flush. */
  flush(): Promise<void>;
  /** Files and folders waiting for the next flush. */
  readonly pending: number;
}

async function fsyncFile(path: string): Promise<void> {
  let fh;
  try {
    fh = await open(path, 'r');
  } catch (err) {
    // Gone since (a GC took an unrooted object): nothing of it can be named, nothing to sync.
    if (isErrno(err, 'ENOENT')) return;
    throw err;
  }
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

export function createSyncBatch(): SyncBatch {
  let files = new Set<string>();
  let dirs = new Set<string>();
  return {
    addFile: (path) => void files.add(path),
    addDir: (path) => void dirs.add(path),
    get pending() {
      return files.size + dirs.size;
    },
    async flush() {
      const [f, d] = [files, dirs];
      files = new Set();
      dirs = new Set();
      await mapLimit([...f], SYNC_CONCURRENCY, fsyncFile);
      await mapLimit([...d], SYNC_CONCURRENCY, async (dir) => {
        try {
          await fsyncDir(dir);
        } catch (err) {
          if (!isErrno(err, 'ENOENT')) throw err;
        }
      });
    },
  };
}
