/**
 * The sweep: every candidate is checked against the grace period and, when applying, unlinked.
 * One unlink removes one whole object (atomic), so an interrupted sweep leaves only whole objects
 * and a rerun finishes the job. The folders touched are synced once at the end.
 */
import { dirname } from 'node:path';
import type { Cas } from '../cas/index.js';
import { describeFinding } from '../audit/index.js';
import type { LockHandle } from '../roots/index.js';
import { fsyncDir, isPackerError, mapLimit } from '../util/index.js';
import type { GcProgress } from './types.js';

const GRACE_REASON = 'within grace period';
const VANISHED_REASON = 'vanished';

export interface SweepOptions {
  cas: Cas;
  candidates: readonly string[];
  apply: boolean;
  graceMs: number;
  now: () => number;
  concurrency: number;
  locks: readonly LockHandle[];
  onProgress?: (progress: GcProgress) => void;
}

export interface SweepResult {
  deleted: string[];
  skipped: { hash: string; reason: string }[];
  errors: string[];
}

type Outcome = { kind: 'deleted' | 'kept' | 'stopped' } | { kind: 'skipped'; reason: string };

export async function sweepCandidates(options: SweepOptions): Promise<SweepResult> {
  const { cas, candidates } = options;
  const errors: string[] = [];
  let stopped = false;
  let done = 0;
  const total = candidates.length;
  options.onProgress?.({ phase: 'sweep', done, total });

  const handle = async (hash: string): Promise<Outcome> => {
    if (stopped) return { kind: 'stopped' };
    const info = await cas.stat(hash);
    if (info === undefined) return { kind: 'skipped', reason: VANISHED_REASON };
    // A write in flight (or a pack reusing this object, which refreshes its mtime) is protected.
    if (options.graceMs > 0 && options.now() - info.mtimeMs < options.graceMs) return { kind: 'skipped', reason: GRACE_REASON };
    if (!options.apply) return { kind: 'kept' };
    for (const lock of options.locks) lock.assertHeld();
    return (await cas.delete(hash)) ? { kind: 'deleted' } : { kind: 'skipped', reason: VANISHED_REASON };
  };

  const outcomes = await mapLimit(candidates, options.concurrency, async (hash) => {
    let outcome: Outcome;
    try {
      outcome = await handle(hash);
    } catch (err) {
      // A lost lock stops the sweep; any other failure is reported and the sweep goes on.
      if (isPackerError(err) && err.code === 'ROOTS_LOCKED') stopped = true;
      errors.push(`${describeFinding(err)} (object ${hash})`);
      outcome = { kind: 'stopped' };
    }
    done++;
    if (done % 256 === 0) options.onProgress?.({ phase: 'sweep', done, total });
    return outcome;
  });

  const deleted: string[] = [];
  const skipped: { hash: string; reason: string }[] = [];
  outcomes.forEach((o, i) => {
    const hash = candidates[i] as string;
    if (o.kind === 'deleted') deleted.push(hash);
    else if (o.kind === 'skipped') skipped.push({ hash, reason: o.reason });
  });
  if (deleted.length > 0) {
    const folders = [...new Set(deleted.map((h) => dirname(cas.path(h))))].sort();
    await mapLimit(folders, options.concurrency, async (dir) => {
      try {
        await fsyncDir(dir);
      } catch (err) {
        errors.push(describeFinding(err));
      }
    });
  }
  options.onProgress?.({ phase: 'done', done, total });
  return { deleted, skipped, errors };
}
