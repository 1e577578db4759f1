/**
 * `verify` with a team store: bring what the sealed run needs from the remote into the local
 * store (the cache) before the steps that read it — the seal, the STATUS record, then the records,
 * the manifest and every file they name. Each object is verified on the way; one the remote lacks
 * or holds damaged is left out here, and the steps after report it (payloads, roots, audit).
 */
import { parseRef } from '../artifacts/index.js';
import { loadOutputHashes, loadStatus } from '../records/index.js';
import { downloadObjects } from '../remote/transferObjects.js';
import { CorruptObjectError, isPackerError, mapLimit } from '../util/index.js';
import type { VerifyState } from './types.js';

async function fetchSome(state: VerifyState, hashes: readonly string[]): Promise<void> {
  const { cas, remote } = state.options;
  await mapLimit([...new Set(hashes)], 8, async (h) => {
    if (await cas!.has(h)) return;
    if (!(await remote!.hasObject(h))) return;
    try {
      await downloadObjects(cas!, remote!, [h]);
    } catch (err) {
      if (!(err instanceof CorruptObjectError)) throw err;
    }
  });
}

/** What the next steps read, as far as it can be read; failures are for the steps to report. */
async function readable<T>(fn: () => Promise<T>): Promise<T | undefined> {
  try {
    return await fn();
  } catch (err) {
    if (isPackerError(err)) return undefined;
    throw err;
  }
}

export async function fetchRun(state: VerifyState): Promise<void> {
  const { cas, remote } = state.options;
  if (!cas || !remote || !state.seal) return;
  const statusRef = state.seal.seal.status_ref;
  await fetchSome(state, [state.seal.hash, statusRef]);
  const status = await readable(() => loadStatus(cas, statusRef));
  if (!status) return;
  const outputHashesRef = String(status.output_hashes_ref);
  const manifest = await readable(async () => parseRef(String(status.manifest_ref)));
  await fetchSome(state, [String(status.task_spec_ref), outputHashesRef, ...(manifest ? [manifest] : [])]);
  const outputs = await readable(() => loadOutputHashes(cas, outputHashesRef));
  if (outputs) await fetchSome(state, outputs);
}
