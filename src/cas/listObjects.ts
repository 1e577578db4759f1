import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { isErrno, isHash, mapLimit } from '../util/index.js';

const HEX1 = /^[0-9a-f]$/;
/** The store's half of its binding to a runs dir (src/store): in the store root, and no object. */
export const STORE_BINDING_FILE = 'llm-packer-store.json';
const HEX2 = /^[0-9a-f]{2}$/;
/** Folders listed at once. A store has up to 4,096 leaf folders; one at a time was most of an audit. */
const LIST_CONCURRENCY = 32;

export interface StoreEntry {
  /** `/`-separated path relative to the store root. */
  rel: string;
  /** Anything but a folder (a FIFO or socket too); only `hash` marks an object. */
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

/**
 * Every entry of the store's three levels, objects and strays alike (for fsck), in no particular
 * order. Folders are listed in parallel, bounded.
 */
export async function scanStore(root: string): Promise<StoreEntry[]> {
  const entries: StoreEntry[] = [];
  const level1: string[] = [];
  for (const a of await readdirOrEmpty(root)) {
    if (a.isDirectory() && HEX1.test(a.name)) level1.push(a.name);
    else if (!(a.isFile() && a.name === STORE_BINDING_FILE)) entries.push({ rel: a.name, isFile: !a.isDirectory() });
  }
  const level2: string[] = [];
  await mapLimit(level1, LIST_CONCURRENCY, async (a) => {
    for (const b of await readdirOrEmpty(join(root, a))) {
      const rel = `${a}/${b.name}`;
      if (b.isDirectory() && HEX2.test(b.name)) level2.push(rel);
      else entries.push({ rel, isFile: !b.isDirectory() });
    }
  });
  await mapLimit(level2, LIST_CONCURRENCY, async (ab) => {
    const prefix = ab.replace('/', '');
    for (const c of await readdirOrEmpty(join(root, ab))) {
      const rel = `${ab}/${c.name}`;
      const placed = c.isFile() && isHash(c.name) && c.name.startsWith(prefix);
      // A FIFO, device or socket under an object's name is no object: fsck lists it as misnamed.
      entries.push(placed ? { rel, isFile: true, hash: c.name } : { rel, isFile: !c.isDirectory() });
    }
  });
  return entries;
}

/** Every object name in the store, sorted; anything that is not an object is skipped. */
export async function listObjects(root: string): Promise<string[]> {
  const hashes: string[] = [];
  for (const entry of await scanStore(root)) if (entry.hash) hashes.push(entry.hash);
  return hashes.sort();
}
