/** One remembered pack run (a line of the ledger `RUNS.json` beside RUN_ROOTS.json). */
export interface RunEntry {
  status_ref: string;
  verdict: 'PASS' | 'FAIL';
  scope: string;
  manifest_ref: string;
  task_spec_ref: string;
  output_hashes_ref: string;
  file_count: number;
  /** Hash of the pack's SEAL.json (stored in the CAS), once the pack is sealed. */
  seal_ref?: string;
  /** SHA-256 of the external archive `<pack>.zip`, with --zip (it cannot hold its own hash). */
  archive_sha256?: string;
}

export const LEDGER_FILE = 'RUNS.json';
