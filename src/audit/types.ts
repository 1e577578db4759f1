import type { Cas } from '../cas/index.js';
import type { RootSourceName } from '../roots/index.js';

export interface AuditRootSource {
  name: RootSourceName;
  /** Relative to the packed root, `/`-separated. */
  path: string;
  exists: boolean;
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
  errors: string[];
  cas_snapshot_hash: string;
  verdict: 'PASS' | 'FAIL';
}

export interface RootAuditOptions {
  cas: Cas;
  runsDir: string;
  /** The packed root: `root_sources[].path` is printed relative to it. */
  root: string;
  /** Mode B: the bare hash of an OUTPUT_HASHES record whose every hash must be stored and rooted. */
  outputHashesRef?: string;
  /** Also rehash every required object (`required_corrupt`). */
  full?: boolean;
}
