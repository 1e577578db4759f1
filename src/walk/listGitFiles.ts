/**
 * File discovery by git itself where the packed root is in a git work tree: one
 * `git ls-files -co --exclude-standard -z`, which applies every ignore rule git applies there —
 * the `.gitignore` files of the root, its subfolders and its parents up to the work tree's top,
 * `info/exclude` of the common git dir (shared by worktrees), and the user's global excludes file
 * (core.excludesFile, or $XDG_CONFIG_HOME/git/ignore). Tracked files are listed even if a pattern
 * matches them, as git does. Outside a work tree (or without git) the caller walks instead.
 */
import { execFile } from 'node:child_process';
import { PackerError } from '../util/index.js';

/** Run git in `cwd`; resolves to its stdout bytes, rejects when git fails or is missing. */
export type RunGitBytes = (args: readonly string[], cwd: string) => Promise<Buffer>;

/** Variables that would point git at another repository than the one around the root. */
const REPO_LOCATION_VARS = [
  'GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_COMMON_DIR', 'GIT_OBJECT_DIRECTORY',
  'GIT_ALTERNATE_OBJECT_DIRECTORIES', 'GIT_NAMESPACE', 'GIT_PREFIX', 'GIT_CONFIG_PARAMETERS', 'GIT_CONFIG_COUNT',
];

/**
 * The user's environment, so git finds the user's global excludes file as it would in a shell,
 * less anything that would make it look at another repository (inside a hook, say). This and
 * readRepoState's are the library's only reads of the environment: both only start git.
 */
function listingEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' };
  for (const name of REPO_LOCATION_VARS) delete env[name];
  return env;
}

const runGitBytes: RunGitBytes = (args, cwd) =>
  new Promise((resolve, reject) => {
    execFile('git', [...args], { cwd, env: listingEnv(), encoding: 'buffer', maxBuffer: 1 << 30, windowsHide: true }, (err, stdout) => {
      if (err) reject(err);
      else resolve(stdout);
    });
  });

/** No hook or fsmonitor a repository's own config names ever runs while we list. */
const SAFE = ['-c', 'core.fsmonitor=false', '-c', 'core.untrackedCache=false'];

async function refuseGitDir(root: string, run: RunGitBytes): Promise<void> {
  let answer: string;
  try {
    answer = (await run([...SAFE, 'rev-parse', '--is-bare-repository', '--is-inside-git-dir'], root)).toString('utf8');
  } catch {
    return;
  }
  if (answer.split('\n').some((line) => line.trim() === 'true')) {
    throw new PackerError('INPUT_INVALID', ` ${root} is a bare git repository or inside a git folder: there is no work tree to pack`, {
      hint: 'pack a clone or a worktree of it (git worktree add)',
    });
  }
}

/**
 * Paths (relative to `root`, `/`-separated) git would add from `root` and below, or undefined
 * when `root` is not in a git work tree or git cannot run. A bare repository, or a folder inside
 * a `.git`, is refused. Nested repositories (listed as `dir/`) are left out, as git leaves them.
 */
export async function listGitFiles(root: string, run: RunGitBytes = runGitBytes): Promise<string[] | undefined> {
  let out: Buffer;
  try {
    out = await run([...SAFE, 'ls-files', '-co', '--exclude-standard', '-z'], root);
  } catch {
    await refuseGitDir(root, run);
    return undefined;
  }
  return out
    .toString('utf8')
    .split('\0')
    .filter((p) => p !== '' && !p.endsWith('/'));
}
