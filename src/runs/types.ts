/** One remembered pack run (a line of the ledger `RUNS.json` beside RUN_ROOTS.json). */
export interface RunEntry {
  status_ref: string;
  verdict: 'PASS' | 'FAIL';
  scope: string;
  manifest_ref: string;
  task_spec_ref: string;
  output_hashes_ref: string;
  file_count: number;
}

export const LEDGER_FILE = 'RUNS.json';
