// `npm run bench -- <corpus> --profile`: one cold and one warm pack under `node --cpu-prof`,
// reduced to the functions with the most self time. The .cpuprofile files are kept in bench/tmp/.
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { BenchError } from './benchError.mjs';
import { placeCorpus } from './corpus.mjs';
import { runPack } from './variants.mjs';

/** Self time per function (ms), from a V8 .cpuprofile: sample i lasts until sample i + 1. */
export function selfTimes(profile, codeRoot) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map();
  let at = profile.startTime;
  const stamps = profile.timeDeltas.map((d) => (at += d));
  profile.samples.forEach((id, i) => {
    const end = i + 1 < stamps.length ? stamps[i + 1] : profile.endTime;
    selfUs.set(id, (selfUs.get(id) ?? 0) + Math.max(0, end - stamps[i]));
  });
  const totals = new Map();
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = byId.get(id).callFrame;
    const where = url === '' ? '' : `${url.replace(/^file:\/\//, '').replace(`${codeRoot}/`, '')}:${lineNumber + 1}`;
    const key = `${functionName || '(anonymous)'}\t${where}`;
    totals.set(key, (totals.get(key) ?? 0) + us);
  }
  const all = [...totals.values()].reduce((a, b) => a + b, 0);
  return [...totals]
    .map(([key, us]) => {
      const [fn, where] = key.split('\t');
      return { function: fn, location: where, selfMs: Math.round(us / 1000), percent: Number(((100 * us) / all).toFixed(1)) };
    })
    .sort((a, b) => b.selfMs - a.selfMs);
}

function formatTop(title, rows, top) {
  const lines = [title, '  self ms      %  function  (location)'];
  for (const r of rows.slice(0, top)) {
    lines.push(`  ${String(r.selfMs).padStart(7)}  ${r.percent.toFixed(1).padStart(5)}  ${r.function}${r.location ? `  (${r.location})` : ''}`);
  }
  return lines.join('\n');
}

async function profiledPack(ctx, { label, store, outDir, profDir }) {
  mkdirSync(profDir, { recursive: true });
  const run = await runPack(ctx, { label, ...store, outDir, nodeArgs: ['--cpu-prof', '--cpu-prof-dir', profDir] });
  const file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
  if (file === undefined) throw new BenchError(`${label}: node wrote no .cpuprofile into ${profDir}`);
  return { run, file: join(profDir, file) };
}

/**
 * @param {{ session: any, packBin: string, repoRoot: string, codeRoot: string, log: (line: string) => void }} env
 * @param {{ corpus: string, scope: string, packArgs: string[], top: number }} opts
 */
export async function runProfile(env, opts) {
  const placed = placeCorpus(env.session, opts.corpus);
  const ctx = { session: env.session, packBin: env.packBin, scope: opts.scope, packArgs: opts.packArgs,
    corpus: placed.dir, workDir: env.session.dir('cwd') };
  const dir = env.session.dir('profile');
  const store = { casRoot: join(dir, 'cas'), runsDir: join(dir, 'runs') };
  const keep = join(env.repoRoot, 'bench', 'tmp');
  mkdirSync(keep, { recursive: true });
  const sections = [];
  for (const mode of ['cold', 'warm']) {
    const { run, file } = await profiledPack(ctx, { label: `${mode} pack (profiled)`, store, outDir: join(dir, `${mode}-out`), profDir: join(dir, `prof-${mode}`) });
    const kept = join(keep, `${basename(opts.corpus)}-${mode}.cpuprofile`);
    copyFileSync(file, kept);
    const rows = selfTimes(JSON.parse(readFileSync(file, 'utf8')), env.codeRoot);
    sections.push(formatTop(`${mode} pack: ${(run.wallMs / 1000).toFixed(2)} s wall under the profiler, ${(run.maxRssKb / 1024).toFixed(0)} MiB peak RSS; profile ${kept}`, rows, opts.top));
  }
  return sections.join('\n\n');
}
