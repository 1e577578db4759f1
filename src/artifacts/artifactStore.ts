/**
 * The artifact store (docs/FORMATS.md §2): payloads go in by bytes or by file and come back by ref.
 * `loadBytes` keeps the original's legacy rule: a string that starts with `sha256:` is a CAS ref,
 * anything else a file path; both fail closed when missing.
 */
import { readFile } from 'node:fs/promises';
import type { Cas } from '../cas/index.js';
import { PackerError, isErrno } from '../util/index.js';
import { REF_PREFIX, formatRef, parseRef } from './parseRef.js';

export async function storeBytes(cas: Cas, data: Uint8Array): Promise<string> {
  return formatRef((await cas.putBytes(data)).hash);
}

export async function storeFile(cas: Cas, path: string): Promise<string> {
  return formatRef((await cas.putFile(path)).hash);
}

export async function loadBytes(cas: Cas, refOrPath: string): Promise<Buffer> {
  if (refOrPath.startsWith(REF_PREFIX)) return cas.get(parseRef(refOrPath));
  try {
    return await readFile(refOrPath);
  } catch (err) {
    if (isErrno(err, 'ENOENT', 'ENOTDIR', 'EISDIR')) {
      throw new PackerError('INPUT_NOT_FOUND', ` no such file: ${refOrPath}`, { cause: err });
    }
    throw err;
  }
}

/** Write the ref's bytes to `dest` atomically; `dest` appears only if they verified. */
export async function materialize(cas: Cas, ref: string, dest: string): Promise<number> {
  return cas.copyTo(parseRef(ref), dest);
}
