import { execFile } from 'node:child_process';
import { devNull } from 'node:os';
import type { RepoState } from './types.js';

export interface RepoStateDeps {
  /** Run git with these arguments in `cwd`; resolves to stdout, rejects when git fails or is missing. */
  runGit(args: readonly string[], cwd: string): Promise<string>;
}

/**
 * Git sees none of the user's or the system's configuration, nor a GIT_DIR or GIT_WORK_TREE
 * that happens to be set (inside a hook, say): only what it needs to start.
 */
export function gitEnv(): NodeJS.ProcessEnv {
  const keep = ['PATH', 'Path', 'SystemRoot', 'SYSTEMROOT', 'WINDIR', 'TEMP', 'TMP'];
  // The one environment read of the library: where the git binary is.
  const env: NodeJS.ProcessEnv = Object.fromEntries(keep.filter((k) => process.env[k] !== undefined).map((k) => [k, process.env[k]]));
  return { ...env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: devNull, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' };
}

const defaultRepoStateDeps: RepoStateDeps = {
  runGit: (args, cwd) =>
    new Promise((resolve, reject) => {
      execFile('git', [...args], { cwd, env: gitEnv(), windowsHide: true }, (err, stdout) => {
        if (err) reject(err);
        else resolve(String(stdout));
      });
    }),
};

/**
 * docs/FORMATS.md §6's `repo_state`: the commit (`git rev-parse HEAD`) and branch (`--abbrev-ref
 * HEAD`, left out when detached) of the packed root; `{}` when the root is not inside a git work
 * tree, the branch has no commit yet, or git is not installed.
 */
export async function readRepoState(root: string, deps: RepoStateDeps = defaultRepoStateDeps): Promise<RepoState> {
  let out: string;
  try {
    out = await deps.runGit(['rev-parse', '--is-inside-work-tree', 'HEAD', '--abbrev-ref', 'HEAD'], root);
  } catch {
    return {};
  }
  const [inside, commit, branch] = out.split('\n').map((line) => line.trim());
  if (inside !== 'true' || !commit || !/^[0-9a-f]{40,64}$/.test(commit)) return {};
  return branch && branch !== 'HEAD' ? { commit, branch } : { commit };
}
