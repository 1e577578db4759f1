import type { Cas } from '../cas/index.js';
import type { RootSourceName } from '../roots/index.js';

/** One roots file the audit read (`RUN_ROOTS.json` or `GC_PINS.json`) and its state. */
export interface AuditRootSource {
  name: RootSourceName;
  /** Relative to the packed root, `/`-separated. */
  path: string;
  exists: boolean;
  /** SHA-256 of the file's bytes; null when it does not exist. */
  contentHash: string | null;
}

/** The root audit receipt (docs/FORMATS.md §9). Every list is sorted. */
export interface AuditReceipt {
  mode: 'audit';
  rootSources: AuditRootSource[];
  rootsCount: number;
  /** Roots are the only liveness anchors (no traversal): equal to `rootsCount`. */
  reachableHashesCount: number;
  requiredCheck: { enabled: boolean; outputHashesRecord: string | null };
  /** Distinct hashes listed in the OUTPUT_HASHES record (Mode B); 0 in Mode A. */
  requiredTotal: number;
  requiredMissing: string[];
  requiredUnreachable: string[];
  /** Only with `full`: required objects whose bytes do not hash to their name. */
  requiredCorrupt?: string[];
  /** Only with `full`: rooted objects (Mode A and B) whose bytes do not hash to their name. */
  rootedCorrupt?: string[];
  errors: string[];
  casSnapshotHash: string;
  verdict: 'PASS' | 'FAIL';
}

/** Which store and runs dir {@link rootAudit} checks, in Mode A or (with `outputHashesRef`) Mode B. */
export interface RootAuditOptions {
  /** The store (see {@link openCas}). */
  cas: Cas;
  /** The runs dir holding the roots (absolute). */
  runsDir: string;
  /** The packed root: `rootSources[].path` is printed relative to it. */
  root: string;
  /** Mode B: the bare hash of an OUTPUT_HASHES record whose every hash must be stored and rooted. */
  outputHashesRef?: string;
  /** Also rehash every rooted and every required object (`rootedCorrupt`, `requiredCorrupt`). */
  full?: boolean;
}
