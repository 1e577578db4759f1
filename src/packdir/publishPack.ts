/**
 * Staging and atomic publish. A pack is built in `.<name>.<random>.tmp` beside its destination,
 * with its external archive inside it as PENDING_ZIP, and renamed into place at the end: an
 * existing pack is first renamed to `.<name>.previous.tmp`, the staging folder takes its place,
 * the archive moves out to `<dest>.zip`, then the backup is removed. All of it happens under a
 * lock beside the destination, so two runs into one folder never interleave their renames.
 *
 * POSIX cannot swap a non-empty folder in one step, so a crash between the first two renames
 * leaves the backup and no pack. Every command that reads or writes a pack first runs
 * `recoverPublish`, which settles any interrupted publish under the same lock: backup and no
 * pack → the backup goes back (the previous pack, untouched); backup and pack → the new pack made
 * it, the backup goes; a pack holding PENDING_ZIP → the new pack made it, its archive moves out.
 * So a reader sees the previous pack (with its archive) or the new one (with its archive), never
 * a mix and never nothing. (A symlink swapped in one rename would need no recovery, but a pack
 * would stop being a plain folder that can be copied, moved or zipped as it is.)
 */
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { lstat, mkdir, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { withDirLock } from '../roots/index.js';
import { PackerError, fsyncDir, isErrno } from '../util/index.js';

const LOCK_RETRIES = { retries: 100, minTimeout: 50, maxTimeout: 500 };

/** The external archive's name inside a staged pack, until publishing moves it to `<dest>.zip`. */
export const PENDING_ZIP = '.pack.zip.pending.tmp';

export function backupPathFor(dest: string): string {
  return join(dirname(dest), `.${basename(dest)}.previous.tmp`);
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (err) {
    if (isErrno(err, 'ENOENT', 'ENOTDIR')) return false;
    throw err;
  }
}

/** Refuse to replace a folder that is not a pack (an empty folder is fine). */
async function assertReplaceable(dest: string): Promise<void> {
  let st;
  try {
    st = await lstat(dest);
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return;
    throw err;
  }
  const replaceable =
    st.isDirectory() && ((await exists(join(dest, 'meta', 'PACK_INFO.json'))) || (await readdir(dest)).length === 0);
  if (!replaceable) {
    throw new PackerError('USAGE', ` out dir ${dest} exists and is not a pack; refusing to replace it`);
  }
}

function withPublishLock<T>(dest: string, fn: () => Promise<T>): Promise<T> {
  return withDirLock(
    {
      lockPath: join(dirname(dest), `.${basename(dest)}.lock`),
      retries: LOCK_RETRIES,
      onBusy: () => new PackerError('IO_ERROR', ` another run is publishing ${dest}`),
    },
    () => fn(),
  );
}

/** Move a published pack's archive out of it to `<dest>.zip` (the last rename of a publish). */
async function releaseArchive(dest: string): Promise<void> {
  const pending = join(dest, PENDING_ZIP);
  if (!(await exists(pending))) return;
  await rename(pending, `${dest}.zip`);
  await fsyncDir(dirname(dest));
}

/** Settle a publish a crash interrupted (see the module comment); the caller holds the lock. */
async function recoverUnlocked(dest: string): Promise<void> {
  const backup = backupPathFor(dest);
  if (await exists(backup)) {
    if (await exists(dest)) await rm(backup, { recursive: true, force: true });
    else {
      await rename(backup, dest);
      await fsyncDir(dirname(dest));
    }
  }
  await releaseArchive(dest);
}

/**
 * For every reader of a pack folder: settle a publish a crash interrupted, so `dir` holds a whole
 * pack (or nothing, if it never held one). Two lstat calls and no lock when there is nothing to do.
 */
export async function recoverPublish(dir: string): Promise<void> {
  if (!(await exists(backupPathFor(dir))) && !(await exists(join(dir, PENDING_ZIP)))) return;
  await withPublishLock(dir, () => recoverUnlocked(dir));
}

/** Settle an interrupted publish, then check that `dest` may be replaced (writers, before a run). */
export async function recoverBackup(dest: string): Promise<void> {
  await mkdir(dirname(dest), { recursive: true });
  await withPublishLock(dest, async () => {
    await recoverUnlocked(dest);
    await assertReplaceable(dest);
  });
}

/**
 * What a killed run may have left beside `dest` (staging folders, the backup, the lock folder):
 * never packed, even when the out dir is inside the packed root.
 */
export async function listPublishLeftovers(dest: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dirname(dest));
  } catch (err) {
    if (isErrno(err, 'ENOENT', 'ENOTDIR')) return [];
    throw err;
  }
  const prefix = `.${basename(dest)}.`;
  return names.filter((n) => n.startsWith(prefix) && (n.endsWith('.tmp') || n.endsWith('.lock'))).map((n) => join(dirname(dest), n));
}

