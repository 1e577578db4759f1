import { readFile } from 'node:fs/promises';
import { CorruptObjectError, PackerError, isErrno } from '../util/index.js';
import { sha256Hex } from '../util/index.js';
import { objectPath } from './objectPath.js';

export function notFound(hash: string, cause?: unknown): PackerError {
  return new PackerError('CAS_NOT_FOUND', ` object ${hash} is not in the store`, { cause });
}

/** The object's bytes, after checking that they hash to its name. */
export async function readObject(root: string, hash: string): Promise<Buffer> {
  let data: Buffer;
  try {
    data = await readFile(objectPath(root, hash));
  } catch (err) {
    if (isErrno(err, 'ENOENT', 'ENOTDIR')) throw notFound(hash, err);
    throw err;
  }
  const actual = sha256Hex(data);
  if (actual !== hash) throw new CorruptObjectError(hash, actual, `its ${data.length} bytes`);
  return data;
}
