/**
 * A run as the CLI prints it and the library returns it: the ledger entry in camelCase keys (the
 * ledger file keeps its snake_case keys on disk, docs/FORMATS.md §14). One owner of that mapping.
 */
import type { RunEntry } from './types.js';

/** One pack run of the ledger (`listRuns`, `runs list --json`): its records' refs and verdict, when it ran, where its pack went. */
export interface RunSummary {
  statusRef: string;
  verdict: 'PASS' | 'FAIL';
  scope: string;
  manifestRef: string;
  taskSpecRef: string;
  outputHashesRef: string;
  fileCount: number;
  /** When the run was recorded (ISO 8601, UTC); absent for runs recorded before it was kept. */
  createdAt?: string;
  /** The absolute path its pack was published to; absent before it was kept, or before publishing. */
  packDir?: string;
  sealRef?: string;
  archiveSha256?: string;
}

export function toRunSummary(e: RunEntry): RunSummary {
  return {
    statusRef: e.status_ref,
    verdict: e.verdict,
    scope: e.scope,
    manifestRef: e.manifest_ref,
    taskSpecRef: e.task_spec_ref,
    outputHashesRef: e.output_hashes_ref,
    fileCount: e.file_count,
    ...(e.created_at !== undefined ? { createdAt: e.created_at } : {}),
    ...(e.pack_dir !== undefined ? { packDir: e.pack_dir } : {}),
    ...(e.seal_ref !== undefined ? { sealRef: e.seal_ref } : {}),
    ...(e.archive_sha256 !== undefined ? { archiveSha256: e.archive_sha256 } : {}),
  };
}

/**
 * One line of `runs list`: when (UTC, to the second), verdict, scope, files, where the pack went,
 * STATUS ref. A run recorded before time and place were kept shows `-` for them.
 */
export function formatRunLine(r: RunSummary): string {
  const when = r.createdAt === undefined ? '-' : `${r.createdAt.slice(0, 19).replace('T', ' ')}Z`;
  const files = `${r.fileCount} ${r.fileCount === 1 ? 'file' : 'files'}`;
  return `${when}  ${r.verdict}  ${r.scope}  ${files}  ${r.packDir ?? '-'}  ${r.statusRef}`;
}