/** A fresh staging folder beside where the pack will go. */
export async function createStaging(parent: string, name: string, folders: readonly string[]): Promise<string> {
  await mkdir(parent, { recursive: true });
  const staging = join(parent, `.${name}.${randomBytes(6).toString('hex')}.tmp`);
  await mkdir(staging);
  for (const f of folders) await mkdir(join(staging, f), { recursive: true });
  return staging;
}

/** Move the finished staging folder into place, then its archive (PENDING_ZIP) beside it. */
export async function publishPack(input: { staging: string; dest: string }): Promise<void> {
  const { staging, dest } = input;
  await withPublishLock(dest, async () => {
    await recoverUnlocked(dest);
    await assertReplaceable(dest);
    const backup = backupPathFor(dest);
    const hadPack = await exists(dest);
    const hasArchive = await exists(join(staging, PENDING_ZIP));
    if (hadPack) await rename(dest, backup);
    try {
      await rename(staging, dest);
    } catch (err) {
      if (hadPack) await rename(backup, dest);
      throw err;
    }
    await fsyncDir(dirname(dest));
    await releaseArchive(dest);
    // The previous pack's archive must not pass for the new pack's, which has none.
    if (hadPack && !hasArchive) await rm(`${dest}.zip`, { force: true });
    if (hadPack) await rm(backup, { recursive: true, force: true });
  });
}

/** How long a removal on a signal waits for file operations already under way (see below). */
const SETTLE_MS = 50;
const SETTLE_ROUNDS = 5;

/**
 * Remove `staging` at once, synchronously, when `signal` is aborted (a process about to exit on
 * SIGINT or SIGTERM cannot wait for an async removal). Returns the function that stops watching:
 * call it before the staging folder is renamed into place (a removal racing the rename could
 * publish half of it), and once it is removed.
 */
export function removeStagedOnAbort(staging: string, signal: AbortSignal | undefined): () => void {
  if (signal === undefined) return () => undefined;
  const removeOnce = () => {
    try {
      rmSync(staging, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      // Best effort on the way out: a staging folder left behind is never read or packed.
    }
  };
  const remove = () => {
    removeOnce();
    // File operations already running on libuv's threads (a copy, a `mkdir -p` of a subfolder)
    // may finish after that and make the folder again; none can start while this handler runs,
    // so a short wait for them and another removal, until the folder stays gone (five at most).
    for (let i = 0; i < SETTLE_ROUNDS; i++) {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, SETTLE_MS);
      if (!existsSync(staging)) return;
      removeOnce();
    }
  };
  if (signal.aborted) remove();
  signal.addEventListener('abort', remove, { once: true });
  return () => signal.removeEventListener('abort', remove);
}

/** Remove what a failed run staged; the previous pack was never touched. */
export async function removeStaged(paths: readonly (string | undefined)[]): Promise<void> {
  for (const p of paths) if (p !== undefined) await rm(p, { recursive: true, force: true });
}
