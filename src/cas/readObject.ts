import { CorruptObjectError, PackerError, isErrno, readRegularFile } from '../util/index.js';
import { sha256Hex } from '../util/index.js';
import { objectPath } from './objectPath.js';

export function notFound(hash: string, cause?: unknown): PackerError {
  return new PackerError('CAS_NOT_FOUND', ` object ${hash} is not in the store`, { cause });
}

/**
 * A FIFO, device, socket or folder where an object belongs: damage to the store, reported at once
 * (never a read that waits forever for a writer).
 */
export function notRegularObject(hash: string): PackerError {
  return new PackerError('CAS_CORRUPT_OBJECT', ` object ${hash} is not a regular file (a FIFO, device, socket or folder); it was not read`, {
    hint: 'remove it; the next pack or cas put of its content stores it again',
  });
}

/** The object's bytes, after checking that they hash to its name. Only a regular file is read. */
export async function readObject(root: string, hash: string): Promise<Buffer> {
  let data: Buffer | undefined;
  try {
    data = await readRegularFile(objectPath(root, hash));
  } catch (err) {
    if (isErrno(err, 'ENOENT', 'ENOTDIR')) throw notFound(hash, err);
    if (isErrno(err, 'EISDIR')) throw notRegularObject(hash);
    throw err;
  }
  if (data === undefined) throw notRegularObject(hash);
  const actual = sha256Hex(data);
  if (actual !== hash) throw new CorruptObjectError(hash, actual, `its ${data.length} bytes`);
  return data;
}
