import type { Cas } from '../cas/index.js';

/** The GC report (docs/FORMATS.md §9). Lists are sorted by hash. */
export interface GcReport {
  mode: 'dry_run' | 'apply';
  allow_empty_roots: boolean;
  /** One line per roots file, e.g. `RUN_ROOTS.json (22 roots)`, `GC_PINS.json (missing)`. */
  root_sources: string[];
  roots_count: number;
  /** Roots are the only liveness anchors (no traversal): equal to `roots_count`. */
  reachable_hashes_count: number;
  /** Objects that are not roots (0 when an error stopped the collection before the sweep). */
  candidate_hashes_count: number;
  /** The candidates themselves. */
  candidate_hashes: string[];
  /** Deleted by this run (always empty in a dry run). */
  deleted_hashes: string[];
  /** Candidates left in place, with why (`within grace period`, `vanished`). */
  skipped_hashes: { hash: string; reason: string }[];
  errors: string[];
  /** SHA-256 of the sorted object names before the sweep, joined by `\n`. */
  cas_snapshot_hash: string;
  grace_seconds: number;
}

/** Progress of a collection's sweep, for a progress bar. */
export interface GcProgress {
  phase: 'sweep' | 'done';
  /** Candidates handled so far. */
  done: number;
  total: number;
}

/** Which store {@link runGc} collects, by the roots of which runs dir, and how. */
export interface GcOptions {
  /** The store (see {@link openCas}). */
  cas: Cas;
  /** The runs dir whose roots, pins and ledger keep objects alive (absolute). */
  runsDir: string;
  /** Delete; without it the run only reports (dry run). */
  apply?: boolean;
  /** Policy B: with zero roots nothing is deleted unless this is set. */
  allowEmptyRoots?: boolean;
  /** Objects younger than this are never deleted (default one hour; 0 turns the grace off). */
  graceMs?: number;
  /** The clock the grace period is measured with (tests; default `Date.now`). */
  now?: () => number;
  /** How many candidates are checked or deleted at once (default 8). */
  concurrency?: number;
  onProgress?: (progress: GcProgress) => void;
  /** Stale timeout of the GC and roots locks (tests; default 10 s). */
  lockStaleMs?: number;
}
