/**
 * The objects of a store that the enclosing git repository tracks (some repositories commit
 * store objects; the AGS repository does, under CAPABILITY/CAS/storage/). GC never deletes
 * them: deleting a tracked file changes the user's work tree. Real git is asked
 * (`git ls-files -z` in the store folder); a store outside any repository tracks nothing.
 */
import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { PackerError, isHash } from '../util/index.js';
import { gitEnv } from '../walk/index.js';

export const TRACKED_REASON = 'tracked by git';

type LsFiles = { ok: true; out: string } | { ok: false; code: unknown; message: string; stderr: string };

function lsFiles(cwd: string): Promise<LsFiles> {
  return new Promise((resolve) => {
    execFile(
      'git',
      ['ls-files', '-z', '--', '.'],
      { cwd, env: gitEnv(), windowsHide: true, maxBuffer: 1 << 30, encoding: 'utf8' },
      (err, stdout, stderr) =>
        resolve(err ? { ok: false, code: err.code, message: err.message, stderr: String(stderr) } : { ok: true, out: String(stdout) }),
    );
  });
}

/** Whether a `.git` lies in `dir` or above it (git itself could not be asked). */
async function insideGitRepo(dir: string): Promise<boolean> {
  for (let d = dir; ; d = dirname(d)) {
    if (await stat(join(d, '.git')).then(() => true, () => false)) return true;
    if (dirname(d) === d) return false;
  }
}

/** Tracked objects of the store at `casRoot` (a folder that exists). Throws when git cannot tell. */
export async function gitTrackedObjects(casRoot: string): Promise<Set<string>> {
  const result = await lsFiles(casRoot);
  if (result.ok) {
    const names = result.out.split('\0').map((p) => p.split('/').pop() ?? '');
    return new Set(names.filter((n) => isHash(n)));
  }
  if (/not a git repository/i.test(result.stderr)) return new Set();
  if (result.code === 'ENOENT' && !(await insideGitRepo(casRoot))) return new Set(); // no git, no repository
  throw new PackerError('IO_ERROR', ` cannot ask git which objects of ${casRoot} it tracks: ${result.stderr.trim() || result.message}`, {
    hint: 'nothing was deleted; install git or run gc where git works',
  });
}
