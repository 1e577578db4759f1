/**
 * The stages that run inside the staging folder: read+store with FULL/SPLIT streamed, render
 * (final names, meta/, indexes), the inner archive, the P.2 step, the outer archive.
 */
import { join } from 'node:path';
import { computePackDigest, packPaths, type BundleMode, type OmittedFile, type PackedFile } from '../bundle/index.js';
import type { StoreLocations } from '../config/index.js';
import type { PackRunRecord } from '../p2/index.js';
import { matchAnchors, type Scope } from '../scopes/index.js';
import { compareCodePoints } from '../util/index.js';
import type { RepoState } from '../walk/index.js';
import { recoverBackup } from './publishPack.js';
import { createFileReader } from './readPackFile.js';
import { writePackDocs } from './renderPackDocs.js';
import type { Screened } from './screenFiles.js';
import type { StageClock } from './stageClock.js';
import type { PackDeps, PackProgress, RunPackOptions } from './types.js';
import { finishBodies, writeBodies, type WrittenBodies } from './writeBodies.js';
import { writeInnerArchive, writeOuterArchive } from './zipPack.js';

/** Files read at once unless the caller says otherwise. */
export const DEFAULT_CONCURRENCY = 8;

export interface BuildInput {
  options: RunPackOptions;
  deps: PackDeps;
  scope: Scope;
  screened: Screened;
  staging: string;
  locations: StoreLocations;
  repoState: RepoState;
  modes: BundleMode[];
  clock: StageClock;
  progress: (e: PackProgress) => void;
}

export interface Built {
  dest: string;
  stagedZip?: string;
  packed: PackedFile[];
  omittedCount: number;
  digest: string;
  stamp: string;
  missingAnchors: string[];
  record: PackRunRecord;
}

function readStage(input: BuildInput, cas: ReturnType<PackDeps['openCas']>): Promise<WrittenBodies> {
  const { options, deps, scope, screened, staging, modes, progress } = input;
  const read = createFileReader({
    cas,
    repoDir: join(staging, 'repo'),
    textRule: scope.textRule,
    isTextContent: deps.isTextContent,
    maxEntryBytes: scope.limits.maxEntryBytes,
  });
  const filesTotal = screened.files.length;
  return writeBodies({
    files: screened.files,
    scope,
    staging,
    read,
    full: modes.includes('FULL'),
    split: modes.includes('SPLIT'),
    concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
    onFile: (d) => progress({ stage: 'read', filesDone: d.files, filesTotal, bytesDone: d.bytes, bytesTotal: screened.bytes }),
  });
}

async function renderStage(input: BuildInput, bodies: WrittenBodies) {
  const { options, scope, screened, staging, modes } = input;
  const digest = computePackDigest(bodies.packed);
  const stamp = options.stamp ?? digest.slice(0, 12);
  const dest = options.outDir ?? join(input.locations.packsDir, `llm-pack-${scope.key}-${digest.slice(0, 12)}`);
  if (options.outDir === undefined) await recoverBackup(dest);
  const omitted: OmittedFile[] = [...screened.omitted.map((f) => ({ rootPath: f.rootPath, bytes: f.size })), ...bodies.omitted];
  omitted.sort((a, b) => compareCodePoints(a.rootPath, b.rootPath));
  const anchors = matchAnchors(scope.anchors, bodies.packed.map((f) => f.rootPath));
  const fullName = modes.includes('FULL') ? packPaths.fullFile(scope.prefix, stamp) : undefined;
  const sections = await finishBodies({ bodies, scope, staging, ...(fullName ? { fullName } : {}) });
  const zip = options.zip === true;
  const files = bodies.packed;
  await writePackDocs(staging, { scope, repoState: input.repoState, files, omitted, digest, stamp, modes, zip, sections, anchors });
  return { dest, digest, stamp, omittedCount: omitted.length, missingAnchors: anchors.missing };
}

export async function buildPack(input: BuildInput): Promise<Built> {
  const { options, deps, scope, staging, modes, clock, progress } = input;
  const cas = deps.openCas(input.locations.casRoot);
  const bodies = await clock.time('read', () => readStage(input, cas));
  progress({ stage: 'render' });
  const rendered = await clock.time('render', () => renderStage(input, bodies));
  if (options.zip) {
    progress({ stage: 'zip' });
    await clock.time('zip', () => writeInnerArchive(staging));
  }
  progress({ stage: 'record' });
  const record = await clock.time('record', () =>
    deps.recordPackRun({
      cas,
      runsDir: input.locations.runsDir,
      root: options.root,
      scope,
      repoState: input.repoState,
      modes,
      entries: bodies.packed.map((f) => ({ path: f.path, bytes: f.bytes, hash: f.hash })),
      ...(modes.includes('LITE') ? { liteDir: join(staging, 'LITE') } : {}),
    }),
  );
  const stagedZip = options.zip ? await clock.time('zip', () => writeOuterArchive(staging)) : undefined;
  return { ...rendered, ...(stagedZip ? { stagedZip } : {}), packed: bodies.packed, record };
}
