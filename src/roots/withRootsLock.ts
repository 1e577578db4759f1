import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PackerError } from '../util/index.js';
import { withDirLock } from './withDirLock.js';
import type { LockHandle, LockTiming } from './types.js';

/** The lock folder shared by every writer of the roots files and by GC. */
export const ROOTS_LOCK_NAME = 'ROOTS.lock';

/**
 * How long a writer waits for a live holder of the roots lock: randomised backoff from 10 ms to
 * 0.5 s, about two minutes in all, long enough for a GC sweep of a large store, which holds the
 * lock throughout. A holder that has ended is not waited for (see withDirLock).
 */
const ROOTS_LOCK_RETRIES = { retries: 240, factor: 1.5, minTimeout: 10, maxTimeout: 500, randomize: true };

interface Held {
  active: boolean;
}

// Which roots locks the current async call chain holds. The lock is not re-entrant (two writers
// inside one holder would each read, then each write, and one would lose its roots), so a nested
// attempt fails at once instead of waiting minutes on itself. Context, not a cache.
const heldLocks = new AsyncLocalStorage<ReadonlyMap<string, Held>>();

/**
 * Run `fn` holding the runs dir's roots lock (the runs dir is created if missing). A lock
 * left by a killed process is reclaimed once stale. Throws `ROOTS_LOCKED` when another live
 * holder keeps it past the retry budget, or at once when this call chain already holds it (not
 * re-entrant: do not call `addRoots`/`removeRoots` inside `fn`).
 */
export async function withRootsLock<T>(
  runsDir: string,
  fn: (lock: LockHandle) => Promise<T>,
  options: LockTiming = {},
): Promise<T> {
  const lockPath = join(resolve(runsDir), ROOTS_LOCK_NAME);
  const outer = heldLocks.getStore();
  const mine = outer?.get(lockPath);
  if (mine?.active) {
    throw new PackerError('ROOTS_LOCKED', ` the roots lock ${lockPath} is already held by this caller (not re-entrant)`);
  }
  await mkdir(runsDir, { recursive: true });
  return withDirLock(
    {
      lockPath,
      retries: ROOTS_LOCK_RETRIES,
      ...(options.staleMs !== undefined ? { staleMs: options.staleMs } : {}),
      onBusy: (holder) =>
        new PackerError('ROOTS_LOCKED', ` the roots lock ${lockPath} stayed held by ${holder}`, {
          hint: 'a pack or gc of this runs dir is still running; retry when it is done (a lock whose process has ended is taken over at once)',
        }),
    },
    async (handle) => {
      const held: Held = { active: true };
      try {
        return await heldLocks.run(new Map([...(outer ?? []), [lockPath, held]]), () => fn(handle));
      } finally {
        held.active = false;
      }
    },
  );
}
