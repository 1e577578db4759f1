/**
 * Reads that cannot hang on a hostile tree. A plain read-only open of a FIFO waits for a writer
 * forever, and a device may never end; these open without blocking, look at what was opened, and
 * give up (undefined) on anything but a regular file.
 */
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { PackerError, isErrno } from './errors.js';

/** Read-only and non-blocking where the system has O_NONBLOCK (no effect on regular files). */
const READ_NO_WAIT = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** A handle on `path` (links followed) if it is a regular file, else undefined. */
export async function openRegularFile(path: string): Promise<FileHandle | undefined> {
  let fh: FileHandle;
  try {
    fh = await open(path, READ_NO_WAIT);
  } catch (err) {
    if (isErrno(err, 'ENXIO')) return undefined; // a socket
    throw err;
  }
  let regular = false;
  try {
    regular = (await fh.stat()).isFile();
  } finally {
    if (!regular) await fh.close();
  }
  return regular ? fh : undefined;
}

/** The bytes of `path` if it is a regular file, else undefined (see `openRegularFile`). */
export async function readRegularFile(path: string): Promise<Buffer | undefined> {
  const fh = await openRegularFile(path);
  if (fh === undefined) return undefined;
  try {
    return await fh.readFile();
  } finally {
    await fh.close();
  }
}

/**
 * The error of a read refused because `path` is not a regular file (a FIFO, device or socket):
 * coded, one line, naming the path. Callers that know better (a store object) give their own.
 */
export function notRegularFile(path: string): PackerError {
  return new PackerError('IO_ERROR', ` ${path} is not a regular file (a FIFO, device or socket); it was not read`);
}

/** `openRegularFile`, or the error `notRegular` makes (default: `notRegularFile(path)`). */
export async function openRegularOrThrow(path: string, notRegular: () => Error = () => notRegularFile(path)): Promise<FileHandle> {
  const fh = await openRegularFile(path);
  if (fh === undefined) throw notRegular();
  return fh;
}
