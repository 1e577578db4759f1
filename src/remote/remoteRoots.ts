import { ROOT_FILES, parseRootList, type RootSourceName } from '../roots/index.js';
import { prettyJson } from '../util/index.js';
import { updateDoc } from './updateDoc.js';
import type { RemoteStore } from './types.js';

/** The remote's roots from one source; missing → [], malformed → an error (fail closed). */
export async function readRemoteRootFile(remote: RemoteStore, name: RootSourceName): Promise<{ exists: boolean; roots: string[] }> {
  const doc = await remote.readDoc(ROOT_FILES[name]);
  if (doc === undefined) return { exists: false, roots: [] };
  return { exists: true, roots: parseRootList(Buffer.from(doc.text), ROOT_FILES[name], `${remote.location.url}/runs/${ROOT_FILES[name]}`) };
}

/** RUN_ROOTS ∪ GC_PINS of the remote. */
export async function readRemoteRoots(remote: RemoteStore): Promise<Set<string>> {
  const [runs, pins] = await Promise.all([readRemoteRootFile(remote, 'RUN_ROOTS'), readRemoteRootFile(remote, 'GC_PINS')]);
  return new Set([...runs.roots, ...pins.roots]);
}

/** Add `hashes` to the remote RUN_ROOTS.json: read, union, conditional write, retried on a race. */
export async function addRemoteRoots(remote: RemoteStore, hashes: Iterable<string>): Promise<void> {
  const add = [...new Set(hashes)];
  const file = ROOT_FILES.RUN_ROOTS;
  await updateDoc(remote, file, (text) => {
    const have = text === undefined ? [] : parseRootList(Buffer.from(text), file, `${remote.location.url}/runs/${file}`);
    const set = new Set(have);
    if (add.every((h) => set.has(h))) return undefined;
    for (const h of add) set.add(h);
    return prettyJson([...set].sort());
  });
}
