import type { JsonValue } from '../util/index.js';

export type JsonObject = { [key: string]: JsonValue };

/** What a run was asked to do. Deterministic inputs only: no clock, host or absolute path. */
export type TaskSpec = JsonObject;

/** A run's final word. `state` is required; a pack run adds the fields of docs/FORMATS.md §4. */
export type RunStatus = JsonObject & { state: string };

export interface PackStatus extends RunStatus {
  cas_snapshot_hash: string;
  manifest_ref: string;
  output_hashes_ref: string;
  state: 'COMPLETED' | 'FAILED';
  task_spec_ref: string;
  verdict: 'PASS' | 'FAIL';
}
