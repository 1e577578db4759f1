/**
 * What git ignores is never packed (issue 16): packing a subfolder applies its parents'
 * `.gitignore`, a worktree the common `info/exclude`, everyone the global excludes file; a link
 * to an ignored file packs nothing; a `.git` link loop does not fail the pack; a bare repository
 * is refused. Each pack goes through the built CLI, with git's configuration isolated in the test.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from '../helpers/tmp.js';
import { git, isolatedGitEnv } from '../walk/fixtures.js';
import { errorLines, exists, writeFiles } from './kit.js';
import { checkPackTruth, packWithCli, placeIn } from './packCheck.js';

const posixOnly = { skip: process.platform === 'win32' ? 'links need POSIX' : false };

async function packIn(dir: string, root: string, env: NodeJS.ProcessEnv) {
  const place = placeIn(join(dir, `place-${Math.random().toString(16).slice(2)}`));
  await mkdir(place.dir);
  return { place, run: await packWithCli(place, root, [], { timeoutMs: 60_000, env }) };
}

test('a subfolder, a worktree, the global excludes file: git\'s rules apply; a link to an ignored file packs nothing', posixOnly, async (t) => {
  const dir = await tempDir(t);
  const repo = join(dir, 'repo');
  await writeFiles(repo, {
    '.gitignore': '.env\nbuild/\n*.secret\n',
    'sub/app.js': 'app\n',
    'sub/.env': 'TOKEN=parent-ignored\n',
    'sub/build/out.js': 'built\n',
    'sub/local.private': 'globally ignored\n',
    'sub/k.secret': 'ignored\n',
    'sub/shared.local': 'ignored by info/exclude\n',
  });
  await symlink('.env', join(repo, 'sub', 'env.txt'));
  await symlink('app.js', join(repo, 'sub', 'app-link.js'));
  const xdg = join(dir, 'xdg');
  await writeFiles(xdg, { 'git/ignore': '*.private\n' });
  const env = { ...isolatedGitEnv(repo), XDG_CONFIG_HOME: xdg };
  git(repo, ['init', '-q']);
  await writeFile(join(repo, '.git', 'info', 'exclude'), '*.local\n');

  const sub = await packIn(dir, join(repo, 'sub'), env);
  assert.equal(sub.run.code, 0, sub.run.stderr);
  await checkPackTruth(sub.place, { 'app.js': 'app\n', 'app-link.js': 'app\n' });

  // The test's own git sees no global excludes: commit only what the pack took.
  git(repo, ['add', '.gitignore', 'sub/app.js', 'sub/app-link.js']);
  git(repo, ['commit', '-q', '-m', 'init']);
  const wt = join(dir, 'wt');
  git(repo, ['worktree', 'add', '-q', wt]);
  await writeFiles(wt, { 'sub/.env': 'TOKEN=in the worktree\n', 'sub/more.local': 'ignored by the common info/exclude\n', 'sub/new.txt': 'new\n', 'sub/w.private': 'global\n' });
  const inWt = await packIn(dir, join(wt, 'sub'), env);
  assert.equal(inWt.run.code, 0, inWt.run.stderr);
  await checkPackTruth(inWt.place, { 'app.js': 'app\n', 'app-link.js': 'app\n', 'new.txt': 'new\n' });
});

test('a .git that is a link to itself does not fail the pack', posixOnly, async (t) => {
  const dir = await tempDir(t);
  const root = join(dir, 'root');
  await writeFiles(root, { 'a.txt': 'a\n', '.gitignore': 'b.txt\n', 'b.txt': 'ignored\n' });
  await symlink('.git', join(root, '.git'));
  const { place, run } = await packIn(dir, root, isolatedGitEnv(dir));
  assert.equal(run.code, 0, run.stderr);
  await checkPackTruth(place, { 'a.txt': 'a\n', '.gitignore': 'b.txt\n' });
});

test('a bare repository is refused with a clear message (exit 2), and its config and hooks are not packed', async (t) => {
  const dir = await tempDir(t);
  const bare = join(dir, 'bare.git');
  execFileSync('git', ['init', '-q', '--bare', bare], { env: isolatedGitEnv(dir) });
  const { place, run } = await packIn(dir, bare, isolatedGitEnv(dir));
  assert.equal(run.code, 2, run.stderr);
  const lines = errorLines(run.stderr);
  assert.equal(lines.length, 1, JSON.stringify(lines));
  assert.match(lines[0]!, /^INPUT_INVALID: .*bare\.git is a bare git repository/);
  assert.equal(await exists(place.out), false);
});
