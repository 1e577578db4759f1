import type { ManifestRepoState } from '../manifest/index.js';
import type { PackStatus, TaskSpec } from '../records/index.js';
import { PACK_MODES, type PackMode } from '../packdir/index.js';
import { compareCodePoints, sha256Hex } from '../util/index.js';

/** The parts of a scope that a run's TASK_SPEC records. */
export interface RecordedScope {
  key: string;
  includeDirs: readonly string[];
  excludedDirParts: readonly string[];
}

/** TASK_SPEC of a pack run (docs/FORMATS.md §4): deterministic inputs only. */
export function packTaskSpec(scope: RecordedScope, repoState: ManifestRepoState, modes: readonly PackMode[]): TaskSpec {
  return {
    excluded_dir_parts: [...new Set(scope.excludedDirParts)].sort(compareCodePoints),
    grammar_version: '1.0',
    include_dirs: [...scope.includeDirs],
    manifest_version: 'P2.0',
    modes: PACK_MODES.filter((m) => modes.includes(m)),
    repo_state: { ...repoState },
    scope: scope.key,
  };
}

/**
 * SHA-256 of the sorted unique set {task spec, output hashes, manifest, every payload} joined by
 * `\n` (docs/FORMATS.md §4): one hash that names everything the run produced.
 */
export function runSnapshotHash(hashes: Iterable<string>): string {
  return sha256Hex([...new Set(hashes)].sort().join('\n'));
}

export function packStatus(fields: {
  passed: boolean;
  snapshotHash: string;
  manifestHash: string;
  outputHashesRef: string;
  taskSpecRef: string;
}): PackStatus {
  return {
    cas_snapshot_hash: fields.snapshotHash,
    manifest_ref: `sha256:${fields.manifestHash}`,
    output_hashes_ref: fields.outputHashesRef,
    state: fields.passed ? 'COMPLETED' : 'FAILED',
    task_spec_ref: fields.taskSpecRef,
    verdict: fields.passed ? 'PASS' : 'FAIL',
  };
}
