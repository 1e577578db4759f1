import type { Cas } from '../cas/index.js';
import { sha256Hex } from '../util/index.js';

/** Every object name (sorted) and the snapshot hash of that list (docs/FORMATS.md §9). */
export async function storeSnapshot(cas: Cas): Promise<{ objects: string[]; hash: string }> {
  const objects = await cas.list();
  return { objects, hash: storeSnapshotHash(objects) };
}

/** SHA-256 of the sorted object names joined by `\n`, no trailing newline. */
export function storeSnapshotHash(sortedObjects: readonly string[]): string {
  return sha256Hex(sortedObjects.join('\n'));
}
