import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PENDING_ZIP, SEAL_FILE, STORE_LOCATOR_FILE } from '../packdir/index.js';
import { compareCodePoints, isErrno } from '../util/index.js';

/** Names at the pack root the seal does not list: itself, the store locator, a staged archive. */
const UNSEALED = new Set([SEAL_FILE, STORE_LOCATOR_FILE, PENDING_ZIP]);

export interface PackFileEntry {
  /** Pack-relative, `/`-separated. */
  path: string;
  abs: string;
  /** False for anything but a regular file (a symlink, a FIFO, …): a pack holds none. */
  regular: boolean;
}

/** Every entry of a pack folder the seal must list, sorted by path; folders are walked, not listed. */
export async function listPackFiles(packDir: string): Promise<PackFileEntry[]> {
  const out: PackFileEntry[] = [];
  async function visit(abs: string, rel: string): Promise<void> {
    let items;
    try {
      items = await readdir(abs, { withFileTypes: true });
    } catch (err) {
      if (isErrno(err, 'ENOENT') && rel === '') return;
      throw err;
    }
    for (const item of items) {
      if (rel === '' && UNSEALED.has(item.name)) continue;
      const childAbs = join(abs, item.name);
      const childRel = rel === '' ? item.name : `${rel}/${item.name}`;
      if (item.isDirectory()) await visit(childAbs, childRel);
      else out.push({ path: childRel, abs: childAbs, regular: item.isFile() || (await lstat(childAbs)).isFile() });
    }
  }
  await visit(packDir, '');
  return out.sort((a, b) => compareCodePoints(a.path, b.path));
}
