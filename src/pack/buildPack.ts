/**
 * The stages that run inside the staging folder, each the one writer of its folders:
 * bodies (repo/, FULL/ and SPLIT/: read and store, stream the bodies, then name them by the stamp
 * and add FULL's treemap and SPLIT's index), render (meta/), the P.2 step (the store only), LITE,
 * the seal (SEAL.json), the archive (`<dest>.zip`, staged inside).
 */
import type { SecretFinding } from '../secrets/index.js';
import { listOmitted, type OmittedEntry } from '../select/index.js';
import { join } from 'node:path';
import { computePackDigest, styleRenderer, type OmittedFile, type PackedFile, type SplitSection } from '../bundle/index.js';
import type { Cas } from '../cas/index.js';
import { outputVariant } from './planOutput.js';
import { PACK_FOLDERS, PACK_MODES, defaultPackName, packPaths, recoverBackup } from '../packdir/index.js';
import type { PackRunRecord } from '../runRecord/index.js';
import { matchAnchors } from '../scopes/index.js';
import { compareCodePoints } from '../util/index.js';
import { createTokenMeter, type TokenMeter } from '../tokens/index.js';
import type { GitContext, RepoState } from '../walk/index.js';
import { renderGitExtras } from './renderGitExtras.js';
import { checkTokenBudget, largestFiles } from './summarizeTokens.js';
import type { PackPlan } from './planPack.js';
import { createFileReader } from './readPackFile.js';
import { writePackDocs } from './renderPackDocs.js';
import type { Screened } from './screenFiles.js';
import type { StageClock } from './stageClock.js';
import type { PackDeps, PackProgress, PackTokens } from './types.js';
import { finishBodies, writeBodies, type WrittenBodies } from './writeBodies.js';
import { writeLite } from './writeLite.js';
import { recordSealOf, writeSeal } from './sealStage.js';
import { writeOuterArchive } from './zipPack.js';

export interface BuildInput {
  plan: PackPlan;
  screened: Screened;
  repoState: RepoState;
  git: GitContext;
  staging: string;
  cas: Cas;
  /** The store with durability in a batch, for the read stage (flushed before the records). */
  readCas: Cas;
  isTextContent: PackDeps['isTextContent'];
  recordPackRun: PackDeps['recordPackRun'];
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
  tokens: PackTokens;
  /** FULL's path inside the pack, when FULL is on. */
  fullName?: string;
  /** Every path not packed, with its reason (meta/OMITTED.json). */
  reasons: OmittedEntry[];
  findings: SecretFinding[];
}

function readStage(input: BuildInput, meter: TokenMeter): Promise<WrittenBodies> {
  const { plan, screened, staging, progress } = input;
  const { scope, modes } = plan;
  const read = createFileReader({
    cas: input.readCas,
    repoDir: join(staging, PACK_FOLDERS.repo),
    textRule: scope.textRule,
    isTextContent: input.isTextContent,
    maxEntryBytes: scope.limits.maxEntryBytes,
    clone: { off: false },
  });
  const filesTotal = screened.files.length;
  const { output } = plan;
  return writeBodies({
    renderer: styleRenderer(output.style),
    meter,
    ...(output.splitTokens !== undefined ? { splitTokens: output.splitTokens } : {}),
    extras: renderGitExtras(input.git),
    files: screened.files,
    scope,
    staging,
    read,
    full: modes.includes('FULL'),
    split: modes.includes('SPLIT'),
    concurrency: plan.concurrency,
    onFile: (d) => progress({ stage: 'read', filesDone: d.files, filesTotal, bytesDone: d.bytes, bytesTotal: screened.bytes }),
  });
}

interface NamedBodies {
  bodies: WrittenBodies;
  cache: PackTokens['cache'];
  estimated: number;
  digest: string;
  stamp: string;
  sections: SplitSection[];
  fullName?: string;
}

