import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { isErrno } from '../util/index.js';
import { isHash } from '../util/index.js';

const HEX1 = /^[0-9a-f]$/;
const HEX2 = /^[0-9a-f]{2}$/;

export interface StoreEntry {
  /** `/`-separated path relative to the store root. */
  rel: string;
  isFile: boolean;
  /** The object name when this entry is an object in its right folder. */
  hash?: string;
}

async function readdirOrEmpty(dir: string) {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch (err) {
    if (isErrno(err, 'ENOENT', 'ENOTDIR')) return [];
    throw err;
  }
}

/** Every entry of the store's three levels, objects and strays alike (for fsck). */
export async function* walkStore(root: string): AsyncGenerator<StoreEntry> {
  for (const a of await readdirOrEmpty(root)) {
    if (!a.isDirectory() || !HEX1.test(a.name)) {
      yield { rel: a.name, isFile: !a.isDirectory() };
      continue;
    }
    for (const b of await readdirOrEmpty(join(root, a.name))) {
      const relB = `${a.name}/${b.name}`;
      if (!b.isDirectory() || !HEX2.test(b.name)) {
        yield { rel: relB, isFile: !b.isDirectory() };
        continue;
      }
      for (const c of await readdirOrEmpty(join(root, a.name, b.name))) {
        const rel = `${relB}/${c.name}`;
        const placed = c.isFile() && isHash(c.name) && c.name.startsWith(a.name + b.name);
        yield placed ? { rel, isFile: true, hash: c.name } : { rel, isFile: c.isFile() };
      }
    }
  }
}

/** Every object name in the store, sorted; anything that is not an object is skipped. */
export async function listObjects(root: string): Promise<string[]> {
  const hashes: string[] = [];
  for await (const entry of walkStore(root)) if (entry.hash) hashes.push(entry.hash);
  return hashes.sort();
}
