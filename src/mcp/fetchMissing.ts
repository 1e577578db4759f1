import { downloadObjects, type RemoteStore } from '../remote/index.js';
import type { Cas } from '../cas/index.js';

/**
 * Bring the objects of `hashes` the local store lacks from the team store, each verified before it
 * is stored; nothing without a remote. Readers then read the local store as always.
 */
export async function fetchMissing(cas: Cas, remote: (() => Promise<RemoteStore>) | undefined, hashes: readonly string[]): Promise<void> {
  if (remote === undefined || hashes.length === 0) return;
  const missing = [];
  for (const hash of hashes) if (!(await cas.has(hash))) missing.push(hash);
  if (missing.length === 0) return;
  await downloadObjects(cas, await remote(), missing);
}
