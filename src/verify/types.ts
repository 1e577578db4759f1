import type { Cas } from '../cas/index.js';
import type { PackManifest } from '../manifest/index.js';
import type { RemoteStore } from '../remote/types.js';
import type { RunRefs } from '../runRecord/index.js';
import type { RunEntry } from '../runs/index.js';
import type { Seal } from '../seal/index.js';
import type { ErrorCode } from '../util/index.js';

/** One named step of `verify`. A skipped step (no store at hand) is not ok either. */
export interface VerifyCheck {
  name: string;
  ok: boolean;
  /** The step could not run: what it needs is not at hand (`detail` says what). */
  skipped?: true;
  /** The error code of a failed step. */
  code?: ErrorCode;
  detail: string;
  /** One short line per problem (a changed, missing or extra file, …). */
  problems?: string[];
}

/** What {@link verifyPack} found: one check per step, in order. */
export interface VerifyReport {
  /** The pack folder checked (absolute). */
  pack: string;
  /** Every step ran and passed. */
  ok: boolean;
  /** No step was skipped. */
  complete: boolean;
  checks: VerifyCheck[];
}

/** The pack to verify and the store and runs dir to check it against. */
export interface VerifyOptions {
  /** Absolute path of the pack folder. */
  packDir: string;
  /** The store the pack was made with; without it the steps that need it are skipped. */
  cas?: Cas;
  /** The runs dir (roots and ledger); without it the steps that need it are skipped. */
  runsDir?: string;
  /** The packed root (the audit prints root files relative to it); default: the runs dir. */
  root?: string;
  /**
   * A team store the run was pushed to. What the run needs is brought from it into `cas` (the
   * cache) first; the roots and the audit are the remote's; the ledger is the local one, else the
   * remote's when the local one does not know the run.
   */
  remote?: RemoteStore;
}

/** What the steps learn, for the steps after them. */
export interface VerifyState {
  options: VerifyOptions;
  seal?: { seal: Seal; bytes: Buffer; hash: string };
  /** The ledger entries that recorded the pack's seal, newest first. */
  ledgerEntries?: RunEntry[];
  refs?: RunRefs;
  manifest?: { manifest: PackManifest; bytes: Buffer; hash: string; payloads: string[] };
}

export interface VerifyStep {
  name: string;
  /** `runs`: a runs dir, or a remote (its roots and ledger). */
  needs: readonly ('cas' | 'runs' | 'seal' | 'refs' | 'manifest')[];
  /** Returns the detail of a pass; throws (a PackerError with problems, ideally) on a failure. */
  run(state: VerifyState): Promise<string>;
}
