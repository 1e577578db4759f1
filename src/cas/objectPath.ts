import { join } from 'node:path';
import { PackerError } from '../util/index.js';
import { isHash } from '../util/index.js';

/** Throws `CAS_INVALID_HASH` unless `hash` is 64 lowercase hex characters. */
export function assertHash(hash: unknown): asserts hash is string {
  if (!isHash(hash)) {
    throw new PackerError('CAS_INVALID_HASH', ` ${JSON.stringify(hash)} is not 64 lowercase hex characters`);
  }
}

/** The only place that knows the layout `<root>/<h[0]>/<h[1..2]>/<h>` (docs/FORMATS.md §1). */
export function objectPath(root: string, hash: string): string {
  assertHash(hash);
  return join(root, hash.slice(0, 1), hash.slice(1, 3), hash);
}

/** The relative, `/`-separated form of `objectPath`, for reports. */
export function objectRelPath(hash: string): string {
  assertHash(hash);
  return `${hash.slice(0, 1)}/${hash.slice(1, 3)}/${hash}`;
}
