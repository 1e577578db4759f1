// The measured variants: our pack (cold or warm store), the peers (repomix versions, the Python
// implementation) and the floor.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BenchError } from './benchError.mjs';
import { runTimed } from './runTimed.mjs';

const FLOOR_SCRIPT = fileURLToPath(new URL('./floorCopy.mjs', import.meta.url));
const PYTHON_WRAPPER = fileURLToPath(new URL('./pythonPacker.py', import.meta.url));

/**
 * pack's limits are a safety net, not part of the work: a large corpus (node_modules) would stop
 * at the default 50 MiB. The benchmark lifts them; a later --pack-arg wins.
 */
export const LIFTED_LIMITS = ['--max-total-bytes', '1000000000000', '--max-entry-bytes', '1000000000000', '--max-entries', '100000000'];

/**
 * @typedef {{ session: ReturnType<import('./createSession.mjs').createSession>, packBin: string,
 *   scope: string, packArgs: string[], corpus: string, workDir: string }} BenchContext
 */

/**
 * Our pack into fresh `outDir`; `casRoot`/`runsDir` are fresh (cold) or the cold run's (warm).
 * `nodeArgs` go to node before the launcher (the profiler's flags).
 */
export async function runPack(ctx, { label, casRoot, runsDir, outDir, nodeArgs = [] }) {
  const args = [...nodeArgs, ctx.packBin, 'pack', ctx.corpus, '--scope', ctx.scope, '--out-dir', outDir, '--cas-root', casRoot,
    '--runs-dir', runsDir, '--quiet', '--json', ...LIFTED_LIMITS, ...ctx.packArgs];
  const run = await runTimed(ctx.session, { label, file: process.execPath, args, cwd: ctx.workDir, captureStdout: true });
  let summary;
  try {
    summary = JSON.parse(run.stdout);
  } catch {
    throw new BenchError(`${label}: pack --json printed no JSON on stdout`, { detail: run.stdout.slice(0, 4000) });
  }
  const { stdout: _ignored, ...timing } = run;
  return { ...timing, summary };
}

/** The files a pack packed, from its LITE manifest (docs/FORMATS.md §6): paths relative to the corpus. */
export function readPackedFiles(outDir) {
  const manifestPath = join(outDir, 'LITE', 'PACK_MANIFEST.json');
  if (!existsSync(manifestPath)) {
    throw new BenchError(`the cold pack wrote no ${manifestPath}: the floor needs the LITE manifest (keep LITE on)`);
  }
  const entries = JSON.parse(readFileSync(manifestPath, 'utf8')).entries;
  if (!Array.isArray(entries)) throw new BenchError(`${manifestPath} has no entries array`);
  const paths = entries.map((e) => e.path);
  const sizes = entries.map((e) => e.bytes);
  return { paths, sizes, files: paths.length, bytes: sizes.reduce((a, b) => a + b, 0) };
}

/** Write the packed file list once per corpus (NUL-separated for the floor, lines for repomix). */
export function prepareLists(ctx, packed) {
  const dir = ctx.session.dir('lists');
  const nul = join(dir, 'packed.list');
  const lines = join(dir, 'packed.lines');
  writeFileSync(nul, packed.paths.map((p) => `${p}\0`).join(''));
  writeFileSync(lines, packed.paths.map((p) => `${p}\n`).join(''));
  return { packed, nul, lines };
}

/** The floor: read, hash and write each packed file once, in one process (floorCopy.mjs). */
export async function runFloor(ctx, lists, destDir) {
  const run = await runTimed(ctx.session, {
    label: 'floor', file: process.execPath, args: [FLOOR_SCRIPT, ctx.corpus, lists.nul, destDir], cwd: ctx.workDir, captureStdout: true,
  });
  const seen = JSON.parse(run.stdout);
  if (seen.bytes !== lists.packed.bytes || seen.files !== lists.packed.files) {
    throw new BenchError(`floor: copied ${seen.files} files / ${seen.bytes} bytes, the manifest says ${lists.packed.files} / ${lists.packed.bytes}: did the corpus change?`);
  }
  const { stdout: _ignored, ...timing } = run;
  return timing;
}

/**
 * repomix on the files our pack packed (`--stdin`, so both do the same selection), with its
 * defaults otherwise: XML, token counting, secret check. It runs in the corpus (its paths are
 * relative to it) with an empty XDG_CONFIG_HOME, so it reads no user config.
 * repomix 1.18 keeps a token-count cache (by default in the system temp folder, across runs):
 * `tokenCache` is the file it uses, so a cold run gets a path that does not exist yet and a
 * cached run the path an earlier run filled, never the shared default.
 */
export async function runRepomix(ctx, peer, lists, outFile, { label = peer.name, tokenCache } = {}) {
  const env = { ...process.env, XDG_CONFIG_HOME: ctx.session.dir('xdg-config'), NO_COLOR: '1', REPOMIX_TOKEN_CACHE_PATH: tokenCache };
  const script = 'exec "$1" "$2" --stdin --output "$3" --quiet < "$4"';
  return runTimed(ctx.session, {
    label, file: 'bash', args: ['-c', script, 'repomix', process.execPath, peer.bin, outFile, lists.lines],
    cwd: ctx.corpus, env,
  });
}

/** How many files repomix wrote into its (XML) output: count its `<file path=` tags, streaming. */
export function countRepomixFiles(outFile) {
  const needle = Buffer.from('<file path="');
  const chunk = Buffer.allocUnsafe(1 << 20);
  const fd = openSync(outFile, 'r');
  let count = 0;
  let carry = Buffer.alloc(0);
  let bytes = 0;
  try {
    for (let n = readSync(fd, chunk, 0, chunk.length, null); n > 0; n = readSync(fd, chunk, 0, chunk.length, null)) {
      bytes += n;
      const window = Buffer.concat([carry, chunk.subarray(0, n)]);
      for (let at = window.indexOf(needle); at !== -1; at = window.indexOf(needle, at + needle.length)) count++;
      carry = Buffer.from(window.subarray(Math.max(0, window.length - needle.length + 1)));
    }
  } finally {
    closeSync(fd);
  }
  return { files: count, outputBytes: bytes };
}

/** The Python implementation's flags for FULL + SPLIT + LITE + both its zips (pack.ps1's default). */
export const PYTHON_ARGS = ['--scope', 'ags', '--mode', 'full', '--profile', 'full', '--combined', '--split-lite', '--zip',
  '--skip-proofs', '--out-dir', 'MEMORY/LLM_PACKER/_packs/bench-python', '--stamp', 'bench', '--max-entry-bytes', '1000000000000',
  '--max-total-bytes', '1000000000000', '--max-entries', '100000000'];

/**
 * The Python implementation on its own writable copy of the AGS checkout (it writes its pack,
 * store and ledger into the tree), which is put back to the checked-out state after every run.
 */
export async function runPython(ctx, pythonTree) {
  const run = await runTimed(ctx.session, {
    label: 'python', file: 'python3', args: [PYTHON_WRAPPER, pythonTree, ...PYTHON_ARGS], cwd: pythonTree,
  });
  // Its compiled modules stay (as they would for a user); everything else it wrote goes.
  for (const args of [['clean', '-fdxq', '-e', '__pycache__'], ['checkout', '-q', '--', '.']]) {
    const reset = spawnSync('git', ['-C', pythonTree, ...args], { encoding: 'utf8' });
    if (reset.status !== 0) throw new BenchError(`could not reset the Python tree ${pythonTree}`, { detail: reset.stderr });
  }
  return run;
}
