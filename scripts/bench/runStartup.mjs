// Start-up: `llm-packer --version` and `--help` against a bare `node -e 0`, alternating, each
// timed from spawn to exit with the high-resolution clock (time -v only has 10 ms steps).
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { BenchError } from './benchError.mjs';
import { spread } from './summarize.mjs';

function timeOnce(label, args, cwd) {
  const start = performance.now();
  const run = spawnSync(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = performance.now() - start;
  if (run.status !== 0) throw new BenchError(`${label} failed (exit ${run.status})`, { detail: String(run.stderr) });
  return ms;
}

/**
 * @param {{ packBin: string, session: any }} env
 * @returns {{ runs: number, variants: Record<string, { runsMs: number[], ms: { median: number, min: number, max: number } }>,
 *   ratios: { versionOverNode: number, helpOverNode: number } }}
 */
export function runStartup(env, runs) {
  const cwd = env.session.dir('cwd');
  const commands = { node: ['-e', '0'], version: [env.packBin, '--version'], help: [env.packBin, '--help'] };
  const times = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  for (let round = 0; round <= runs; round++) {
    for (const [name, args] of Object.entries(commands)) {
      const ms = timeOnce(name, args, cwd);
      if (round > 0) times[name].push(Number(ms.toFixed(1)));
    }
  }
  const variants = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, { runsMs: v, ms: spread(v) }]));
  const ratio = (k) => Number((variants[k].ms.median / variants.node.ms.median).toFixed(3));
  return { runs, variants, ratios: { versionOverNode: ratio('version'), helpOverNode: ratio('help') } };
}
