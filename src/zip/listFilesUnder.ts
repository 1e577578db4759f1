import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PackerError, compareCodePoints } from '../util/index.js';
import type { ZipEntry } from './writeZip.js';

/**
 * Every regular file under `dir` as zip entries named `<prefix><relative path>` (`/`-separated),
 * sorted by code point. Symlinks and other special files are refused: a pack holds none.
 */
export async function listFilesUnder(dir: string, prefix = ''): Promise<ZipEntry[]> {
  const out: ZipEntry[] = [];
  async function visit(abs: string, rel: string): Promise<void> {
    const items = await readdir(abs, { withFileTypes: true });
    for (const item of items) {
      const childAbs = join(abs, item.name);
      const childRel = rel === '' ? item.name : `${rel}/${item.name}`;
      if (item.isDirectory()) await visit(childAbs, childRel);
      else if (item.isFile()) out.push({ name: `${prefix}${childRel}`, path: childAbs });
      else throw new PackerError('INPUT_INVALID', ` not a regular file: ${childRel}`);
    }
  }
  await visit(dir, '');
  return out.sort((a, b) => compareCodePoints(a.name, b.name));
}
