/**
 * `llm-packer pack`: one way through the stages (STYLE guideline 8).
 *   scope → collect → screen (limits) → read+store (FULL/SPLIT streamed) → render → zip → P.2 → publish
 * Nothing is written to the store or the out dir before the limits passed; everything is built in
 * a staging folder that becomes the pack only after the P.2 step's root audit passed.
 */
import { performance } from 'node:perf_hooks';
import { basename, dirname, join, relative, resolve, isAbsolute } from 'node:path';
import { computePackDigest, estimateTokens, packPaths, type BundleMode } from '../bundle/index.js';
import { openCas } from '../cas/index.js';
import { loadConfig, resolveStoreLocations } from '../config/index.js';
import { recordPackRun } from '../p2/index.js';
import { matchAnchors, resolveScope, type Scope } from '../scopes/index.js';
import { PackerError, compareCodePoints } from '../util/index.js';
import { collectFiles, isTextContent, readRepoState } from '../walk/index.js';
import { createStaging, publishPack, recoverBackup, removeStaged } from './publishPack.js';
import { createFileReader } from './readPackFile.js';
import { writePackDocs } from './renderPackDocs.js';
import { screenFiles, type Screened } from './screenFiles.js';
import { createStageClock } from './stageClock.js';
import type { PackDeps, PackProgress, PackSummary, RunPackOptions } from './types.js';
import { finishBodies, writeBodies, type WrittenBodies } from './writeBodies.js';
import { writeInnerArchive, writeOuterArchive } from './zipPack.js';

export const defaultPackDeps: PackDeps = {
  loadConfig,
  resolveScope,
  resolveStoreLocations,
  readRepoState,
  collectFiles: (input) => collectFiles(input),
  isTextContent,
  openCas,
  recordPackRun: (input) => recordPackRun(input),
  now: () => performance.now(),
};

const DEFAULT_CONCURRENCY = 8;
const STAMP = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

function selectModes(modes: RunPackOptions['modes'] = {}): BundleMode[] {
  const on = { FULL: modes.full !== false, SPLIT: modes.split !== false, LITE: modes.lite !== false };
  return (['FULL', 'SPLIT', 'LITE'] as const).filter((m) => on[m]);
}

function checkOptions(options: RunPackOptions, root: string, outDir: string | undefined): void {
  if (options.stamp !== undefined && !STAMP.test(options.stamp)) {
    throw new PackerError('USAGE', ` --stamp ${JSON.stringify(options.stamp)}: use 1-64 letters, digits, '.', '_' or '-'`);
  }
  if (outDir !== undefined) {
    const rel = relative(outDir, root);
    if (rel === '' || (!isAbsolute(rel) && !rel.startsWith('..'))) {
      throw new PackerError('USAGE', ` the out dir ${outDir} holds the packed root; choose a folder beside or inside it`);
    }
  }
}

interface Built {
  dest: string;
  stagedZip?: string;
  bodies: WrittenBodies;
  omittedCount: number;
  digest: string;
  stamp: string;
  missingAnchors: string[];
  record: Awaited<ReturnType<PackDeps['recordPackRun']>>;
}

/** Everything between the limits and publishing, inside the staging folder. */
async function buildPack(input: {
  options: RunPackOptions;
  deps: PackDeps;
  scope: Scope;
  screened: Screened;
  staging: string;
  locations: { casRoot: string; runsDir: string; packsDir: string };
  explicitOut: string | undefined;
  repoState: Awaited<ReturnType<PackDeps['readRepoState']>>;
  modes: BundleMode[];
  clock: ReturnType<typeof createStageClock>;
  progress: (e: PackProgress) => void;
}): Promise<Built> {
  const { options, deps, scope, screened, staging, modes, clock, progress } = input;
  const cas = deps.openCas(input.locations.casRoot);
  const read = createFileReader({ cas, repoDir: join(staging, 'repo'), textRule: scope.textRule, isTextContent: deps.isTextContent, maxEntryBytes: scope.limits.maxEntryBytes });
  const bytesTotal = screened.bytes;
  const bodies = await clock.time('read', () =>
    writeBodies({
      files: screened.files, scope, staging, read, full: modes.includes('FULL'), split: modes.includes('SPLIT'),
      concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
      onFile: (d) => progress({ stage: 'read', filesDone: d.files, filesTotal: screened.files.length, bytesDone: d.bytes, bytesTotal }),
    }),
  );

  progress({ stage: 'render' });
  const digest = computePackDigest(bodies.packed);
  const stamp = options.stamp ?? digest.slice(0, 12);
  const dest = input.explicitOut ?? join(input.locations.packsDir, `llm-pack-${scope.key}-${digest.slice(0, 12)}`);
  const omitted = [...screened.omitted.map((f) => ({ rootPath: f.rootPath, bytes: f.size })), ...bodies.omitted]
    .sort((a, b) => compareCodePoints(a.rootPath, b.rootPath));
  const anchors = matchAnchors(scope.anchors, bodies.packed.map((f) => f.rootPath));
  await clock.time('render', async () => {
    if (input.explicitOut === undefined) await recoverBackup(dest);
    const fullName = modes.includes('FULL') ? packPaths.fullFile(scope.prefix, stamp) : undefined;
    const sections = await finishBodies({ bodies, scope, staging, ...(fullName ? { fullName } : {}) });
    const zip = options.zip === true;
    await writePackDocs(staging, { scope, repoState: input.repoState, files: bodies.packed, omitted, digest, stamp, modes, zip, sections, anchors });
  });

  if (options.zip) {
    progress({ stage: 'zip' });
    await clock.time('zip', () => writeInnerArchive(staging));
  }
  progress({ stage: 'record' });
  const record = await clock.time('record', () =>
    deps.recordPackRun({
      cas, runsDir: input.locations.runsDir, root: resolve(options.root), scope, repoState: input.repoState, modes,
      entries: bodies.packed.map((f) => ({ path: f.path, bytes: f.bytes, hash: f.hash })),
      ...(modes.includes('LITE') ? { liteDir: join(staging, 'LITE') } : {}),
    }),
  );
  const stagedZip = options.zip ? await clock.time('zip', () => writeOuterArchive(staging, dest)) : undefined;
  return { dest, ...(stagedZip ? { stagedZip } : {}), bodies, omittedCount: omitted.length, digest, stamp, missingAnchors: anchors.missing, record };
}

