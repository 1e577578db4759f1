/**
 * Read and validate RUN_ROOTS.json and GC_PINS.json (docs/FORMATS.md §5). A missing file holds no
 * roots; anything malformed is an error, never "no roots", so GC and the audit fail closed.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TextDecoder } from 'node:util';
import { PackerError, isErrno, isHash, sha256Hex } from '../util/index.js';
import type { RootFileState, RootSourceName } from './types.js';

export const ROOT_FILES: Record<RootSourceName, string> = {
  RUN_ROOTS: 'RUN_ROOTS.json',
  GC_PINS: 'GC_PINS.json',
};

/** Both sources, in the order reports list them. */
export const ROOT_SOURCE_NAMES: readonly RootSourceName[] = ['RUN_ROOTS', 'GC_PINS'];

export interface InspectedRootFile {
  /** On an error, `hashes` is empty but `exists` and `contentHash` describe the file. */
  state: RootFileState;
  error?: PackerError;
}

function invalid(file: string, why: string, path: string): PackerError {
  return new PackerError('ROOTS_INVALID', ` ${file} ${why}`, { hint: `fix or remove ${path}` });
}

function describe(value: unknown): string {
  return value === undefined ? 'undefined' : JSON.stringify(value);
}

/** The sorted unique roots in a file's bytes; throws `ROOTS_INVALID` naming the problem. */
export function parseRootList(bytes: Uint8Array, file: string, path: string): string[] {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw invalid(file, 'is not valid JSON', path);
  }
  if (!Array.isArray(value)) throw invalid(file, 'is not a JSON list', path);
  value.forEach((item, i) => {
    if (typeof item !== 'string') throw invalid(file, `item ${i} is not a string: ${describe(item)}`, path);
    if (!isHash(item)) throw invalid(file, `item ${i} is not a bare sha256 hash: ${describe(item)}`, path);
  });
  return [...new Set(value as string[])].sort();
}

/** Read one roots file without throwing for its content (the audit reports every source). */
export async function inspectRootFile(runsDir: string, name: RootSourceName): Promise<InspectedRootFile> {
  const file = ROOT_FILES[name];
  const path = join(runsDir, file);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return { state: { name, path, exists: false, contentHash: null, hashes: [] } };
    if (!isErrno(err, 'EISDIR', 'ENOTDIR')) throw err;
    const error = invalid(file, 'is not a regular file', path);
    return { state: { name, path, exists: true, contentHash: null, hashes: [] }, error };
  }
  const state: RootFileState = { name, path, exists: true, contentHash: sha256Hex(bytes), hashes: [] };
  try {
    state.hashes = parseRootList(bytes, file, path);
    return { state };
  } catch (err) {
    if (err instanceof PackerError) return { state, error: err };
    throw err;
  }
}

/** One roots file; missing → no roots, malformed → `ROOTS_INVALID`. */
export async function readRootFile(runsDir: string, name: RootSourceName): Promise<RootFileState> {
  const { state, error } = await inspectRootFile(runsDir, name);
  if (error) throw error;
  return state;
}

/** Both roots files and their union. Throws on the first malformed one. */
export async function readRoots(
  runsDir: string,
): Promise<{ runRoots: RootFileState; gcPins: RootFileState; all: Set<string> }> {
  const runRoots = await readRootFile(runsDir, 'RUN_ROOTS');
  const gcPins = await readRootFile(runsDir, 'GC_PINS');
  return { runRoots, gcPins, all: new Set([...runRoots.hashes, ...gcPins.hashes]) };
}
