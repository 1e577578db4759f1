import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { readRepoState } from '../../src/walk/index.js';
import { tempDir } from '../helpers/tmp.js';
import { git, writeTree } from './fixtures.js';

test('readRepoState: {} outside a git work tree', async (t) => {
  const root = await tempDir(t);
  assert.deepEqual(await readRepoState(root), {});
});

test('readRepoState: {} in a repository without a commit', async (t) => {
  const root = await tempDir(t);
  git(root, ['init', '-q']);
  assert.deepEqual(await readRepoState(root), {});
});

test('readRepoState: commit and branch; branch left out when detached; works from a subfolder', async (t) => {
  const root = await tempDir(t);
  git(root, ['init', '-q', '-b', 'trunk']);
  await writeTree(root, { 'sub/a.txt': 'a' });
  git(root, ['add', '-A']);
  git(root, ['commit', '-q', '-m', 'one']);
  const commit = git(root, ['rev-parse', 'HEAD']).trim();
  assert.match(commit, /^[0-9a-f]{40}$/);
  assert.deepEqual(await readRepoState(root), { commit, branch: 'trunk' });
  assert.deepEqual(await readRepoState(join(root, 'sub')), { commit, branch: 'trunk' });
  git(root, ['checkout', '-q', '--detach']);
  assert.deepEqual(await readRepoState(root), { commit });
});

test('readRepoState: an inherited GIT_DIR (as inside a git hook) does not redirect git', async (t) => {
  const other = await tempDir(t);
  git(other, ['init', '-q', '-b', 'other']);
  git(other, ['commit', '-q', '--allow-empty', '-m', 'other']);
  const root = await tempDir(t);
  const saved = process.env.GIT_DIR;
  process.env.GIT_DIR = join(other, '.git');
  t.after(() => {
    if (saved === undefined) delete process.env.GIT_DIR;
    else process.env.GIT_DIR = saved;
  });
  assert.deepEqual(await readRepoState(root), {});
});

test('readRepoState: {} when git is missing or fails', async () => {
  const missing = Object.assign(new Error('spawn git ENOENT'), { code: 'ENOENT' });
  assert.deepEqual(await readRepoState('.', { runGit: () => Promise.reject(missing) }), {});
  assert.deepEqual(await readRepoState('.', { runGit: async () => 'false\n' }), {});
  assert.deepEqual(
    await readRepoState('.', { runGit: async () => `true\n${'a'.repeat(40)}\nmain\n` }),
    { commit: 'a'.repeat(40), branch: 'main' },
  );
});
