/**
 * `llm-packer pack`: one way through the stages (STYLE guideline 8).
 *   plan → collect → screen (limits) → read+store (FULL/SPLIT streamed) → render → zip → P.2 → LITE → publish
 * Nothing is written to the store or the out dir before the limits passed; everything is built in
 * a staging folder that becomes the pack only after the P.2 step's root audit passed.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { basename, dirname, join } from 'node:path';
import { openCas } from '../cas/index.js';
import { loadConfig, loadConfigFile, resolveStoreLocations } from '../config/index.js';
import { PACK_FOLDERS, createStaging, listPublishLeftovers, publishPack, recoverBackup, removeStaged, removeStagedOnAbort } from '../packdir/index.js';
import { recordPackRun } from '../runRecord/index.js';
import { resolveScope } from '../scopes/index.js';
import { prepareStore, toolPaths } from '../store/index.js';
import { withPackLease } from '../roots/index.js';
import { ledgerPackDirs } from '../runs/index.js';
import { PackerError, createSyncBatch } from '../util/index.js';
import { collectFiles, isTextContent, readGitContext, readRepoState, type GitContext, type RepoState, type Selection } from '../walk/index.js';
import { buildPack, type Built } from './buildPack.js';
import { planPack, type PackPlan } from './planPack.js';
import { screenFiles, type ScreenInput } from './screenFiles.js';
import { scanFiles } from '../secrets/index.js';
import { sourceError } from './sourceError.js';
import type { OmitReason, OmittedEntry } from '../select/index.js';
import { createStageClock, type StageClock } from './stageClock.js';
import type { PackDeps, PackProgress, PackSummary, RunPackOptions } from './types.js';

export const defaultPackDeps: PackDeps = {
  loadConfig: (root, configFile) => (configFile === undefined ? loadConfig(root) : loadConfigFile(configFile)),
  resolveScope,
  resolveStoreLocations,
  readRepoState,
  readGitContext: (root, options) => readGitContext(root, options),
  collectFiles: (input) => collectFiles(input),
  isTextContent,
  openCas,
  recordPackRun: (input) => recordPackRun(input),
  now: () => performance.now(),
};

/**
 * Every path of llm-packer's own that a walk of the root skips: the store, runs and packs dirs,
 * the out dir, what a killed run left beside it, and every pack the ledger says was published (an
 * earlier `--out-dir` inside the root would otherwise be packed by the next run).
 */
async function ownPaths(plan: PackPlan): Promise<string[]> {
  const leftovers = plan.outDir === undefined ? [] : await listPublishLeftovers(plan.outDir);
  const earlier = await ledgerPackDirs(plan.locations.runsDir);
  return [...toolPaths(plan.root, plan.locations, plan.outDir), ...leftovers, ...earlier.flatMap((d) => [d, `${d}.zip`])];
}

/** The walk, the repository state and the git context; `exclude` is what the walk skipped as llm-packer's own (`ownPaths`). */
export async function collect(
  plan: PackPlan,
  deps: PackDeps,
): Promise<{ selection: Selection; repoState: RepoState; git: GitContext; exclude: string[] }> {
  const exclude = await ownPaths(plan);
  const { includeDiff, includeLog } = plan.output;
  const [selection, repoState, git] = await Promise.all([
    deps.collectFiles({ root: plan.root, scope: plan.scope, exclude, select: plan.selection.rules }),
    deps.readRepoState(plan.root),
    deps.readGitContext(plan.root, { includeDiff, includeLog }),
  ]);
  return { selection, repoState, git, exclude };
}

function summarize(plan: PackPlan, built: Built, clock: StageClock, warnings: readonly string[]): PackSummary {
  const { scope } = plan;
  const bytes = built.packed.reduce((n, f) => n + f.bytes, 0);
  const r = built.record;
  return {
    scope: { key: scope.key, title: scope.title },
    outDir: built.dest,
    ...(built.stagedZip ? { archive: `${built.dest}.zip` } : {}),
    modes: [...plan.modes],
    filesPacked: built.packed.length,
    filesOmitted: built.omittedCount,
    bytes,
    tokens: built.tokens,
    ...(built.fullName ? { fullFile: join(built.dest, built.fullName) } : {}),
    digest: built.digest,
    stamp: built.stamp,
    refs: {
      manifestRef: r.manifestRef,
      taskSpecRef: r.taskSpecRef,
      outputHashesRef: r.outputHashesRef,
      statusRef: r.statusRef,
      verdict: r.verdict,
    },
    missingAnchors: built.missingAnchors,
    leftOut: countReasons(built.reasons),
    secrets: built.findings,
    warnings: [...warnings],
    timingsMs: clock.report(),
  };
}

/** The secret scan of the screen stage, timed on its own (the screen's time includes it). */
function secretScan(plan: PackPlan, isText: PackDeps['isTextContent'], clock: StageClock): ScreenInput['scan'] {
  const { mode, allow } = plan.selection.secrets;
  const concurrency = plan.concurrency;
  return (files) => {
    // An unreadable file fails as the read stage would say it (PACK_P2_MISSING_SOURCE and why).
    const byAbs = new Map(files.map((f) => [f.absPath, f]));
    const read = (absPath: string): Uint8Array => {
      try {
        return readFileSync(absPath);
      } catch (err) {
        const f = byAbs.get(absPath) as { path?: string; rootPath: string } | undefined;
        throw sourceError(err, f?.path ?? f?.rootPath ?? absPath);
      }
    };
    return clock.time('secrets', () => scanFiles({ files, mode, allow, isText, concurrency, read }));
  };
}

function countReasons(entries: readonly OmittedEntry[]): Partial<Record<OmitReason, number>> {
  const counts: Partial<Record<OmitReason, number>> = {};
  for (const e of entries) counts[e.reason] = (counts[e.reason] ?? 0) + 1;
  return counts;
}

