/**
 * A cross-process lock: a folder made with mkdir (atomic everywhere) holding `owner.json` — the
 * holder's pid, boot id and process start (see lockOwner.ts). A contender takes the lock over
 * at once when that holder is gone (ended, or the machine rebooted), and never while it runs:
 * no clock decides, so a lock folder dated in the future locks nobody out. Only a folder
 * without an owner file (an older release's, or one from another host) is judged by its age,
 * which the holder renews every `staleMs / 2` (a lease).
 * The library never throws from a timer: a lost lock is recorded and `assertHeld` reports it.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, rename, rm, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PackerError, isErrno } from '../util/index.js';
import { OWNER_FILE, currentOwner, judgeLock, readOwner, type LockOwner } from './lockOwner.js';
import type { LockHandle } from './types.js';

/** A lock folder without an owner file, untouched for this long, is presumed dead. */
export const DEFAULT_STALE_MS = 10_000;

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
  /** The error to throw when the lock stays held by someone else; `holder` says who, in words. */
  onBusy: (holder: string) => PackerError;
}

function delays(retries: number | LockRetryOptions): number[] {
  const r = typeof retries === 'number' ? { retries } : retries;
  const { factor = 2, minTimeout = 10, maxTimeout = 1000, randomize = false } = r;
  return Array.from({ length: r.retries }, (_, i) => {
    const d = Math.min(maxTimeout, minTimeout * factor ** i);
    return randomize ? d * (1 + Math.random()) : d;
  });
}

/**
 * Move a stale lock folder aside (one contender wins the rename) and remove it. If what was moved
 * is not the folder judged stale (another contender reclaimed it and a new holder took it in
 * between), it goes back.
 */
async function reclaim(lockPath: string, judgedToken: string | undefined): Promise<void> {
  const aside = `${lockPath}.${randomBytes(6).toString('hex')}.stale`;
  try {
    await rename(lockPath, aside);
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return; // another contender got there first
    throw err;
  }
  const moved = await readOwner(aside).catch(() => undefined);
  if (moved !== undefined && moved.token !== judgedToken) {
    const back = await rename(aside, lockPath).then(() => true, () => false);
    if (back) return;
  }
  await rm(aside, { recursive: true, force: true });
}

async function acquire(options: DirLockOptions, me: LockOwner): Promise<void> {
  const staleMs = options.staleMs ?? DEFAULT_STALE_MS;
  const waits = delays(options.retries);
  for (let attempt = 0; ; attempt++) {
    try {
      await mkdir(options.lockPath);
      await writeFile(join(options.lockPath, OWNER_FILE), JSON.stringify(me));
      return;
    } catch (err) {
      // ENOENT on the owner file: a contender moved our new folder aside; it goes back or we retry.
      if (!isErrno(err, 'EEXIST', 'ENOENT')) throw err;
    }
    const judged = await judgeLock(options.lockPath, staleMs, Date.now());
    if (judged.state === 'gone') continue;
    if (judged.state === 'stale') {
      await reclaim(options.lockPath, judged.token);
      continue;
    }
    const wait = waits[attempt];
    if (wait === undefined) throw options.onBusy(judged.holder);
    await sleep(wait);
  }
}

/** True while the lock folder still holds our owner file (read synchronously: `assertHeld` is). */
function stillOurs(lockPath: string, token: string): boolean {
  try {
    return (JSON.parse(readFileSync(join(lockPath, OWNER_FILE), 'utf8')) as LockOwner).token === token;
  } catch {
    return false;
  }
}

export async function withDirLock<T>(options: DirLockOptions, fn: (lock: LockHandle) => Promise<T>): Promise<T> {
  const { lockPath } = options;
  const me = await currentOwner();
  await acquire(options, me);
  let lost = false;
  const staleMs = options.staleMs ?? DEFAULT_STALE_MS;
  const lease = setInterval(() => {
    const now = new Date();
    utimes(lockPath, now, now).catch(() => undefined);
  }, Math.max(100, staleMs / 2));
  lease.unref();
  const handle: LockHandle = {
    path: lockPath,
    assertHeld() {
      if (!lost && !stillOurs(lockPath, me.token)) lost = true;
      if (lost) throw new PackerError('ROOTS_LOCKED', ` lost the lock ${lockPath} (another process took it over)`);
    },
  };
  try {
    return await fn(handle);
  } finally {
    clearInterval(lease);
    const owner = await readOwner(lockPath).catch(() => undefined);
    if (owner?.token === me.token) await rm(lockPath, { recursive: true, force: true });
  }
}
