import { lstat, stat } from 'node:fs/promises';
import { PackerError, isErrno } from './errors.js';

/**
 * `path` must be an existing folder (links followed): missing is `INPUT_NOT_FOUND`, anything else
 * `INPUT_INVALID`; both exit 2. `what` names it for the user ("the packed root", "the pack").
 */
export async function requireDir(path: string, what: string): Promise<void> {
  let isDir: boolean;
  try {
    isDir = (await stat(path)).isDirectory();
  } catch (err) {
    if (isErrno(err, 'ENOENT', 'ENOTDIR')) throw new PackerError('INPUT_NOT_FOUND', ` ${what} ${path} does not exist`);
    throw err;
  }
  if (!isDir) throw new PackerError('INPUT_INVALID', ` ${what} ${path} is not a folder`);
}

/** Whether anything (a file, a folder, a link, even a dangling one) is at `path`. */
export async function pathExists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return false;
    throw err;
  }
}
