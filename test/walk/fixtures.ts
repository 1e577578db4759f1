// Helpers for the walk tests: build file trees and run an isolated git (not a test file itself).
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { devNull } from 'node:os';
import { dirname, join } from 'node:path';

/** Write `files` (`/`-separated path → content) under `root`, creating folders as needed. */
export async function writeTree(root: string, files: Record<string, string | Uint8Array>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    const abs = join(root, ...path.split('/'));
    await mkdir(dirname(abs), { recursive: true });
    await writeFile(abs, content);
  }
}

/**
 * git with no system, global or XDG configuration (so no global excludes) and no inherited
 * GIT_DIR / GIT_WORK_TREE: what the repo scope promises to agree with.
 */
export function git(cwd: string, args: string[], input?: string): string {
  const env = isolatedGitEnv(cwd);
  return execFileSync('git', args, { cwd, env, encoding: 'utf8', ...(input === undefined ? { stdio: ['ignore', 'pipe', 'pipe'] } : { input }) });
}

/** The environment of `git()`: no system, global or XDG configuration, no inherited GIT_*. */
export function isolatedGitEnv(cwd: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('GIT_')) delete env[key];
  Object.assign(env, {
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: devNull,
    XDG_CONFIG_HOME: join(cwd, '.no-xdg'),
    HOME: join(cwd, '.no-home'),
    GIT_AUTHOR_NAME: 'test',
    GIT_AUTHOR_EMAIL: 'test@example.invalid',
    GIT_COMMITTER_NAME: 'test',
    GIT_COMMITTER_EMAIL: 'test@example.invalid',
  });
  return env;
}

/** `git ls-files -co --exclude-standard`, NUL-separated so names with spaces or unicode come back raw. */
export function gitListFiles(cwd: string): string[] {
  return git(cwd, ['ls-files', '-z', '-co', '--exclude-standard']).split('\0').filter(Boolean);
}
