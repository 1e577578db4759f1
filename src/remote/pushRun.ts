/**
 * `push`: put a run that exists in the local store onto the remote. Objects first, roots last: the
 * run's objects and records are uploaded (skipping what the remote has), then — still under a
 * pack lease that keeps every collection away — its hashes are added to the remote roots and the
 * run to the remote ledger. A failure or a kill at any moment leaves no remote root naming a
 * missing object; a rerun uploads what is missing and completes.
 */
import type { Cas } from '../cas/index.js';
import { loadOutputHashes, loadStatus, loadTaskSpec } from '../records/index.js';
import { readLedger } from '../runs/index.js';
import { PackerError } from '../util/index.js';
import { acquireLease } from './remoteLease.js';
import { appendRemoteRun } from './remoteLedger.js';
import { addRemoteRoots } from './remoteRoots.js';
import { uploadObjects, type TransferOptions, type TransferReport } from './transferObjects.js';
import type { RemoteStore } from './types.js';

export interface PushRunInput extends TransferOptions {
  cas: Cas;
  remote: RemoteStore;
  /** The run's STATUS record (bare hex). */
  statusRef: string;
  /** The local runs dir: its ledger names the run's seal, which goes up with the run. */
  runsDir?: string;
  /** How long to wait for a running collection to finish (default 120 s). */
  waitMs?: number;
}

export interface PushReport extends TransferReport {
  remote: string;
  statusRef: string;
  manifestRef: string;
  /** Objects the run roots on the remote. */
  objects: number;
}

export async function pushRun(input: PushRunInput): Promise<PushReport> {
  const { cas, remote, statusRef } = input;
  const status = await loadStatus(cas, statusRef);
  if (status.verdict !== 'PASS') {
    throw new PackerError('AUDIT_FAIL', ` run ${statusRef} did not pass its audit (${String(status.verdict)}); only passing runs are pushed`);
  }
  const taskSpecRef = String(status.task_spec_ref);
  const outputHashesRef = String(status.output_hashes_ref);
  const manifestRef = String(status.manifest_ref);
  const [spec, outputs] = await Promise.all([loadTaskSpec(cas, taskSpecRef), loadOutputHashes(cas, outputHashesRef)]);
  const local = input.runsDir === undefined ? undefined : (await readLedger(input.runsDir)).find((e) => e.status_ref === statusRef);
  const sealRef = local?.seal_ref;
  // The seal travels with the run but, as locally, is kept live by the ledger, not by the roots.
  const rooted = new Set([statusRef, taskSpecRef, outputHashesRef, ...outputs]);
  const hashes = new Set([...rooted, ...(sealRef ? [sealRef] : [])]);
  const lease = await acquireLease(remote, { kind: 'pack', waitMs: input.waitMs ?? 120_000 });
  try {
    const transfer = await uploadObjects(cas, remote, hashes, input);
    await lease.assertHeld();
    await addRemoteRoots(remote, rooted);
    await appendRemoteRun(remote, {
      status_ref: statusRef,
      verdict: 'PASS',
      scope: String(spec.scope),
      manifest_ref: manifestRef,
      task_spec_ref: taskSpecRef,
      output_hashes_ref: outputHashesRef,
      file_count: Math.max(0, outputs.length - 1),
      ...(sealRef ? { seal_ref: sealRef } : {}),
      ...(local?.created_at ? { created_at: local.created_at } : {}),
      ...(local?.pack_dir ? { pack_dir: local.pack_dir } : {}),
    });
    return { ...transfer, remote: remote.location.url, statusRef, manifestRef, objects: hashes.size };
  } finally {
    // A lease left behind only delays collections until it expires; the push's own outcome (or
    // its error) is what the caller needs to hear.
    await lease.release().catch(() => undefined);
  }
}
