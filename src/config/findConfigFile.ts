import { stat } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import { PackerError, isErrno } from '../util/index.js';
import { CONFIG_FILE_NAME } from './configSchema.js';

async function exists(path: string, want: 'file' | 'any'): Promise<boolean> {
  try {
    const stats = await stat(path);
    // Not only a regular file: a FIFO there is found, and refused when it is read, never skipped.
    return want === 'any' || !stats.isDirectory();
  } catch (err) {
    if (isErrno(err, 'ENOENT') || isErrno(err, 'ENOTDIR')) return false;
    throw err;
  }
}

/** `start` and its parents up to the first folder holding `.git`; just `start` outside a repository. */
async function searchPath(start: string): Promise<string[]> {
  const dirs: string[] = [];
  for (let dir = start; ; dir = dirname(dir)) {
    dirs.push(dir);
    if (await exists(join(dir, '.git'), 'any')) return dirs;
    if (dirname(dir) === dir) return [start];
  }
}

/**
 * The nearest `llm-packer.config.json` from `start` (an absolute folder, for the CLI the working
 * directory) up to the root of the git repository holding it; outside a repository only `start`
 * is looked at, so a stray file in a parent folder such as the temp folder is never picked up.
 * Pass the result to {@link loadConfigFile}, or as `configFile` to `runPack`.
 *
 * @param start - The folder to search from (absolute).
 * @returns The file's absolute path, or `undefined` when there is none.
 * @throws {@link PackerError} `USAGE` for a relative path.
 */
export async function findConfigFile(start: string): Promise<string | undefined> {
  if (!isAbsolute(start)) throw new PackerError('USAGE', ` the folder to search from must be an absolute path: ${start}`);
  for (const dir of await searchPath(start)) {
    const file = join(dir, CONFIG_FILE_NAME);
    if (await exists(file, 'file')) return file;
  }
  return undefined;
}
