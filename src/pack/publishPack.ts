/**
 * Staging and atomic publish. A pack is built in `.<name>.<random>.tmp` beside its destination
 * and renamed into place at the end: an existing pack is first renamed to `.<name>.previous.tmp`,
 * the staging folder takes its place, then the backup is removed. A run that finds the backup
 * but no pack (a crash in between) restores it first. All of it happens under a lock beside the
 * destination, so two runs into one folder never interleave their renames.
 */
import { randomBytes } from 'node:crypto';
import { lstat, mkdir, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { withDirLock } from '../roots/index.js';
import { PackerError, fsyncDir, isErrno } from '../util/index.js';

const LOCK_RETRIES = { retries: 100, minTimeout: 50, maxTimeout: 500 };

export function backupPathFor(dest: string): string {
  return join(dirname(dest), `.${basename(dest)}.previous.tmp`);
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return false;
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

async function recoverUnlocked(dest: string): Promise<void> {
  const backup = backupPathFor(dest);
  if (!(await exists(backup))) return;
  if (await exists(dest)) await rm(backup, { recursive: true, force: true });
  else {
    await rename(backup, dest);
    await fsyncDir(dirname(dest));
  }
}

/** Restore a backup left by a crashed publish (or drop it when the new pack made it in). */
export async function recoverBackup(dest: string): Promise<void> {
  await mkdir(dirname(dest), { recursive: true });
  await withPublishLock(dest, async () => {
    await recoverUnlocked(dest);
    await assertReplaceable(dest);
  });
}

/** A fresh staging folder beside where the pack will go. */
export async function createStaging(parent: string, name: string, folders: readonly string[]): Promise<string> {
  await mkdir(parent, { recursive: true });
  const staging = join(parent, `.${name}.${randomBytes(6).toString('hex')}.tmp`);
  await mkdir(staging);
  for (const f of folders) await mkdir(join(staging, f), { recursive: true });
  return staging;
}

/** Move the finished staging folder (and the staged external zip) into place. */
export async function publishPack(input: { staging: string; dest: string; stagedZip?: string }): Promise<void> {
  const { staging, dest } = input;
  await withPublishLock(dest, async () => {
    await recoverUnlocked(dest);
    await assertReplaceable(dest);
    const backup = backupPathFor(dest);
    const hadPack = await exists(dest);
    if (hadPack) await rename(dest, backup);
    try {
      await rename(staging, dest);
    } catch (err) {
      if (hadPack) await rename(backup, dest);
      throw err;
    }
    await fsyncDir(dirname(dest));
    if (hadPack) await rm(backup, { recursive: true, force: true });
    if (input.stagedZip) {
      await rename(input.stagedZip, `${dest}.zip`);
      await fsyncDir(dirname(dest));
    }
  });
}

/** Remove what a failed run staged; the previous pack was never touched. */
export async function removeStaged(paths: readonly (string | undefined)[]): Promise<void> {
  for (const p of paths) if (p !== undefined) await rm(p, { recursive: true, force: true });
}
