/**
 * A cross-process lock: a folder created with mkdir (atomic everywhere) through proper-lockfile,
 * whose mtime the holder refreshes; a folder left by a killed process goes stale and is taken over.
 * The library never throws from a timer: a lost lock is recorded and `assertHeld` reports it.
 */
import lockfile from 'proper-lockfile';
import { PackerError, isErrno } from '../util/index.js';
import type { LockHandle } from './types.js';

/** A holder that stops refreshing the lock for this long is presumed dead. */
export const DEFAULT_STALE_MS = 10_000;

/**
 * How long to keep trying for a held lock (the subset of proper-lockfile's `retries` we use). Our
 * own type, so the published declarations do not import types from `retry`, which is not a
 * dependency.
 */
export interface LockRetryOptions {
  retries: number;
  factor?: number;
  minTimeout?: number;
  maxTimeout?: number;
  randomize?: boolean;
}

export interface DirLockOptions {
  /** The lock folder (absolute). Its parent must exist. */
  lockPath: string;
  /** 0: fail at once when held; else how long to keep trying. */
  retries: number | LockRetryOptions;
  staleMs?: number;
  /** The error to throw when the lock stays held by someone else. */
  onBusy: () => PackerError;
}

export async function withDirLock<T>(options: DirLockOptions, fn: (lock: LockHandle) => Promise<T>): Promise<T> {
  let lost: unknown;
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(options.lockPath, {
      realpath: false,
      lockfilePath: options.lockPath,
      stale: options.staleMs ?? DEFAULT_STALE_MS,
      retries: options.retries,
      onCompromised: (err) => {
        lost = err;
      },
    });
  } catch (err) {
    if (isErrno(err, 'ELOCKED')) throw options.onBusy();
    throw err;
  }
  const handle: LockHandle = {
    path: options.lockPath,
    assertHeld() {
      if (lost !== undefined) {
        throw new PackerError('ROOTS_LOCKED', ` lost the lock ${options.lockPath} (another process took it over)`, {
          cause: lost,
        });
      }
    },
  };
  let result: T;
  try {
    result = await fn(handle);
  } catch (err) {
    await release().catch(() => undefined);
    throw err;
  }
  if (lost === undefined) await release();
  return result;
}
