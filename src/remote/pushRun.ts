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
import { packObjects, type PackObjects } from './packObjects.js';
import { uploadFiles, uploadObjects, type TransferOptions, type TransferReport } from './transferObjects.js';
import type { RemoteStore } from './types.js';

/** Which run {@link pushRun} puts onto which team store. */
export interface PushRunInput extends TransferOptions {
  /** The local store holding the run. */
  cas: Cas;
  /** The team store (see {@link openRemote}). */
  remote: RemoteStore;
  /** The run's STATUS record (bare hex). */
  statusRef: string;
  /** The local runs dir: its ledger names the run's seal, which goes up with the run. */
  runsDir?: string;
  /**
   * The pack folder the run made: its own files (every file its seal lists, the seal, the archive)
   * go up too, so that `pull --out` rebuilds the pack on another machine and `verify` checks it.
   */
  packDir?: string;
  /** How long to wait for a running collection to finish (default 120 s). */
  waitMs?: number;
}

/** What {@link pushRun} sent (`transferred`) and found there already (`skipped`). */
export interface PushReport extends TransferReport {
  /** The team store's URL. */
  remote: string;
  /** The run pushed (its STATUS record, bare hex). */
  statusRef: string;
  /** `sha256:` ref of the run's manifest: what a teammate pulls and consumes. */
  manifestRef: string;
  /** Objects the run roots on the remote. */
  objects: number;
}

/**
 * Put a pack run from the local store onto a team store (`llm-packer push`): its objects first
 * (skipping what the remote has), then its roots and ledger entry, under a lease that keeps every
 * remote collection away. A failure at any moment leaves no remote root naming a missing object;
 * a rerun completes it.
 *
 * @param input - The local store, the team store and the run's STATUS ref (`PackSummary.refs.statusRef`).
 * @returns What was sent.
 * @throws {@link PackerError} `AUDIT_FAIL` for a run that did not pass; `CAS_NOT_FOUND` when the
 *   local store lacks one of its objects; `REMOTE_BUSY` while a remote collection runs; the
 *   `REMOTE_*` codes when the service fails.
 */
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
  const pack: PackObjects | undefined =
    input.packDir === undefined
      ? undefined
      : await packObjects(input.packDir, statusRef, {
          ...(local?.seal_ref !== undefined ? { sealRef: local.seal_ref } : {}),
          ...(local?.archive_sha256 !== undefined ? { archiveSha256: local.archive_sha256 } : {}),
        });
  const sealRef = pack?.sealRef ?? local?.seal_ref;
  // The seal travels with the run but, as locally, is kept live by the ledger, not by the roots;
  // on the remote the ledger's seal also keeps the pack's own files live (see remoteGc.ts).
  const rooted = new Set([statusRef, taskSpecRef, outputHashesRef, ...outputs]);
  const hashes = new Set([...rooted, ...(sealRef && !pack ? [sealRef] : [])]);
  const lease = await acquireLease(remote, { kind: 'pack', waitMs: input.waitMs ?? 120_000 });
  try {
    const transfer = await uploadObjects(cas, remote, hashes, input);
    const files = pack ? await uploadFiles(remote, pack.objects.filter((o) => !hashes.has(o.hash)), input) : { transferred: 0, skipped: 0, bytes: 0 };
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
      ...(pack?.archiveSha256 !== undefined ? { archive_sha256: pack.archiveSha256 } : {}),
      ...(local?.created_at ? { created_at: local.created_at } : {}),
      ...(local?.pack_dir ? { pack_dir: local.pack_dir } : {}),
    });
    const objects = new Set([...hashes, ...(pack?.objects.map((o) => o.hash) ?? [])]).size;
    return {
      remote: remote.location.url,
      statusRef,
      manifestRef,
      objects,
      transferred: transfer.transferred + files.transferred,
      skipped: transfer.skipped + files.skipped,
      bytes: transfer.bytes + files.bytes,
    };
  } finally {
    // A lease left behind only delays collections until it expires; the push's own outcome (or
    // its error) is what the caller needs to hear.
    await lease.release().catch(() => undefined);
  }
}
