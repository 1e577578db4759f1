/**
 * `STORE.json` at a pack's root: where the store and runs dir the pack was made with are, relative
 * to the pack folder (docs/FORMATS.md §13). No absolute path, so the file is the same wherever the
 * tree is checked out; it is the one file the seal leaves out (it depends on where the pack goes).
 */
import { readFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { isErrno, prettyJson, writeFileDurable } from '../util/index.js';
import { STORE_LOCATOR_FILE } from './packLayout.js';

export interface StoreLocation {
  casRoot: string;
  runsDir: string;
}

function relativeTo(from: string, to: string): string {
  return relative(from, to).split(sep).join('/') || '.';
}

/** Write the locator into `dir` (the staging folder) for a pack that will live at `dest`. */
export async function writeStoreLocator(dir: string, dest: string, store: StoreLocation): Promise<void> {
  const locator = { cas_root: relativeTo(dest, store.casRoot), runs_dir: relativeTo(dest, store.runsDir) };
  await writeFileDurable(join(dir, STORE_LOCATOR_FILE), prettyJson(locator));
}

/** The store a pack names, as absolute paths; undefined when it names none (or not readably). */
export async function readStoreLocator(packDir: string): Promise<StoreLocation | undefined> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(join(packDir, STORE_LOCATOR_FILE), 'utf8'));
  } catch (err) {
    if (isErrno(err, 'ENOENT', 'ENOTDIR', 'EISDIR') || err instanceof SyntaxError) return undefined;
    throw err;
  }
  const r = raw as Record<string, unknown>;
  if (typeof r?.cas_root !== 'string' || typeof r.runs_dir !== 'string') return undefined;
  return { casRoot: resolve(packDir, r.cas_root), runsDir: resolve(packDir, r.runs_dir) };
}
