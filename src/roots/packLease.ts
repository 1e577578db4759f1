/**
 * Packs and collectors of one store keep out of each other's way (the local twin of the team
 * store's leases). A pack stores its objects before it roots them; a collector that ran in
 * between would take them (with no grace period) and the pack would fail. So:
 *   - a pack holds a lease — a lock folder of its own under `<runs>/leases/` — from before its
 *     first object is stored until its roots are written; with the lease taken, it waits while a
 *     collector holds `GC.lock`;
 *   - a collector, holding `GC.lock`, refuses (`GC_BUSY`) while a pack's lease is live.
 * Each side writes its own mark before it looks for the other's, so at least one of them sees the
 * other (a pack waiting with its lease taken also keeps new collectors out: loops never starve
 * it). A lease is judged as every lock is (pid, boot id, process start; see lockOwner.ts): a
 * killed pack's lease is stale at once and removed by the next collector.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PackerError, isErrno } from '../util/index.js';
import { judgeLock } from './lockOwner.js';
import { DEFAULT_STALE_MS, withDirLock } from './withDirLock.js';

/** The collector's lock folder in a runs dir: one collector at a time. */
export const GC_LOCK_NAME = 'GC.lock';
/** The folder of the packs' leases in a runs dir. */
export const PACK_LEASES_DIR = 'leases';

/** How long a pack waits for a running collector before it gives up (`GC_BUSY`). */
const PACK_GC_WAIT_MS = 600_000;
const POLL_MS = 100;

export interface PackLeaseOptions {
  /** How long to wait for a live collector (default `PACK_GC_WAIT_MS`). */
  waitMs?: number;
  /** Called once when the pack starts waiting, with the collector's holder in words. */
  onWait?: (holder: string) => void;
}

/** Run `fn` holding a pack lease in `runsDir` (created if missing), once no collector runs. */
export async function withPackLease<T>(runsDir: string, fn: () => Promise<T>, options: PackLeaseOptions = {}): Promise<T> {
  const leases = join(runsDir, PACK_LEASES_DIR);
  await mkdir(leases, { recursive: true });
  const lockPath = join(leases, `pack-${randomBytes(8).toString('hex')}`);
  return withDirLock(
    { lockPath, retries: 0, onBusy: () => new PackerError('IO_ERROR', ` the pack lease ${lockPath} exists already`) },
    async () => {
      await waitForCollector(join(runsDir, GC_LOCK_NAME), options);
      return fn();
    },
  );
}

async function waitForCollector(gcLock: string, options: PackLeaseOptions): Promise<void> {
  const deadline = Date.now() + (options.waitMs ?? PACK_GC_WAIT_MS);
  let told = false;
  for (;;) {
    const judged = await judgeLock(gcLock, DEFAULT_STALE_MS, Date.now()).catch((err: unknown) => {
      if (isErrno(err, 'ENOENT', 'ENOTDIR')) return { state: 'gone' as const, holder: 'nobody' };
      throw err;
    });
    if (judged.state !== 'live') return; // gone, or a stale lock the next collector takes over
    if (!told) options.onWait?.(judged.holder);
    told = true;
    if (Date.now() > deadline) {
      throw new PackerError('GC_BUSY', ` a garbage collection holds ${gcLock}; the pack waited for it and gave up`, {
        hint: `held by ${judged.holder}; run the pack again when it has finished`,
      });
    }
    await sleep(POLL_MS);
  }
}

/**
 * The live pack leases of `runsDir`, each holder in words; stale ones (their pack has ended) are
 * removed. Call it holding `GC.lock`.
 */
export async function livePackLeases(runsDir: string): Promise<string[]> {
  const leases = join(runsDir, PACK_LEASES_DIR);
  let names: string[];
  try {
    names = await readdir(leases);
  } catch (err) {
    if (isErrno(err, 'ENOENT', 'ENOTDIR')) return [];
    throw err;
  }
  const live: string[] = [];
  for (const name of names.sort()) {
    const path = join(leases, name);
    const judged = await judgeLock(path, DEFAULT_STALE_MS, Date.now());
    if (judged.state === 'live') live.push(judged.holder);
    else if (judged.state === 'stale') await rm(path, { recursive: true, force: true });
  }
  return live;
}
