// `npm run bench -- --suite [--ags DIR]`: every corpus and peer of issue 12 in one run, one JSON.
//   W1    the AGS checkout, scope ags: our pack, repomix 1.18.1 and 1.14.0, the Python packer, floor
//   W2    the AGS checkout, scope repo: the same without Python (it has no such scope)
//   repo  this repository's tracked files: our pack, repomix, floor
//   node_modules ×1 and ×3: our pack only, for memory against repository size
//   start-up: --version and --help against node -e 0
import { buildScalingCorpora } from './corpus.mjs';
import { runCompare } from './runCompare.mjs';
import { measureCorpus } from './runScaling.mjs';
import { runStartup } from './runStartup.mjs';
import { scalingSummary, target } from './summarize.mjs';

/** The targets of issue 12, point 2, from one suite result. */
export function suiteTargets(result) {
  const pick = (corpus, prefix) => result.corpora[corpus]?.targets.filter((t) => t.name.startsWith(`${corpus}: ${prefix}`)) ?? [];
  return [
    ...pick('W1', 'cold pack'), ...pick('W1', 'repomix'), ...pick('W1', 'warm repack'), ...pick('W1', 'peak RSS'),
    target('--version ≤ 2× node -e 0', result.startup.ratios.versionOverNode, '<=', 2),
    target('--help ≤ 2× node -e 0', result.startup.ratios.helpOverNode, '<=', 2),
    ...result.scaling.targets.filter((t) => t.name.includes('×3')),
    ...pick('W2', 'repomix'), ...pick('W2', 'cold RSS'),
  ];
}

/**
 * @param {{ session: any, packBin: string, repoRoot: string, log: (line: string) => void, machine: object, peers: object[] }} env
 * @param {{ ags?: string, runs: number, scalingRuns: number, startupRuns: number, packArgs: string[] }} opts
 */
export async function runSuite(env, opts) {
  const startedAt = new Date().toISOString();
  const [repoCorpus, ...scalingDirs] = buildScalingCorpora(env.repoRoot, env.log);
  const plan = [
    ...(opts.ags ? [{ name: 'W1', corpus: opts.ags, scope: 'ags', python: true }, { name: 'W2', corpus: opts.ags, scope: 'repo' }] : []),
    { name: 'repo', corpus: repoCorpus, scope: 'repo' },
  ];
  const corpora = {};
  for (const c of plan) corpora[c.name] = await runCompare(env, { ...c, runs: opts.runs, packArgs: opts.packArgs });
  const rows = [];
  for (const dir of scalingDirs) rows.push(await measureCorpus(env, { runs: opts.scalingRuns, scope: 'repo', packArgs: opts.packArgs }, dir));
  const scaling = scalingSummary(rows);
  env.log('start-up');
  const startup = runStartup(env, opts.startupRuns);
  const result = {
    kind: 'suite',
    startedAt,
    finishedAt: new Date().toISOString(),
    machine: env.machine,
    settings: { runs: opts.runs, scalingRuns: opts.scalingRuns, startupRuns: opts.startupRuns, packArgs: opts.packArgs,
      ags: opts.ags ?? null, peers: env.peers.map((p) => p.name), pageCache: 'warm (not dropped)' },
    corpora,
    scaling,
    startup,
  };
  return { ...result, targets: suiteTargets(result) };
}

