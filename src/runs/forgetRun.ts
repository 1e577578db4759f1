import { openCas } from '../cas/index.js';
import { loadOutputHashes } from '../records/index.js';
import { changeRootsLocked, withRootsLock } from '../roots/index.js';
import { PackerError, assertAbsolute } from '../util/index.js';
import { readLedger, writeLedgerLocked } from './ledger.js';
import type { RunEntry } from './types.js';

/** What {@link forgetRun} removed. */
export interface ForgetResult {
  /** The run forgotten (its STATUS record, bare hex). */
  statusRef: string;
  /** Roots removed from RUN_ROOTS.json, sorted. */
  removedRoots: string[];
  /** Roots of this run kept because another remembered run still needs them. */
  keptRoots: number;
}

/** Every hash a run rooted: its three records plus everything its OUTPUT_HASHES lists. */
async function rootsOfRun(casRoot: string, run: RunEntry): Promise<Set<string>> {
  const outputs = await loadOutputHashes(openCas(casRoot), run.output_hashes_ref);
  return new Set([run.status_ref, run.task_spec_ref, run.output_hashes_ref, ...outputs]);
}

/**
 * Forget a pack run (`llm-packer runs forget`): drop it from the ledger and remove the roots only
 * it holds, so the next {@link runGc} may delete its objects. Done under the roots lock so no pack
 * can add (or rely on) a root between the decision and the write.
 *
 * @param options - The store and runs dir (absolute), and the run's STATUS ref (bare hex).
 * @returns The roots removed and how many were kept for other runs.
 * @throws {@link PackerError} `USAGE` for a relative path; `RUN_NOT_FOUND` when the ledger has no
 *   such run; `ROOTS_LOCKED`, `ROOTS_INVALID` or `RECORD_INVALID` when the roots, ledger or the
 *   run's records cannot be read.
 */
export async function forgetRun(options: { casRoot: string; runsDir: string; statusRef: string }): Promise<ForgetResult> {
  const { casRoot, runsDir, statusRef } = options;
  assertAbsolute('casRoot', casRoot);
  assertAbsolute('runsDir', runsDir);
  return withRootsLock(runsDir, async (lock) => {
    const ledger = await readLedger(runsDir);
    const run = ledger.find((r) => r.status_ref === statusRef);
    if (!run) throw new PackerError('RUN_NOT_FOUND', ` no run with STATUS ref ${statusRef}`);
    const others = ledger.filter((r) => r.status_ref !== statusRef);
    const stillNeeded = new Set<string>();
    for (const other of others) for (const h of await rootsOfRun(casRoot, other)) stillNeeded.add(h);
    const mine = [...(await rootsOfRun(casRoot, run))];
    const removable = mine.filter((h) => !stillNeeded.has(h));
    const change = await changeRootsLocked(runsDir, removable, { remove: true, lock });
    await writeLedgerLocked(runsDir, others);
    return { statusRef, removedRoots: change.changed, keptRoots: mine.length - removable.length };
  });
}
