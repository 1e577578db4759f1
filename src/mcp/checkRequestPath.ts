import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { unsafePathReason } from '../manifest/index.js';
import { pathProblem } from '../paths/index.js';
import { PackerError, isErrno } from '../util/index.js';

function refused(path: string, why: string): PackerError {
  return new PackerError('MCP_PATH_REFUSED', ` ${JSON.stringify(path)}: ${why}`);
}

/**
 * A path inside a manifest, as a client names it: held to the shared path rule `consume` holds a
 * manifest's paths to (relative, `/`-separated, no `.`/`..` segment, nothing any system misreads).
 */
export function checkManifestPath(path: string): string {
  const reason = pathProblem(path);
  if (reason) throw refused(path, `not a packed file's path (${reason})`);
  return path;
}

function isInside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`));
}

/**
 * A folder on this machine a client names (absolute, or relative to `base`): no `.`/`..` segment
 * however it resolves, and, after symlinks are resolved, inside one of `dirs`. Returns the real path.
 */
export async function resolveAllowedDir(input: { path: string; base: string; dirs: readonly string[] }): Promise<string> {
  const { path, base } = input;
  // `.` alone names `base` itself; anywhere else a `.` or `..` segment is refused.
  const body = path === '.' ? '' : path.replace(/^\/+/, '').replace(/\/+$/, '');
  if (body !== '') {
    // A folder on this machine need not be portable (a local `aux/` is fine), but it may not climb.
    const reason = unsafePathReason(body, { portable: false });
    if (reason) throw refused(path, reason);
  } else if (path === '') throw refused(path, 'empty path');
  let real: string;
  try {
    real = await realpath(resolve(base, path));
  } catch (err) {
    if (isErrno(err, 'ENOENT', 'ENOTDIR')) throw new PackerError('INPUT_NOT_FOUND', ` ${JSON.stringify(path)}: no such folder`, { cause: err });
    throw err;
  }
  const allowed = await Promise.all(input.dirs.map((d) => realpath(d).catch(() => resolve(d))));
  if (!allowed.some((d) => isInside(d, real))) {
    throw refused(path, `outside the folders this server was started with (${input.dirs.join(', ')})`);
  }
  return real;
}
