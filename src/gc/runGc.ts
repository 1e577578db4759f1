/**
 * Garbage collection, Policy B (docs/FORMATS.md §9): mark = the roots (no traversal) and the seal
 * refs of the run ledger, sweep = every other object. Dry run unless `apply`. One collector at a time (the GC lock, `GC_BUSY`), none
 * while a pack holds a lease (roots/packLease.ts: it has stored objects it has not rooted yet), and the roots lock is held from reading the roots to the end of the sweep, so no root is added mid-sweep.
 * Findings go in the report's `errors`; with any error before the sweep nothing is deleted.
 */
import { mkdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describeFinding, storeSnapshot } from '../audit/index.js';
import {
  GC_LOCK_NAME,
  ROOT_FILES,
  ROOT_SOURCE_NAMES,
  inspectRootFile,
  livePackLeases,
  withDirLock,
  withRootsLock,
  type InspectedRootFile,
  type LockHandle,
  type RootSourceName,
} from '../roots/index.js';
import { checkStoreBinding } from '../store/index.js';
import { ledgerSealRefs } from '../runs/index.js';
import { PackerError, assertAbsolute, compareCodePoints } from '../util/index.js';
import { TRACKED_REASON, gitTrackedObjects } from './gitTrackedObjects.js';
import { sweepCandidates } from './sweepCandidates.js';
import type { GcOptions, GcReport } from './types.js';

const DEFAULT_GRACE_MS = 3_600_000;
export const GC_EMPTY_ROOTS_ERROR =
  'POLICY_LOCK: Empty roots detected and allow_empty_roots=False. Fail-closed: no deletions.';

/** A root source and what went wrong reading it (malformed, or unreadable: permissions, I/O). */
async function readSource(runsDir: string, name: RootSourceName): Promise<{ source: InspectedRootFile; error?: string }> {
  try {
    const source = await inspectRootFile(runsDir, name);
    return source.error ? { source, error: source.error.message } : { source };
  } catch (err) {
    const path = join(runsDir, ROOT_FILES[name]);
    return { source: { state: { name, path, exists: true, contentHash: null, hashes: [] } }, error: describeFinding(err) };
  }
}

function describeSource({ source: { state }, error }: { source: InspectedRootFile; error?: string }): string {
  const file = ROOT_FILES[state.name];
  if (error) return `${file} (invalid)`;
  if (!state.exists) return `${file} (missing)`;
  return `${file} (${state.hashes.length} roots)`;
}

/** The seal refs of the run ledger; an unreadable ledger is an error (nothing is deleted). */
async function readSeals(runsDir: string, errors: string[]): Promise<Set<string>> {
  try {
    return await ledgerSealRefs(runsDir);
  } catch (err) {
    errors.push(describeFinding(err));
    return new Set();
  }
}

function checkGrace(graceMs: number): void {
  if (!Number.isSafeInteger(graceMs) || graceMs < 0) {
    throw new PackerError('INPUT_INVALID', ` the GC grace must be a whole number of milliseconds >= 0, not ${graceMs}`);
  }
}

