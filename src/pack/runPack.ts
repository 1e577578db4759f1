/**
 * `llm-packer pack`: one way through the stages (STYLE guideline 8).
 *   scope → collect → screen (limits) → read+store (FULL/SPLIT streamed) → render → zip → P.2 → publish
 * Nothing is written to the store or the out dir before the limits passed; everything is built in
 * a staging folder that becomes the pack only after the P.2 step's root audit passed.
 */
import { performance } from 'node:perf_hooks';
import { basename, dirname, isAbsolute, join, relative } from 'node:path';
import { estimateTokens, type BundleMode } from '../bundle/index.js';
import { openCas } from '../cas/index.js';
import { loadConfig, loadConfigFile, resolveStoreLocations, type StoreLocations } from '../config/index.js';
import { recordPackRun } from '../p2/index.js';
import { resolveScope, type Scope } from '../scopes/index.js';
import { PackerError } from '../util/index.js';
import { collectFiles, isTextContent, readRepoState, type RepoState, type Selection } from '../walk/index.js';
import { createStaging, listPublishLeftovers, publishPack, recoverBackup, removeStaged } from './publishPack.js';
import { DEFAULT_CONCURRENCY, buildPack, type Built } from './buildPack.js';
import { screenFiles } from './screenFiles.js';
import { createStageClock, type StageClock } from './stageClock.js';
import type { PackDeps, PackProgress, PackSummary, RunPackOptions } from './types.js';

export const defaultPackDeps: PackDeps = {
  loadConfig: (root, configFile) => (configFile === undefined ? loadConfig(root) : loadConfigFile(configFile)),
  resolveScope,
  resolveStoreLocations,
  readRepoState,
  collectFiles: (input) => collectFiles(input),
  isTextContent,
  openCas,
  recordPackRun: (input) => recordPackRun(input),
  now: () => performance.now(),
};

const STAMP = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

function selectModes(modes: RunPackOptions['modes'] = {}): BundleMode[] {
  const on = { FULL: modes.full !== false, SPLIT: modes.split !== false, LITE: modes.lite !== false };
  return (['FULL', 'SPLIT', 'LITE'] as const).filter((m) => on[m]);
}

/** The library never guesses a current directory: every path it is given must be absolute. */
function checkOptions(options: RunPackOptions): void {
  const { root, outDir, casRoot, runsDir, packsDir, configFile } = options;
  for (const [name, path] of Object.entries({ root, outDir, casRoot, runsDir, packsDir, configFile })) {
    if (path !== undefined && !isAbsolute(path)) throw new PackerError('USAGE', ` ${name} must be an absolute path: ${path}`);
  }
  if (options.stamp !== undefined && !STAMP.test(options.stamp)) {
    throw new PackerError('USAGE', ` --stamp ${JSON.stringify(options.stamp)}: use 1-64 letters, digits, '.', '_' or '-'`);
  }
  if (options.outDir !== undefined) {
    const rel = relative(options.outDir, options.root);
    if (rel === '' || (!isAbsolute(rel) && !rel.startsWith('..'))) {
      throw new PackerError('USAGE', ` the out dir ${options.outDir} holds the packed root; choose a folder beside or inside it`);
    }
  }
}

async function resolveRun(options: RunPackOptions, deps: PackDeps): Promise<{ scope: Scope; locations: StoreLocations }> {
  const { root } = options;
  const config = await deps.loadConfig(root, options.configFile);
  const scope = await deps.resolveScope({
    root,
    ...(options.scope !== undefined ? { scope: options.scope } : {}),
    ...(config ? { config } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
  });
  const locations = await deps.resolveStoreLocations({
    root,
    scope: scope.key,
    ...(options.casRoot !== undefined ? { casRoot: options.casRoot } : {}),
    ...(options.runsDir !== undefined ? { runsDir: options.runsDir } : {}),
    ...(options.packsDir !== undefined ? { packsDir: options.packsDir } : {}),
  });
  return { scope, locations };
}

/** The store's folders and the out dir (with its archive) are never packed. */
function excludedPaths(locations: StoreLocations, outDir: string | undefined): string[] {
  const out = outDir === undefined ? [] : [outDir, `${outDir}.zip`];
  return [locations.casRoot, locations.runsDir, locations.packsDir, ...out];
}

async function collect(input: {
  options: RunPackOptions;
  deps: PackDeps;
  scope: Scope;
  locations: StoreLocations;
}): Promise<{ selection: Selection; repoState: RepoState }> {
  const { options, deps, scope } = input;
  // Nor is what a killed run left beside the out dir (it may be inside the root).
  const leftovers = options.outDir === undefined ? [] : await listPublishLeftovers(options.outDir);
  const exclude = [...excludedPaths(input.locations, options.outDir), ...leftovers];
  const [selection, repoState] = await Promise.all([
    deps.collectFiles({ root: options.root, scope, exclude }),
    deps.readRepoState(options.root),
  ]);
  return { selection, repoState };
}

function summarize(scope: Scope, built: Built, modes: BundleMode[], clock: StageClock): PackSummary {
  const bytes = built.packed.reduce((n, f) => n + f.bytes, 0);
  const r = built.record;
  return {
    scope: { key: scope.key, title: scope.title },
    outDir: built.dest,
    ...(built.stagedZip ? { archive: `${built.dest}.zip` } : {}),
    modes,
    filesPacked: built.packed.length,
    filesOmitted: built.omittedCount,
    bytes,
    estimatedTokens: estimateTokens(bytes),
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
    timingsMs: clock.report(),
  };
}

/** Build a pack of `options.root` (see the module comment); returns what a user wants to know. */
export async function runPack(options: RunPackOptions, overrides: Partial<PackDeps> = {}): Promise<PackSummary> {
  const deps: PackDeps = { ...defaultPackDeps, ...overrides };
  checkOptions(options);
  const clock = createStageClock(deps.now);
  const progress = (e: PackProgress) => options.onProgress?.(e);
  const modes = selectModes(options.modes);
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const { outDir } = options;

  const { scope, locations } = await clock.time('scope', () => resolveRun(options, deps));
  progress({ stage: 'scope', scope: { key: scope.key, title: scope.title } });
  if (outDir !== undefined) await recoverBackup(outDir);
  const { selection, repoState } = await clock.time('collect', () => collect({ options, deps, scope, locations }));
  progress({ stage: 'collect', files: selection.files.length + selection.omitted.length });
  const screened = await clock.time('screen', () =>
    screenFiles({ selection, scope, isTextContent: deps.isTextContent, concurrency }),
  );
  progress({ stage: 'screen', files: screened.files.length, omitted: screened.omitted.length, bytes: screened.bytes });

  const parent = outDir === undefined ? locations.packsDir : dirname(outDir);
  const name = outDir === undefined ? `llm-pack-${scope.key}` : basename(outDir);
  const staging = await createStaging(parent, name, ['meta', 'repo', ...modes, ...(options.zip ? ['archive'] : [])]);
  let built: Built | undefined;
  let published = false;
  try {
    built = await buildPack({ options, deps, scope, screened, staging, locations, repoState, modes, clock, progress });
    progress({ stage: 'publish' });
    const { dest } = built;
    await clock.time('publish', () => publishPack({ staging, dest }));
    published = true;
  } finally {
    if (!published) await removeStaged([staging]);
  }
  return summarize(scope, built, modes, clock);
}
