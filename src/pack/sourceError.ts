import { PackerError, isErrno } from '../util/index.js';

/**
 * A selected file that vanished or cannot be read is `PACK_P2_MISSING_SOURCE:<path>` (docs/FORMATS.md
 * §8); any other error passes through unchanged.
 */
export function sourceError(err: unknown, path: string): unknown {
  if (isErrno(err, 'ENOENT', 'ENOTDIR', 'EISDIR', 'EACCES', 'EPERM', 'ELOOP')) {
    // A file that is there but unreadable says why, so "missing" does not mislead.
    const code = err.code;
    const hint = code === 'ENOENT' ? undefined : `cannot read it: ${code}`;
    return new PackerError('PACK_P2_MISSING_SOURCE', path, { cause: err, ...(hint ? { hint } : {}) });
  }
  return err;
}