/** meta/ (the render stage is its one writer), with what the summary needs. */
async function renderStage(input: BuildInput, named: NamedBodies) {
  const { plan, screened, staging } = input;
  const { scope, modes } = plan;
  const { bodies, digest, stamp, sections, fullName } = named;
  const variant = outputVariant(plan.output, modes, PACK_MODES);
  const dest = plan.outDir ?? join(plan.locations.packsDir, defaultPackName(scope.key, digest, variant));
  if (plan.outDir === undefined) await recoverBackup(dest);
  const omitted: OmittedFile[] = [...screened.omitted.map((f) => ({ rootPath: f.rootPath, bytes: f.size })), ...bodies.omitted];
  omitted.sort((a, b) => compareCodePoints(a.rootPath, b.rootPath));
  const anchors = matchAnchors(scope.anchors, bodies.packed.map((f) => f.rootPath));
  const { output } = plan;
  const renderer = styleRenderer(output.style);
  const files = bodies.packed;
  const findings = [...screened.findings];
  const binary = omitted.map((o) => o.rootPath);
  const limit = scope.limits.maxEntryBytes;
  const tooLarge = screened.tooLarge.map((f) => ({ path: f.rootPath, bytes: f.size, limit }));
  const reasons = listOmitted({ ignored: screened.ignored, binary, textRule: scope.textRule, findings, tooLarge });
  await writePackDocs(staging, {
    reasons,
    secrets: findings,
    scope,
    repoState: input.repoState,
    files,
    omitted,
    digest,
    stamp,
    modes,
    sections,
    anchors,
    output: {
      style: output.style,
      extension: renderer.extension,
      splitKind: bodies.split.kind,
      ...(output.splitTokens !== undefined ? { splitTokens: output.splitTokens } : {}),
    },
    tokens: { encoding: output.encoding, total: bodies.fullTokens },
    git: input.git,
  });
  const split = sections.map((s) => ({ file: packPaths.splitSection(s.fileName), tokens: s.tokens }));
  const tokens = { encoding: output.encoding, total: bodies.fullTokens, largest: largestFiles(files, 5), split };
  return { dest, digest, stamp, omittedCount: omitted.length, missingAnchors: anchors.missing, reasons, findings, tokens, ...(fullName ? { fullName } : {}) };
}

/**
 * The bodies stage, the one writer of repo/, FULL/ and SPLIT/: read and store every file, stream
 * FULL and SPLIT (counts come from the store's token cache first), check the token budget, then
 * name the files by the stamp and write their treemap and index.
 */
async function bodiesStage(input: BuildInput): Promise<NamedBodies> {
  const { plan, staging } = input;
  const meter = await createTokenMeter({ casRoot: plan.locations.casRoot, encoding: plan.output.encoding, workers: plan.output.tokenWorkers });
  let bodies: WrittenBodies;
  try {
    bodies = await readStage(input, meter);
  } finally {
    await meter.close();
  }
  const { tokenBudget } = plan.output;
  if (tokenBudget !== undefined) checkTokenBudget({ budget: tokenBudget, total: bodies.fullTokens, encoding: plan.output.encoding, files: bodies.packed });
  const digest = computePackDigest(bodies.packed);
  const stamp = plan.stamp ?? digest.slice(0, 12);
  const { modes, scope, output } = plan;
  const renderer = styleRenderer(output.style);
  const full = modes.includes('FULL');
  const split = modes.includes('SPLIT');
  const named = await finishBodies({ bodies, scope, staging, renderer, stamp, full, split, encoding: output.encoding });
  const { hits, misses, estimated } = meter.stats;
  return { bodies, cache: { hits, misses }, estimated, digest, stamp, ...named };
}

export async function buildPack(input: BuildInput): Promise<Built> {
  const { plan, staging, clock, progress } = input;
  const named = await clock.time('read', () => bodiesStage(input));
  const { bodies, cache, estimated } = named;
  // One flush makes every stored file durable; it runs while render works, and the records,
  // which name the files and root them, wait for it.
  const durable = input.readCas.sync();
  durable.catch(() => undefined); // awaited below; render failing first must not leave it unhandled
  progress({ stage: 'render' });
  const { tokens, ...rendered } = await clock.time('render', () => renderStage(input, named));
  progress({ stage: 'record' });
  await clock.time('record', () => durable);
  const record = await clock.time('record', () =>
    input.recordPackRun({
      cas: input.cas,
      runsDir: plan.locations.runsDir,
      root: plan.root,
      scope: plan.scope,
      repoState: input.repoState,
      modes: plan.modes,
      entries: bodies.packed.map((f) => ({ path: f.path, bytes: f.bytes, hash: f.hash })),
    }),
  );
  if (plan.modes.includes('LITE')) await clock.time('record', () => writeLite({ staging, scope: plan.scope, files: bodies.packed, record }));
  progress({ stage: 'seal' });
  const { cas } = input;
  const statusRef = record.statusRef;
  const sealRef = await clock.time('seal', () => writeSeal({ plan, staging, cas, statusRef, packed: bodies.packed }));
  const stagedZip = plan.zip ? await clock.time('zip', () => writeOuterArchive(staging)) : undefined;
  const { dest } = rendered;
  await clock.time('seal', () => recordSealOf({ plan, staging, dest, cas, statusRef, sealRef, ...(stagedZip ? { stagedZip } : {}) }));
  return { ...rendered, ...(stagedZip ? { stagedZip } : {}), packed: bodies.packed, record, tokens: { ...tokens, cache, estimated } };
}
