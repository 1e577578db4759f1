/**
 * The P.2 step of a pack run (docs/FORMATS.md §8): manifest, run records, merged roots, and success
 * only after a Mode B root audit passed. Callers store the payloads first and publish the pack
 * only when this returns; every failure throws with its PACK_P2_* code. It writes nothing into the
 * pack: the bytes of the manifest and of RUN_REFS come back for the LITE stage to write.
 */
import { formatRef, parseRef } from '../artifacts/index.js';
import { rootAudit, type AuditReceipt } from '../audit/index.js';
import type { Cas } from '../cas/index.js';
import { buildManifest, encodeManifest, type ManifestRepoState } from '../manifest/index.js';
import { putOutputHashes, putStatus, putTaskSpec } from '../records/index.js';
import { addRoots } from '../roots/index.js';
import { appendRun } from '../runs/index.js';
import type { PackMode } from '../packdir/index.js';
import { PackerError, isHash } from '../util/index.js';
import { packStatus, packTaskSpec, runSnapshotHash, type RecordedScope } from './packRunRecords.js';
import { encodeRunRefs } from './runRefs.js';

export interface PackEntry {
  /** Manifest path, relative to the scope's source root. */
  path: string;
  bytes: number;
  /** Bare hash of the bytes, already stored in the CAS. */
  hash: string;
}

export interface RecordPackRunInput {
  cas: Cas;
  runsDir: string;
  /** The packed root (audit receipts print root files relative to it). */
  root: string;
  scope: RecordedScope;
  repoState: ManifestRepoState;
  modes: readonly PackMode[];
  entries: readonly PackEntry[];
  /** The clock of the ledger entry's `created_at` (default: now). */
  now?: () => Date;
}

export interface PackRunRecord {
  manifestRef: string;
  taskSpecRef: string;
  outputHashesRef: string;
  statusRef: string;
  verdict: 'PASS';
  fileCount: number;
  audit: AuditReceipt;
  /** The manifest's exact bytes (`LITE/PACK_MANIFEST.json`). */
  manifestBytes: Buffer;
  /** The exact bytes of `LITE/RUN_REFS.json`. */
  runRefsBytes: Buffer;
}

export interface RecordPackRunDeps {
  addRoots: typeof addRoots;
  rootAudit: typeof rootAudit;
  appendRun: typeof appendRun;
}

const defaultRecordPackRunDeps: RecordPackRunDeps = { addRoots, rootAudit, appendRun };

function auditDetails(receipt: AuditReceipt): string {
  const parts = [
    ...receipt.required_missing.map((h) => `missing ${h}`),
    ...receipt.required_unreachable.map((h) => `unrooted ${h}`),
    ...(receipt.required_corrupt ?? []).map((h) => `corrupt ${h}`),
    ...receipt.errors,
  ];
  return parts.length > 0 ? parts.join('; ') : `verdict ${receipt.verdict}`;
}

export async function recordPackRun(
  input: RecordPackRunInput,
  overrides: Partial<RecordPackRunDeps> = {},
): Promise<PackRunRecord> {
  const deps = { ...defaultRecordPackRunDeps, ...overrides };
  const { cas, runsDir } = input;

  // 1. Every payload is stored; its ref must be valid before anything refers to it.
  for (const e of input.entries) if (!isHash(e.hash)) throw new PackerError('PACK_P2_INVALID_REF', String(e.hash));

  // 2. The manifest: built, written, stored.
  const manifest = buildManifest({
    scope: input.scope.key,
    includeDirs: input.scope.includeDirs,
    repoState: input.repoState,
    entries: input.entries,
  });
  const manifestBytes = encodeManifest(manifest);
  const manifestHash = (await cas.putBytes(manifestBytes)).hash;
  const payloadHashes = manifest.entries.map((e) => parseRef(e.ref));

  // 3. TASK_SPEC and OUTPUT_HASHES (manifest first, then every entry; duplicates kept).
  const taskSpec = packTaskSpec(input.scope, manifest.repo_state, input.modes);
  const outputHashes = [manifestHash, ...payloadHashes];
  const taskSpecRef = await putTaskSpec(cas, taskSpec);
  const outputHashesRef = await putOutputHashes(cas, outputHashes);

  // 4. Roots: merged into what is there, never overwritten.
  await deps.addRoots(runsDir, [taskSpecRef, outputHashesRef, manifestHash, ...payloadHashes]);
  // A collection without grace may have taken a record between its store and its rooting (a
  // missing payload fails the audit below; TASK_SPEC is not in OUTPUT_HASHES, so nothing would
  // notice it). Now rooted, they cannot go again: store them once more (a no-op if present).
  await cas.putBytes(manifestBytes);
  await putTaskSpec(cas, taskSpec);
  await putOutputHashes(cas, outputHashes);

  // 5. Mode B audit on OUTPUT_HASHES.
  const audit = await deps.rootAudit({ cas, runsDir, root: input.root, outputHashesRef });
  const passed = audit.verdict === 'PASS';

  // 6. STATUS, rooted; never PASS unless the audit passed.
  const snapshotHash = runSnapshotHash([taskSpecRef, outputHashesRef, manifestHash, ...payloadHashes]);
  const status = packStatus({ passed, snapshotHash, manifestHash, outputHashesRef, taskSpecRef });
  const statusRef = await putStatus(cas, status);
  await deps.addRoots(runsDir, [statusRef]);
  await putStatus(cas, status); // as above: STATUS is in no audit's list
  await deps.appendRun(runsDir, {
    status_ref: statusRef,
    verdict: status.verdict,
    scope: input.scope.key,
    manifest_ref: status.manifest_ref,
    task_spec_ref: taskSpecRef,
    output_hashes_ref: outputHashesRef,
    file_count: manifest.entries.length,
    created_at: (input.now?.() ?? new Date()).toISOString(),
  });
  if (!passed) throw new PackerError('PACK_P2_ROOT_AUDIT_FAIL', auditDetails(audit));

  // 7. Audit again with STATUS rooted; only then the receipt that claims success.
  const final = await deps.rootAudit({ cas, runsDir, root: input.root, outputHashesRef });
  if (final.verdict !== 'PASS') throw new PackerError('PACK_P2_ROOT_AUDIT_FAIL_FINAL', auditDetails(final));
  const manifestRef = formatRef(manifestHash);
  const runRefsBytes = encodeRunRefs({ manifest_ref: manifestRef, output_hashes_ref: outputHashesRef, status_ref: statusRef, task_spec_ref: taskSpecRef });
  const fileCount = manifest.entries.length;
  return { manifestRef, taskSpecRef, outputHashesRef, statusRef, verdict: 'PASS', fileCount, audit: final, manifestBytes, runRefsBytes };
}
