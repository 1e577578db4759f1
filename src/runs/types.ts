/** One remembered pack run (a line of the ledger `RUNS.json` beside RUN_ROOTS.json). */
export interface RunEntry {
  status_ref: string;
  verdict: 'PASS' | 'FAIL';
  scope: string;
  manifest_ref: string;
  task_spec_ref: string;
  output_hashes_ref: string;
  file_count: number;
  /** When the run was recorded (ISO 8601, UTC). Absent in entries written before it was kept. */
  created_at?: string;
  /** Absolute path the run's pack was published to (set with the seal). Absent before it was kept. */
  pack_dir?: string;
  /** Hash of the pack's SEAL.json (stored in the CAS), once the pack is sealed. */
  seal_ref?: string;
  /** SHA-256 of the external archive `<pack>.zip`, with --zip (it cannot hold its own hash). */
  archive_sha256?: string;
}

export const LEDGER_FILE = 'RUNS.json';
