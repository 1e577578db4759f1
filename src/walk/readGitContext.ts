import { execFile } from 'node:child_process';
import { gitEnv, type RepoStateDeps } from './readRepoState.js';

/** A diff or log larger than this fails the run rather than being cut short. */
const MAX_GIT_OUTPUT = 256 << 20;

const runGit: RepoStateDeps['runGit'] = (args, cwd) =>
  new Promise((resolve, reject) => {
    const opts = { cwd, env: gitEnv(), windowsHide: true, maxBuffer: MAX_GIT_OUTPUT, encoding: 'utf8' as const };
    execFile('git', ['--no-optional-locks', ...args], opts, (err, stdout) => (err ? reject(err) : resolve(stdout)));
  });

/** One commit of `--include-log`. */
export interface GitCommit {
  commit: string;
  author: string;
  /** Author date, ISO 8601 with its offset, as git recorded it. */
  date: string;
  subject: string;
  /** Paths the commit touched under the packed root (git's quoting for unusual names). */
  files: string[];
}

/** What git says about the packed root beyond FORMATS §6's repo_state; `{}` outside git. */
export interface GitContext {
  /** Tracked files under the root differ from HEAD (staged or not). */
  uncommittedChanges?: boolean;
  /** Untracked, not ignored files under the root. */
  untrackedFiles?: number;
  /** `git diff HEAD` of the root, with `includeDiff`. */
  diff?: string;
  /** The last commits that touched the root, newest first, with `includeLog`. */
  log?: GitCommit[];
}

export interface GitContextOptions {
  includeDiff?: boolean;
  /** How many commits to list (0: none). */
  includeLog?: number;
}

// Fixed options, so the output depends on the repository alone (not on diff.* settings).
const DIFF_ARGS = ['-c', 'core.quotePath=true', 'diff', 'HEAD', '--no-color', '--no-ext-diff', '--no-textconv', '--no-renames', '--diff-algorithm=myers', '--src-prefix=a/', '--dst-prefix=b/', '--', '.'];
const RS = '\u001e';
const US = '\u001f';

function parseLog(out: string): GitCommit[] {
  return out
    .split(RS)
    .slice(1)
    .map((record) => {
      const [head = '', ...rest] = record.split('\n');
      const [commit = '', author = '', date = '', subject = ''] = head.split(US);
      return { commit, author, date, subject, files: rest.filter((l) => l !== '') };
    });
}

/** Reads the git facts of `root` that a pack records (nothing when the root is not in git). */
export async function readGitContext(root: string, options: GitContextOptions = {}, deps: RepoStateDeps = { runGit }): Promise<GitContext> {
  const git = (args: readonly string[]) => deps.runGit(args, root);
  let status: string;
  try {
    await git(['rev-parse', '--verify', '--quiet', 'HEAD']);
    status = await git(['status', '--porcelain=v1', '-z', '--untracked-files=all', '--', '.']);
  } catch {
    return {};
  }
  const entries = status.split('\0').filter((e) => e !== '');
  const untracked = entries.filter((e) => e.startsWith('?? ')).length;
  // A rename entry is followed by its source path (no status prefix); it is part of the change.
  const changed = entries.some((e) => /^[ MADRCUT?!]{2} /.test(e) && !e.startsWith('?? ') && !e.startsWith('!! '));
  const context: GitContext = { uncommittedChanges: changed, untrackedFiles: untracked };
  // Failures here are real errors: the user asked for the diff or the log.
  if (options.includeDiff) context.diff = await git(DIFF_ARGS);
  if (options.includeLog !== undefined && options.includeLog > 0) {
    const format = `--format=${RS}%H${US}%an <%ae>${US}%aI${US}%s`;
    const out = await git(['-c', 'core.quotePath=true', 'log', `-n${options.includeLog}`, '--no-color', '--no-renames', '--name-only', format, '--', '.']);
    context.log = parseLog(out);
  }
  return context;
}
