/**
 * Change a roots file by read–merge–write under the roots lock: the file is read inside the lock,
 * so nothing overwrites roots it did not read, and it is replaced atomically (temp + rename).
 */
import { PackerError, assertAbsolute, isHash, prettyJson, sha256Hex, writeFileDurable } from '../util/index.js';
import { readRootFile } from './readRootFile.js';
import { withRootsLock } from './withRootsLock.js';
import type { LockHandle, LockTiming, RootSourceName, RootsChange } from './types.js';

/** Which roots file {@link addRoots} and {@link removeRoots} change. */
export interface UpdateRootsOptions extends LockTiming {
  /** Which file to change (default RUN_ROOTS). */
  name?: RootSourceName;
}

function checkHashes(hashes: readonly string[]): string[] {
  for (const hash of hashes) {
    if (!isHash(hash)) throw new PackerError('PACK_P2_INVALID_ROOT_HASH', String(hash));
  }
  return [...new Set(hashes)].sort();
}

/**
 * The read–merge–write itself, for a caller that already holds the roots lock (`lock`) and must
 * decide and write in one critical section (e.g. forgetting a run).
 */
export async function changeRootsLocked(
  runsDir: string,
  hashes: readonly string[],
  options: { name?: RootSourceName; remove: boolean; lock: LockHandle },
): Promise<RootsChange> {
  const wanted = checkHashes(hashes);
  const before = await readRootFile(runsDir, options.name ?? 'RUN_ROOTS');
  const current = new Set(before.hashes);
  const changed = wanted.filter((h) => current.has(h) === options.remove);
  if (changed.length === 0) return { ...before, changed };
  for (const h of changed) {
    if (options.remove) current.delete(h);
    else current.add(h);
  }
  const next = [...current].sort();
  const text = prettyJson(next);
  await writeFileDurable(before.path, text, { beforePublish: () => options.lock.assertHeld() });
  return { ...before, exists: true, contentHash: sha256Hex(text), hashes: next, changed };
}

async function updateRoots(
  runsDir: string,
  hashes: readonly string[],
  options: UpdateRootsOptions & { remove: boolean },
): Promise<RootsChange> {
  assertAbsolute('runsDir', runsDir);
  checkHashes(hashes);
  const timing = options.staleMs !== undefined ? { staleMs: options.staleMs } : {};
  const name = options.name ?? 'RUN_ROOTS';
  return withRootsLock(runsDir, (lock) => changeRootsLocked(runsDir, hashes, { name, remove: options.remove, lock }), timing);
}

/**
 * Add GC roots: hashes the collector must keep. They go into `RUN_ROOTS.json` of the runs dir, or
 * with `name: 'GC_PINS'` into `GC_PINS.json` (pins set by hand). The file is changed under the
 * roots lock and replaced atomically; hashes already there are left as they are.
 *
 * @param runsDir - The runs dir (absolute).
 * @param hashes - Bare SHA-256 hex hashes of stored objects.
 * @param options - Which file (default `RUN_ROOTS`).
 * @returns The file after the change, with the hashes actually added in `changed`.
 * @throws {@link PackerError} `USAGE` for a relative path; `PACK_P2_INVALID_ROOT_HASH` for a
 *   malformed hash; `ROOTS_INVALID` when the file is not a list of hashes; `ROOTS_LOCKED` when the
 *   lock stays taken.
 */
export function addRoots(
  runsDir: string,
  hashes: readonly string[],
  options: UpdateRootsOptions = {},
): Promise<RootsChange> {
  return updateRoots(runsDir, hashes, { ...options, remove: false });
}

/**
 * Remove GC roots (or pins, with `name: 'GC_PINS'`); hashes that are not roots are ignored and a
 * missing file stays missing. The next {@link runGc} may delete what only these roots kept.
 *
 * @param runsDir - The runs dir (absolute).
 * @param hashes - Bare SHA-256 hex hashes.
 * @param options - Which file (default `RUN_ROOTS`).
 * @returns The file after the change, with the hashes actually removed in `changed`.
 * @throws {@link PackerError} as {@link addRoots} does.
 */
export function removeRoots(
  runsDir: string,
  hashes: readonly string[],
  options: UpdateRootsOptions = {},
): Promise<RootsChange> {
  return updateRoots(runsDir, hashes, { ...options, remove: true });
}
