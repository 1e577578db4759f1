import type { Cas } from '../cas/index.js';
import type { RootSourceName } from '../roots/index.js';

/** One roots file the audit read (`RUN_ROOTS.json` or `GC_PINS.json`) and its state. */
export interface AuditRootSource {
  name: RootSourceName;
  /** Relative to the packed root, `/`-separated. */
  path: string;
  exists: boolean;
  /** SHA-256 of the file's bytes; null when it does not exist. */
  content_hash: string | null;
}

/** The root audit receipt (docs/FORMATS.md §9). Every list is sorted. */
export interface AuditReceipt {
  mode: 'audit';
  root_sources: AuditRootSource[];
  roots_count: number;
  /** Roots are the only liveness anchors (no traversal): equal to `roots_count`. */
  reachable_hashes_count: number;
  required_check: { enabled: boolean; output_hashes_record: string | null };
  /** Distinct hashes listed in the OUTPUT_HASHES record (Mode B); 0 in Mode A. */
  required_total: number;
  required_missing: string[];
  required_unreachable: string[];
  /** Only with `full`: required objects whose bytes do not hash to their name. */
  required_corrupt?: string[];
  /** Only with `full`: rooted objects (Mode A and B) whose bytes do not hash to their name. */
  rooted_corrupt?: string[];
  /** Only with `full`: roots that name no object in the store. */
  rooted_missing?: string[];
  errors: string[];
  cas_snapshot_hash: string;
  verdict: 'PASS' | 'FAIL';
}

/** Which store and runs dir {@link rootAudit} checks, in Mode A or (with `outputHashesRef`) Mode B. */
export interface RootAuditOptions {
  /** The store (see {@link openCas}). */
  cas: Cas;
  /** The runs dir holding the roots (absolute). */
  runsDir: string;
  /** The packed root: `root_sources[].path` is printed relative to it. */
  root: string;
  /** Mode B: the bare hash of an OUTPUT_HASHES record whose every hash must be stored and rooted. */
  outputHashesRef?: string;
  /** Also rehash every rooted and every required object (`rooted_corrupt`, `required_corrupt`). */
  full?: boolean;
}
