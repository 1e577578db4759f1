// The measured variants: our pack (cold or warm store), repomix, the floor and hash-only.
import { closeSync, existsSync, openSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BenchError } from './benchError.mjs';
import { runTimed } from './runTimed.mjs';

const HASH_SCRIPT = fileURLToPath(new URL('./hashFiles.mjs', import.meta.url));

/**
 * pack's limits are a safety net, not part of the work: a large corpus (node_modules) would stop
 * at the default 50 MiB. The benchmark lifts them; a later --pack-arg wins.
 */
export const LIFTED_LIMITS = ['--max-total-bytes', '1000000000000', '--max-entry-bytes', '1000000000000', '--max-entries', '100000000'];

/**
 * @typedef {{ session: ReturnType<import('./createSession.mjs').createSession>, packBin: string,
 *   repomixBin: string, scope: string, packArgs: string[], corpus: string, workDir: string }} BenchContext
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

function writeList(file, paths) {
  writeFileSync(file, paths.map((p) => `${p}\0`).join(''));
  return file;
}

/**
 * How the floor writes `targetBytes` by copying the packed files with tar: `copies` whole copies,
 * then the shortest prefix of the list that covers the rest.
 */
export function planFloor(packed, targetBytes) {
  if (packed.bytes === 0) return { copies: 0, partial: [], bytes: 0 };
  const copies = Math.floor(targetBytes / packed.bytes);
  const rest = targetBytes - copies * packed.bytes;
  const partial = [];
  let partialBytes = 0;
  for (let i = 0; partialBytes < rest && i < packed.paths.length; i++) {
    partial.push(packed.paths[i]);
    partialBytes += packed.sizes[i];
  }
  return { copies, partial, bytes: copies * packed.bytes + partialBytes };
}

const TAR_SCRIPT = `set -euo pipefail
src="$1"; dest="$2"; full="$3"; partial="$4"; copies="$5"
copy() { tar -C "$src" --null --verbatim-files-from --no-recursion --dereference -T "$1" -cf - | tar -C "$2" -xf -; }
for ((i = 1; i <= copies; i++)); do mkdir "$dest/copy-$i"; copy "$full" "$dest/copy-$i"; done
if [ -s "$partial" ]; then mkdir "$dest/partial"; copy "$partial" "$dest/partial"; fi
`;

/** Write the lists and the tar script once per corpus; returns what runFloor needs. */
export function prepareFloor(ctx, packed, plan) {
  const dir = ctx.session.dir('floor-setup');
  return {
    packed,
    plan,
    fullList: writeList(join(dir, 'packed.list'), packed.paths),
    partialList: writeList(join(dir, 'partial.list'), plan.partial),
    script: (writeFileSync(join(dir, 'copy.sh'), TAR_SCRIPT), join(dir, 'copy.sh')),
  };
}

/** One SHA-256 pass over the packed files (the `hash-only` variant, and the floor's second part). */
export async function runHashOnly(ctx, floor, label) {
  const run = await runTimed(ctx.session, {
    label, file: process.execPath, args: [HASH_SCRIPT, ctx.corpus, floor.fullList], cwd: ctx.workDir, captureStdout: true,
  });
  const seen = JSON.parse(run.stdout);
  if (seen.bytes !== floor.packed.bytes || seen.files !== floor.packed.files) {
    throw new BenchError(`${label}: read ${seen.files} files / ${seen.bytes} bytes, the manifest says ${floor.packed.files} / ${floor.packed.bytes}: did the corpus change?`);
  }
  const { stdout: _ignored, ...timing } = run;
  return timing;
}

/** The floor: tar copies writing as many bytes as the cold pack wrote, plus one hashing pass. */
export async function runFloor(ctx, floor, destDir) {
  const tar = await runTimed(ctx.session, {
    label: 'floor (tar)', file: 'bash',
    args: [floor.script, ctx.corpus, destDir, floor.fullList, floor.partialList, String(floor.plan.copies)],
    cwd: ctx.workDir,
  });
  const sha256 = await runHashOnly(ctx, floor, 'floor (sha256)');
  return {
    wallMs: tar.wallMs + sha256.wallMs,
    userMs: tar.userMs + sha256.userMs,
    sysMs: tar.sysMs + sha256.sysMs,
    maxRssKb: Math.max(tar.maxRssKb, sha256.maxRssKb),
    parts: { tar, sha256 },
  };
}

/** repomix with its defaults on the corpus; only the output file is ours (a temp file). */
export async function runRepomix(ctx, outFile) {
  const env = { ...process.env, XDG_CONFIG_HOME: ctx.session.dir('xdg-config'), NO_COLOR: '1' };
  return runTimed(ctx.session, {
    label: 'repomix', file: process.execPath, args: [ctx.repomixBin, ctx.corpus, '--output', outFile, '--quiet'],
    cwd: ctx.session.dir('repomix-cwd'), env,
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
