// `npm run bench -- <corpus>`: our cold and warm pack, the peers and the floor, alternating round
// by round (every variant once per round, always in the same order).
import { spawnSync } from 'node:child_process';
import { basename, join, resolve } from 'node:path';
import { bytesUnder, copyCheckout, placeCorpus, statTree } from './corpus.mjs';
import { REPOMIX_CACHED_SUFFIX, compareRatios, compareTargets, summarizeVariant } from './summarize.mjs';
import { countRepomixFiles, prepareLists, readPackedFiles, runFloor, runPack, runPython, runRepomix } from './variants.mjs';

/** Flush dirty pages first, so no process pays for the write-back of the one before it. */
function settle() {
  spawnSync('sync', { stdio: 'ignore' });
}

/** What the cold pack packed and wrote: learnt once, from the warm-up round. */
function learnFromCold(ctx, cold, store, outDir) {
  const packed = readPackedFiles(outDir);
  // Each inode once: repo/ copies may be links to store objects (counted with the store).
  const seen = new Set();
  const casBytes = bytesUnder(store.casRoot, seen);
  const coldWrites = { outDirBytes: bytesUnder(outDir, seen) + bytesUnder(`${outDir}.zip`, seen), casBytes };
  coldWrites.totalBytes = coldWrites.outDirBytes + coldWrites.casBytes;
  return { packed, coldWrites, lists: prepareLists(ctx, packed), packSummary: cold.summary, peers: {} };
}

/** One round: every variant once; a warm pack reuses this round's cold store. */
async function runRound(ctx, { round, peers, pythonTree, learnt }) {
  const dir = ctx.session.dir(`round-${round}`);
  const store = { casRoot: join(dir, 'cas'), runsDir: join(dir, 'runs') };
  const out = {};
  settle();
  out.cold = await runPack(ctx, { label: 'cold pack', ...store, outDir: join(dir, 'cold-out') });
  const facts = learnt ?? learnFromCold(ctx, out.cold, store, join(dir, 'cold-out'));
  settle();
  out.warm = await runPack(ctx, { label: 'warm pack', ...store, outDir: join(dir, 'warm-out') });
  for (const peer of peers) {
    settle();
    const xml = join(dir, `${peer.name}.xml`);
    // Cold: a token cache that does not exist yet, as our cold pack has an empty store.
    out[peer.name] = await runRepomix(ctx, peer, facts.lists, xml, { tokenCache: join(dir, `${peer.name}-tokens-cold.json`) });
    facts.peers[peer.name] ??= countRepomixFiles(xml);
    if (peer.tokenCache) {
      // Cached: the cache every round (the warm-up round too) fills, as our warm pack reuses its store.
      settle();
      const tokenCache = join(ctx.session.dir('repomix-token-cache'), `${peer.name}.json`);
      const label = `${peer.name}${REPOMIX_CACHED_SUFFIX}`;
      out[label] = await runRepomix(ctx, peer, facts.lists, join(dir, `${label}.xml`), { label, tokenCache });
    }
  }
  if (pythonTree !== undefined) {
    settle();
    out.python = await runPython(ctx, pythonTree);
  }
  settle();
  out.floor = await runFloor(ctx, facts.lists, ctx.session.dir(`round-${round}/floor`));
  ctx.session.remove(dir);
  return { out, facts };
}

function describeRound(label, round, runs, out) {
  const parts = Object.entries(out).map(([v, r]) => `${v} ${(r.wallMs / 1000).toFixed(2)}s ${(r.maxRssKb / 1024).toFixed(0)}MiB`);
  return `${label} round ${round}/${runs}${round === 0 ? ' (warm-up)' : ''}: ${parts.join(', ')}`;
}

/**
 * @param {{ session: any, packBin: string, log: (line: string) => void, machine: object, peers: object[] }} env
 * @param {{ corpus: string, name?: string, runs: number, scope: string, packArgs: string[], python?: boolean }} opts
 */
export async function runCompare(env, opts) {
  const placed = placeCorpus(env.session, opts.corpus);
  const tree = statTree(placed.dir);
  const name = opts.name ?? basename(resolve(opts.corpus));
  env.log(`${name}: corpus ${placed.dir} (${placed.placement}), scope ${opts.scope}: ${tree.files} files`);
  const ctx = { session: env.session, packBin: env.packBin, scope: opts.scope, packArgs: opts.packArgs, corpus: placed.dir,
    workDir: env.session.dir('cwd') };
  const pythonTree = opts.python ? copyCheckout(env.session, placed.dir, `python-${name}`) : undefined;
  const runs = {};
  let learnt;
  const startedAt = new Date().toISOString();
  for (let round = 0; round <= opts.runs; round++) {
    const { out, facts } = await runRound(ctx, { round, peers: env.peers, pythonTree, learnt });
    learnt = facts;
    if (round > 0) for (const [variant, run] of Object.entries(out)) (runs[variant] ??= []).push(run);
    env.log(describeRound(name, round, opts.runs, out));
  }
  if (pythonTree !== undefined) env.session.remove(pythonTree);
  const variants = Object.fromEntries(Object.entries(runs).map(([v, r]) => [v, summarizeVariant(r)]));
  const ratios = compareRatios(variants);
  return {
    kind: 'compare',
    startedAt,
    finishedAt: new Date().toISOString(),
    machine: env.machine,
    settings: { runs: opts.runs, warmupRounds: 1, scope: opts.scope, packArgs: opts.packArgs, order: Object.keys(variants),
      pageCache: 'warm (not dropped)' },
    corpus: { name, path: resolve(opts.corpus), placement: placed.placement, files: tree.files, bytes: tree.bytes,
      symlinks: tree.symlinks, packedFiles: learnt.packed.files, packedBytes: learnt.packed.bytes },
    coldWrites: learnt.coldWrites,
    packSummary: learnt.packSummary,
    peers: learnt.peers,
    variants,
    ratios,
    targets: compareTargets(name, variants, ratios),
  };
}
