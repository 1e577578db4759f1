// `npm run bench -- --scaling`: cold and warm pack on three corpus sizes.
import { spawnSync } from 'node:child_process';
import { basename, join } from 'node:path';
import { buildScalingCorpora, placeCorpus, statTree } from './corpus.mjs';
import { scalingSummary, summarizeVariant } from './summarize.mjs';
import { readPackedFiles, runPack } from './variants.mjs';

/** Cold and warm pack of one corpus, `opts.runs` measured rounds after a warm-up. */
export async function measureCorpus(env, opts, dir) {
  const placed = placeCorpus(env.session, dir);
  const tree = statTree(placed.dir);
  const ctx = { session: env.session, packBin: env.packBin, scope: opts.scope, packArgs: opts.packArgs,
    corpus: placed.dir, workDir: env.session.dir('cwd') };
  const runs = { cold: [], warm: [] };
  let packed;
  for (let round = 0; round <= opts.runs; round++) {
    const roundDir = env.session.dir(`${basename(dir)}-round-${round}`);
    const store = { casRoot: join(roundDir, 'cas'), runsDir: join(roundDir, 'runs') };
    spawnSync('sync', { stdio: 'ignore' });
    const cold = await runPack(ctx, { label: `cold pack of ${basename(dir)}`, ...store, outDir: join(roundDir, 'cold-out') });
    packed ??= readPackedFiles(join(roundDir, 'cold-out'));
    spawnSync('sync', { stdio: 'ignore' });
    const warm = await runPack(ctx, { label: `warm pack of ${basename(dir)}`, ...store, outDir: join(roundDir, 'warm-out') });
    env.session.remove(roundDir);
    if (round > 0) {
      runs.cold.push(cold);
      runs.warm.push(warm);
    }
    env.log(`${basename(dir)} round ${round}/${opts.runs}${round === 0 ? ' (warm-up)' : ''}: ` +
      `cold ${(cold.wallMs / 1000).toFixed(2)}s ${(cold.maxRssKb / 1024).toFixed(0)} MiB, ` +
      `warm ${(warm.wallMs / 1000).toFixed(2)}s ${(warm.maxRssKb / 1024).toFixed(0)} MiB`);
  }
  if (placed.placement !== 'in-place') env.session.remove(placed.dir);
  return {
    corpus: { name: basename(dir), placement: placed.placement, files: tree.files, bytes: tree.bytes, symlinks: tree.symlinks,
      packedFiles: packed.files, packedBytes: packed.bytes },
    cold: summarizeVariant(runs.cold),
    warm: summarizeVariant(runs.warm),
  };
}

/**
 * @param {{ session: any, packBin: string, repoRoot: string, log: (line: string) => void, machine: object }} env
 * @param {{ runs: number, scope: string, packArgs: string[] }} opts
 */
export async function runScaling(env, opts) {
  const startedAt = new Date().toISOString();
  const dirs = buildScalingCorpora(env.repoRoot, env.log);
  const rows = [];
  for (const dir of dirs) rows.push(await measureCorpus(env, opts, dir));
  return {
    kind: 'scaling',
    startedAt,
    finishedAt: new Date().toISOString(),
    machine: env.machine,
    settings: { runs: opts.runs, warmupRounds: 1, scope: opts.scope, packArgs: opts.packArgs, pageCache: 'warm (not dropped)' },
    ...scalingSummary(rows),
  };
}