/** The staging folder with the folders of the modes on (see `createStaging`). */
function stagingFor(plan: PackPlan): Promise<string> {
  const { outDir, locations, scope } = plan;
  const parent = outDir === undefined ? locations.packsDir : dirname(outDir);
  const name = outDir === undefined ? `llm-pack-${scope.key}` : basename(outDir);
  const folders = [PACK_FOLDERS.meta, PACK_FOLDERS.repo, ...plan.modes];
  return createStaging(parent, name, folders);
}

/**
 * Pack the folder `options.root`: select its files, store each one in the content-addressed store,
 * write FULL, SPLIT, LITE, meta/ and repo/ into a staging folder, record the run (manifest,
 * TASK_SPEC, OUTPUT_HASHES, STATUS, roots, ledger), seal the pack and publish it at its out dir
 * (by default `<packsDir>/llm-pack-<scope>-<digest12>`). Nothing is written to the store or the
 * out dir before the limits passed; a failed run leaves the previous pack in place.
 *
 * @param options - What to pack and how; every path must be absolute.
 * @param overrides - For tests only: replace single steps (file walk, git, clock, …).
 * @returns What was packed, where, the refs of the run's records and the token counts.
 * @throws {@link PackerError} `USAGE` for a relative path; `PACK_EMPTY` when the scope selects no
 *   file (unless `allowEmpty`); `PACK_LIMIT_EXCEEDED` or `PACK_TOKEN_BUDGET` past a limit;
 *   `PACK_SCOPE_UNKNOWN`, `CONFIG_INVALID`, `STORE_NOT_BOUND`, and the `PACK_P2_*` codes when the
 *   run's records fail their audit.
 * @example
 * ```ts
 * import { runPack } from 'llm-packer';
 *
 * const summary = await runPack({ root: '/home/me/project', style: 'xml', tokenBudget: 200_000 });
 * console.log(summary.outDir, summary.tokens.total, summary.refs.manifestRef);
 * ```
 */
export async function runPack(options: RunPackOptions, overrides: Partial<PackDeps> = {}): Promise<PackSummary> {
  const deps: PackDeps = { ...defaultPackDeps, ...overrides };
  const clock = createStageClock(deps.now);
  const progress = (e: PackProgress) => options.onProgress?.(e);

  const plan = await clock.time('scope', () => planPack(options, deps));
  const { scope } = plan;
  progress({ stage: 'scope', scope: { key: scope.key, title: scope.title } });
  const where = { ...(plan.outDir !== undefined ? { outDir: plan.outDir } : {}) };
  await prepareStore(plan.locations, { ...where, write: false }); // refuse a foreign pair before any write
  if (plan.outDir !== undefined) await recoverBackup(plan.outDir);
  const { selection, repoState, git } = await clock.time('collect', () => collect(plan, deps));
  progress({ stage: 'collect', files: selection.files.length + selection.omitted.length });
  const scan = secretScan(plan, deps.isTextContent, clock);
  const screened = await clock.time('screen', () =>
    screenFiles({ selection, scope, isTextContent: deps.isTextContent, concurrency: plan.concurrency, scan, oversize: plan.selection.oversize, allowUnportablePaths: plan.allowUnportablePaths }),
  );
  progress({ stage: 'screen', files: screened.files.length, omitted: screened.omitted.length, bytes: screened.bytes });
  if (screened.files.length === 0 && options.allowEmpty !== true) {
    throw new PackerError('PACK_EMPTY', ` the ${scope.key} scope selected no file to pack in ${plan.root}`, {
      hint: 'check --scope and the ignore rules, or pass --allow-empty to write an empty pack',
    });
  }

  await prepareStore(plan.locations, { ...where, write: true }); // binds a new pair, git-ignores .llm-packer/
  // From the first object stored to the roots written, a collector must keep off (packLease.ts).
  const onWait = (holder: string) => progress({ stage: 'wait', holder });
  const built = await withPackLease(plan.locations.runsDir, () => buildAndPublish(plan, screened, repoState, git, deps, clock, progress, options.signal), { onWait });
  return summarize(plan, built, clock, screened.unportable.map((u) => u.message));
}

async function buildAndPublish(
  plan: PackPlan,
  screened: Awaited<ReturnType<typeof screenFiles>>,
  repoState: RepoState,
  git: GitContext,
  deps: PackDeps,
  clock: StageClock,
  progress: (e: PackProgress) => void,
  signal: AbortSignal | undefined,
): Promise<Built> {
  const staging = await stagingFor(plan);
  // On SIGINT/SIGTERM (the CLI aborts the signal) the staging folder goes before the process exits.
  const stopWatching = removeStagedOnAbort(staging, signal);
  let published = false;
  try {
    const cas = deps.openCas(plan.locations.casRoot);
    // The read stage stores every packed file with durability in one batch (buildPack flushes it
    // before the run's records and roots name any of them); later puts are durable one by one.
    const readCas = deps.openCas(plan.locations.casRoot, { syncBatch: createSyncBatch() });
    const { isTextContent: isText, recordPackRun: record } = deps;
    const built = await buildPack({ plan, screened, repoState, git, staging, cas, readCas, isTextContent: isText, recordPackRun: record, clock, progress });
    progress({ stage: 'publish' });
    // From here a signal leaves the staging folder alone: removing it while the publish renames
    // it into place could publish half of it; an interrupted publish is settled by recovery.
    stopWatching();
    await clock.time('publish', () => publishPack({ staging, dest: built.dest }));
    published = true;
    return built;
  } finally {
    stopWatching();
    if (!published) await removeStaged([staging]);
  }
}
