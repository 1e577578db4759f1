/**
 * The one durable-write helper (STYLE guideline 5): a temp file ending `.tmp` in the target's own
 * folder, exclusive create, write, fsync, rename, fsync of the folder; the temp is removed in
 * `finally` unless it was renamed. Readers see the old file or the whole new one, never a part,
 * and after we return the new one survives a power cut.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { isErrno } from './errors.js';

export interface WriteDurableOptions {
  /** File mode of the new file (before umask). */
  mode?: number;
  /** Called after the data is synced and before the rename; a throw aborts the write. */
  beforePublish?: () => void | Promise<void>;
  /**
   * False: no fsync of the file or its folder here. The caller owns durability and must sync both
   * (a `SyncBatch`) before anything durable names the file. Readers still see the old file or the
   * whole new one: the rename is what publishes it, synced or not.
   */
  sync?: boolean;
}

/** Bytes a temp name adds to its target's name: `.` + 12 hex digits + `.tmp`. */
export const TEMP_SUFFIX_BYTES = 17;

/** A fresh temp path in `target`'s folder; its name ends in `.tmp`, so it is never an object. */
export function tempPathFor(target: string): string {
  return join(dirname(target), `${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
}

/** fsync a folder so a rename or unlink inside it is durable. Windows cannot open folders. */
export async function fsyncDir(dir: string): Promise<void> {
  let fh: FileHandle | undefined;
  try {
    fh = await open(dir, 'r');
    await fh.sync();
  } catch (err) {
    if (!(process.platform === 'win32' && isErrno(err, 'EPERM', 'EISDIR', 'EACCES'))) throw err;
  } finally {
    await fh?.close();
  }
}

/** Write `target` through a temp file: `produce` fills the handle, the rest is done here. */
export async function writeDurable(
  target: string,
  produce: (fh: FileHandle) => Promise<void>,
  options: WriteDurableOptions = {},
): Promise<void> {
  const temp = tempPathFor(target);
  let published = false;
  const fh = await open(temp, 'wx', options.mode ?? 0o666);
  try {
    try {
      await produce(fh);
      if (options.sync !== false) await fh.sync();
    } finally {
      await fh.close();
    }
    await options.beforePublish?.();
    await rename(temp, target);
    published = true;
    if (options.sync !== false) await fsyncDir(dirname(target));
  } finally {
    if (!published) await unlink(temp).catch(() => undefined);
  }
}

/** Durably replace `target` with `data`. */
export async function writeFileDurable(
  target: string,
  data: Uint8Array | string,
  options: WriteDurableOptions = {},
): Promise<void> {
  await writeDurable(
    target,
    async (fh) => {
      await fh.writeFile(data);
    },
    options,
  );
}
