// Corpora: measure a tree, place it outside any git work tree, build the three scaling corpora.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { devNull } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { BenchError } from './benchError.mjs';

/**
 * Regular files and their total size under `dir` (symlinks counted apart, never followed; a
 * `.git` folder is not part of a corpus). With
 * `seen`, a file whose inode is already in it is not counted again: pack hard-links repo/ copies
 * to CAS objects, and those bytes were written once, not twice.
 */
export function statTree(dir, seen) {
  let files = 0;
  let bytes = 0;
  let symlinks = 0;
  const stack = [dir];
  while (stack.length > 0) {
    const current = stack.pop();
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== '.git') stack.push(path);
      }
      else if (entry.isSymbolicLink()) symlinks++;
      else if (entry.isFile()) {
        const st = lstatSync(path);
        const key = `${st.dev}:${st.ino}`;
        if (seen?.has(key)) continue;
        seen?.add(key);
        files++;
        bytes += st.size;
      }
    }
  }
  return { files, bytes, symlinks };
}

/** Bytes of every regular file under `dir` (or of `dir` itself, a file); 0 when it does not exist. */
export function bytesUnder(dir, seen) {
  if (!existsSync(dir)) return 0;
  return statSync(dir).isFile() ? statSync(dir).size : statTree(dir, seen).bytes;
}

function gitAt(dir, args) {
  return spawnSync('git', args, {
    cwd: dir,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: devNull, LC_ALL: 'C' },
  });
}

/** True when git sees `dir` inside a work tree (without the user's or system's git config). */
export function isInsideGitWorkTree(dir) {
  const run = gitAt(dir, ['rev-parse', '--is-inside-work-tree']);
  return run.status === 0 && run.stdout.trim() === 'true';
}

/** True when `dir` is the top of its own git work tree (a repository checkout, like AGS). */
export function isGitTopLevel(dir) {
  const run = gitAt(dir, ['rev-parse', '--show-toplevel']);
  return run.status === 0 && resolve(run.stdout.trim()) === resolve(dir);
}

function copyTree(from, to, { link }) {
  const run = spawnSync('cp', [link ? '-al' : '-a', from, to], { encoding: 'utf8' });
  return run.status === 0 ? '' : run.stderr;
}

/**
 * The folder the variants will read. A repository checkout (the top of its own work tree, like
 * the AGS corpus) is read in place: its git state is its own, and no measured tool writes into it.
 * A corpus inside another work tree (bench/corpus/ is inside this one) would make pack read this
 * repository's git state, so it is copied into the session folder: hard links when the file
 * system allows it (same bytes, no extra disk), a real copy otherwise.
 * @returns {{ dir: string, placement: 'in-place'|'hard-links'|'copy' }}
 */
export function placeCorpus(session, corpus) {
  const source = resolve(corpus);
  if (!existsSync(source) || !statSync(source).isDirectory()) {
    throw new BenchError(`corpus folder not found: ${corpus}${corpus.startsWith('bench/corpus') ? ' (build it with npm run bench -- --build-corpora)' : ''}`, { exitCode: 2 });
  }
  if (!isInsideGitWorkTree(source) || isGitTopLevel(source)) return { dir: source, placement: 'in-place' };
  if (isInsideGitWorkTree(session.root)) {
    throw new BenchError(`the temp folder ${session.root} is inside a git work tree; set TMPDIR to a folder outside git`, { exitCode: 2 });
  }
  const target = join(session.dir('corpus'), basename(source));
  if (copyTree(source, target, { link: true }) === '') return { dir: target, placement: 'hard-links' };
  rmSync(target, { recursive: true, force: true });
  const failure = copyTree(source, target, { link: false });
  if (failure !== '') throw new BenchError(`could not copy the corpus ${source} to ${target}`, { detail: failure });
  return { dir: target, placement: 'copy' };
}

/** Copy the files git tracks in `repoRoot` (their working-tree bytes) into `target`. */
function copyTrackedFiles(repoRoot, target) {
  const listed = execFileSync('git', ['ls-files', '-z'], { cwd: repoRoot, maxBuffer: 1 << 28 }).toString('utf8');
  const present = listed.split('\0').filter((p) => p !== '' && existsSync(join(repoRoot, p)));
  const listFile = `${target}.list`;
  writeFileSync(listFile, present.map((p) => `${p}\0`).join(''));
  mkdirSync(target, { recursive: true });
  const script = 'set -euo pipefail; tar -C "$1" --null --verbatim-files-from --no-recursion -T "$2" -cf - | tar -C "$3" -xf -';
  const run = spawnSync('bash', ['-c', script, 'copy', repoRoot, listFile, target], { encoding: 'utf8' });
  rmSync(listFile, { force: true });
  if (run.status !== 0) throw new BenchError('could not copy the tracked files', { detail: run.stderr });
}

function copyOrFail(from, to) {
  const failure = copyTree(from, to, { link: false });
  if (failure !== '') throw new BenchError(`could not copy ${from} to ${to}`, { detail: failure });
}

/** A writable copy of a checkout for a peer that writes into the tree it packs (Python). */
export function copyCheckout(session, source, name) {
  const target = join(session.dir('peers'), name);
  const failure = copyTree(resolve(source), target, { link: false });
  if (failure !== '') throw new BenchError(`could not copy ${source} to ${target}`, { detail: failure });
  return target;
}

export const SCALING_CORPORA = ['repo', 'node_modules', 'node_modules-x3'];

/**
 * (Re)build bench/corpus/{repo, node_modules, node_modules-x3} from this repository: its tracked
 * files, a copy of its node_modules, and three copies of node_modules side by side.
 * @returns {string[]} the corpus folders, smallest first
 */
export function buildScalingCorpora(repoRoot, log) {
  const base = join(repoRoot, 'bench', 'corpus');
  const modules = join(repoRoot, 'node_modules');
  if (!existsSync(modules)) throw new BenchError('node_modules is missing: run npm install first', { exitCode: 2 });
  mkdirSync(base, { recursive: true });
  const dirs = SCALING_CORPORA.map((name) => join(base, name));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  log(`building ${dirs[0]} (git ls-files)`);
  copyTrackedFiles(repoRoot, dirs[0]);
  log(`building ${dirs[1]} (copy of node_modules)`);
  copyOrFail(modules, dirs[1]);
  log(`building ${dirs[2]} (node_modules three times)`);
  mkdirSync(dirs[2]);
  for (const n of [1, 2, 3]) copyOrFail(modules, join(dirs[2], `copy-${n}`));
  return dirs;
}
