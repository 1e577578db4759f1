// `npm run bench -- <corpus>`: cold, warm, repomix, floor and hash-only, alternating round by round.
import { spawnSync } from 'node:child_process';
import { basename, join, resolve } from 'node:path';
import { bytesUnder, placeCorpus, statTree } from './corpus.mjs';
import { compareRatios, compareTargets, summarizeVariant } from './summarize.mjs';
import {
  countRepomixFiles, planFloor, prepareFloor, readPackedFiles, runFloor, runHashOnly, runPack, runRepomix,
} from './variants.mjs';

export const VARIANTS = ['cold', 'warm', 'repomix', 'floor', 'hash-only'];

/** Flush dirty pages first, so no process pays for the write-back of the one before it. */
function settle() {
  spawnSync('sync', { stdio: 'ignore' });
}

/** What the cold pack packed and wrote, and the floor that copies as many bytes: learnt once. */
function learnFromCold(ctx, cold, store, outDir) {
  const packed = readPackedFiles(outDir);
  // Each inode once: repo/ copies are hard links to CAS objects (counted with the CAS).
  const seen = new Set();
  const casBytes = bytesUnder(store.casRoot, seen);
  const coldWrites = { outDirBytes: bytesUnder(outDir, seen), casBytes, runsDirBytes: bytesUnder(store.runsDir, seen) };
  coldWrites.totalBytes = coldWrites.outDirBytes + coldWrites.casBytes;
  const plan = planFloor(packed, coldWrites.totalBytes);
  return { packed, coldWrites, floor: prepareFloor(ctx, packed, plan), packSummary: cold.summary };
}

/** One round: every variant once, in a fixed order; a warm pack reuses this round's cold store. */
async function runRound(ctx, { round, repomix, learnt }) {
  const dir = ctx.session.dir(`round-${round}`);
  const store = { casRoot: join(dir, 'cas'), runsDir: join(dir, 'runs') };
  const out = {};
  settle();
  out.cold = await runPack(ctx, { label: 'cold pack', ...store, outDir: join(dir, 'cold-out') });
  const facts = learnt ?? learnFromCold(ctx, out.cold, store, join(dir, 'cold-out'));
  settle();
  out.warm = await runPack(ctx, { label: 'warm pack', ...store, outDir: join(dir, 'warm-out') });
  if (repomix) {
    settle();
    const xml = join(dir, 'repomix-output.xml');
    out.repomix = await runRepomix(ctx, xml);
    if (facts.repomix === undefined) facts.repomix = countRepomixFiles(xml);
  }
  settle();
  out.floor = await runFloor(ctx, facts.floor, ctx.session.dir(`round-${round}/floor`));
  settle();
  out['hash-only'] = await runHashOnly(ctx, facts.floor, 'hash-only');
  ctx.session.remove(dir);
  return { out, facts };
}

function describeRound(round, runs, out) {
  const parts = VARIANTS.filter((v) => out[v]).map((v) => `${v} ${(out[v].wallMs / 1000).toFixed(2)}s`);
  return `round ${round}/${runs}${round === 0 ? ' (warm-up)' : ''}: ${parts.join(', ')}`;
}

/**
 * @param {{ session: any, packBin: string, repomixBin: string, log: (line: string) => void, machine: object }} env
 * @param {{ corpus: string, runs: number, scope: string, repomix: boolean, packArgs: string[] }} opts
 */
export async function runCompare(env, opts) {
  const placed = placeCorpus(env.session, opts.corpus);
  const tree = statTree(placed.dir);
  env.log(`corpus ${placed.dir} (${placed.placement}): ${tree.files} files`);
  const ctx = { session: env.session, packBin: env.packBin, repomixBin: env.repomixBin, scope: opts.scope,
    packArgs: opts.packArgs, corpus: placed.dir, workDir: env.session.dir('cwd') };
  const runs = Object.fromEntries(VARIANTS.map((v) => [v, []]));
  let learnt;
  const startedAt = new Date().toISOString();
  for (let round = 0; round <= opts.runs; round++) {
    const { out, facts } = await runRound(ctx, { round, repomix: opts.repomix, learnt });
    learnt = facts;
    if (round > 0) for (const [name, run] of Object.entries(out)) runs[name].push(run);
    env.log(describeRound(round, opts.runs, out));
  }
  const variants = Object.fromEntries(VARIANTS.filter((v) => runs[v].length > 0).map((v) => [v, summarizeVariant(runs[v])]));
  const ratios = compareRatios(variants);
  const { packed, coldWrites, floor } = learnt;
  return {
    kind: 'compare',
    startedAt,
    finishedAt: new Date().toISOString(),
    machine: env.machine,
    settings: { runs: opts.runs, warmupRounds: 1, scope: opts.scope, repomix: opts.repomix, packArgs: opts.packArgs,
      order: VARIANTS.filter((v) => variants[v]), pageCache: 'warm (not dropped)' },
    corpus: { name: basename(resolve(opts.corpus)), placement: placed.placement, files: tree.files, bytes: tree.bytes,
      symlinks: tree.symlinks, packedFiles: packed.files, packedBytes: packed.bytes },
    coldWrites,
    floorPlan: { copies: floor.plan.copies, partialFiles: floor.plan.partial.length, bytesWritten: floor.plan.bytes },
    packSummary: learnt.packSummary,
    repomix: learnt.repomix ?? null,
    variants,
    ratios,
    targets: compareTargets(variants, ratios),
  };
}