async function collect(options: GcOptions, locks: LockHandle[]): Promise<GcReport> {
  const apply = options.apply === true;
  const allowEmpty = options.allowEmptyRoots === true;
  const graceMs = options.graceMs ?? DEFAULT_GRACE_MS;
  const sources = await Promise.all(ROOT_SOURCE_NAMES.map((n) => readSource(options.runsDir, n)));
  const errors = sources.flatMap((s) => (s.error ? [s.error] : []));
  const roots = new Set(sources.flatMap((s) => s.source.state.hashes));
  if (errors.length === 0 && roots.size === 0 && !allowEmpty) errors.push(GC_EMPTY_ROOTS_ERROR);
  // Seals the ledger records are live too, but never roots: with no roots, nothing is deleted.
  const seals = await readSeals(options.runsDir, errors);
  const snapshot = await storeSnapshot(options.cas);
  const report: GcReport = {
    mode: apply ? 'apply' : 'dry_run',
    allow_empty_roots: allowEmpty,
    root_sources: sources.map(describeSource),
    roots_count: roots.size,
    reachable_hashes_count: roots.size,
    candidate_hashes_count: 0,
    candidate_hashes: [],
    deleted_hashes: [],
    skipped_hashes: [],
    errors,
    cas_snapshot_hash: snapshot.hash,
    grace_seconds: Math.floor(graceMs / 1000),
  };
  if (errors.length > 0) return report; // fail closed: no sweep at all

  let tracked: Set<string>;
  try {
    tracked = await gitTrackedObjects(options.cas.root);
  } catch (err) {
    return { ...report, errors: [describeFinding(err)] }; // fail closed: no sweep
  }
  const candidates = snapshot.objects.filter((h) => !roots.has(h) && !seals.has(h));
  const swept = await sweepCandidates({
    cas: options.cas,
    candidates: candidates.filter((h) => !tracked.has(h)),
    apply,
    graceMs,
    now: options.now ?? Date.now,
    concurrency: options.concurrency ?? 8,
    locks,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  return {
    ...report,
    candidate_hashes_count: candidates.length,
    candidate_hashes: candidates,
    deleted_hashes: swept.deleted,
    skipped_hashes: [...swept.skipped, ...candidates.filter((h) => tracked.has(h)).map((hash) => ({ hash, reason: TRACKED_REASON }))].sort(
      (a, b) => compareCodePoints(a.hash, b.hash),
    ),
    errors: swept.errors.sort(compareCodePoints),
  };
}

/**
 * Collect garbage (`llm-packer gc`, docs/FORMATS.md §9): delete the objects of `cas` that no root,
 * pin or recorded seal of `runsDir` names and that are older than the grace period. Without
 * `apply` it only reports what it would delete (a dry run creates nothing). Fail-closed: with no
 * roots (Policy B, unless `allow_empty_roots`) or an unreadable roots file, nothing is deleted.
 *
 * @param options - The store, the runs dir (absolute) and the policy.
 * @returns The report: candidates, deleted and skipped objects, and errors.
 * @throws {@link PackerError} `USAGE` for a relative path; `STORE_NOT_BOUND` when the store is
 *   bound to another runs dir (first use binds an unbound pair that belongs together); `GC_BUSY`
 *   when another collection runs or (with `apply`) a pack holds a lease; `INPUT_INVALID` for a bad grace. No roots is not thrown: the
 *   report's `errors` says `POLICY_LOCK: …` and nothing is deleted.
 * @example
 * ```ts
 * import { openCas, runGc } from 'llm-packer';
 *
 * const dry = await runGc({ cas: openCas(casRoot), runsDir });
 * console.log(`${dry.candidate_hashes_count} objects would go`);
 * await runGc({ cas: openCas(casRoot), runsDir, apply: true });
 * ```
 */
export async function runGc(options: GcOptions): Promise<GcReport> {
  assertAbsolute('runsDir', options.runsDir);
  checkGrace(options.graceMs ?? DEFAULT_GRACE_MS);
  const runsDir = resolve(options.runsDir);
  await checkStoreBinding({ casRoot: options.cas.root, runsDir, write: options.apply === true });
  const lockPath = join(runsDir, GC_LOCK_NAME);
  const timing = options.lockStaleMs !== undefined ? { staleMs: options.lockStaleMs } : {};
  const runsDirExists = await stat(runsDir).then((s) => s.isDirectory(), () => false);
  // No runs dir: no roots to hold still, and no lock folder to create (nothing is deleted anyway).
  if (!runsDirExists && options.apply !== true) return collect({ ...options, runsDir }, []);
  await mkdir(runsDir, { recursive: true });
  // The GC lock first: a second collector must fail at once, not queue behind the roots lock.
  return withDirLock(
    {
      lockPath,
      retries: 0,
      ...timing,
      onBusy: (holder) =>
        new PackerError('GC_BUSY', ` another garbage collection is running (lock ${lockPath})`, {
          hint: `held by ${holder}; wait for it to finish (a lock whose process has ended is taken over at once)`,
        }),
    },
    async (gcLock) => {
      // A pack between storing its objects and rooting them holds a lease: sweeping now could take
      // them. The GC lock is taken first, so a pack that starts from here on waits for us.
      if (options.apply === true) {
        const packs = await livePackLeases(runsDir);
        if (packs.length > 0) {
          throw new PackerError('GC_BUSY', ` ${packs.length} pack(s) are storing objects they have not rooted yet; nothing was deleted`, {
            hint: `held by ${packs[0]}; run gc again when the packs have finished`,
          });
        }
      }
      return withRootsLock(runsDir, (rootsLock) => collect({ ...options, runsDir }, [gcLock, rootsLock]), timing);
    },
  );
}