function summarize(scope: Scope, built: Built, modes: BundleMode[], timingsMs: PackSummary['timingsMs']): PackSummary {
  const bytes = built.bodies.packed.reduce((n, f) => n + f.bytes, 0);
  const r = built.record;
  return {
    scope: { key: scope.key, title: scope.title },
    outDir: built.dest,
    ...(built.stagedZip ? { archive: `${built.dest}.zip` } : {}),
    modes,
    filesPacked: built.bodies.packed.length,
    filesOmitted: built.omittedCount,
    bytes,
    estimatedTokens: estimateTokens(bytes),
    digest: built.digest,
    stamp: built.stamp,
    refs: { manifestRef: r.manifestRef, taskSpecRef: r.taskSpecRef, outputHashesRef: r.outputHashesRef, statusRef: r.statusRef, verdict: r.verdict },
    missingAnchors: built.missingAnchors,
    timingsMs,
  };
}

export async function runPack(options: RunPackOptions, overrides: Partial<PackDeps> = {}): Promise<PackSummary> {
  const deps: PackDeps = { ...defaultPackDeps, ...overrides };
  const clock = createStageClock(deps.now);
  const progress = options.onProgress ?? (() => undefined);
  const root = resolve(options.root);
  const explicitOut = options.outDir === undefined ? undefined : resolve(options.outDir);
  checkOptions(options, root, explicitOut);
  const modes = selectModes(options.modes);

  const scope = await clock.time('scope', async () => {
    const config = await deps.loadConfig(root);
    return deps.resolveScope({ root, ...(options.scope ? { scope: options.scope } : {}), ...(config ? { config } : {}), ...(options.limits ? { limits: options.limits } : {}) });
  });
  progress({ stage: 'scope', scope: { key: scope.key, title: scope.title } });
  const locations = await deps.resolveStoreLocations({
    root, scope: scope.key,
    ...(options.casRoot ? { casRoot: options.casRoot } : {}), ...(options.runsDir ? { runsDir: options.runsDir } : {}), ...(options.packsDir ? { packsDir: options.packsDir } : {}),
  });
  if (explicitOut) await recoverBackup(explicitOut);

  const exclude = [locations.casRoot, locations.runsDir, locations.packsDir, ...(explicitOut ? [explicitOut, `${explicitOut}.zip`] : [])];
  const [selection, repoState] = await clock.time('collect', () => Promise.all([deps.collectFiles({ root, scope, exclude }), deps.readRepoState(root)]));
  progress({ stage: 'collect', files: selection.files.length + selection.omitted.length });
  const screened = await clock.time('screen', () =>
    screenFiles({ selection, scope, isTextContent: deps.isTextContent, concurrency: options.concurrency ?? DEFAULT_CONCURRENCY }),
  );
  progress({ stage: 'screen', files: screened.files.length, omitted: screened.omitted.length, bytes: screened.bytes });

  const folders = ['meta', 'repo', ...modes, ...(options.zip ? ['archive'] : [])];
  const staging = await createStaging(explicitOut ? dirname(explicitOut) : locations.packsDir, explicitOut ? basename(explicitOut) : `llm-pack-${scope.key}`, folders);
  let built: Built | undefined;
  let published = false;
  try {
    built = await buildPack({ options, deps, scope, screened, staging, locations, explicitOut, repoState, modes, clock, progress });
    progress({ stage: 'publish' });
    const { dest, stagedZip } = built;
    await clock.time('publish', () => publishPack({ staging, dest, ...(stagedZip ? { stagedZip } : {}) }));
    published = true;
  } finally {
    if (!published) await removeStaged([staging, built?.stagedZip]);
  }
  return summarize(scope, built, modes, clock.report());
}
