import type { Cas } from '../cas/index.js';
import { sha256Hex } from '../util/index.js';

/** SHA-256 of every object name, sorted, joined by `\n` (FORMATS.md §9), with the names hashed. */
export async function storeSnapshot(cas: Cas): Promise<{ objects: string[]; hash: string }> {
  const objects = await cas.list();
  return { objects, hash: storeSnapshotHash(objects) };
}

/** The snapshot hash of a sorted list of object names. */
export function storeSnapshotHash(sortedObjects: readonly string[]): string {
  return sha256Hex(sortedObjects.join('\n'));
}
