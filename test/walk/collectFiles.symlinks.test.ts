// Links are followed only to regular files inside the root; special files are never packed.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, symlink } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { BUILTIN_SCOPES } from '../../src/scopes/index.js';
import { collectFiles } from '../../src/walk/index.js';
import { NOT_A_FILE_RULES } from '../../src/walk/resolveCandidates.js';
import { tempDir } from '../helpers/tmp.js';
import { writeTree } from './fixtures.js';

const posixOnly = { skip: process.platform === 'win32' ? 'symlinks, FIFOs and sockets need POSIX' : false };

test('symlinks: a link to a file inside the root is packed under its own path; others are skipped', posixOnly, async (t) => {
  const base = await tempDir(t);
  const root = join(base, 'root');
  await writeTree(base, {
    'root/src/real.txt': 'twelve bytes',
    'root/src/dir/inner.txt': 'inner',
    'root/.git/config': 'git internals',
    'root/.llm-packer/cas/obj': 'store',
    'root/store/obj': 'an excluded store folder',
    'outside/secret.txt': 'outside the root',
    'outside/dir/x.txt': 'outside the root',
  });
  await symlink('real.txt', join(root, 'src', 'link.txt'));
  await mkdir(join(root, 'links'));
  await symlink('../src/real.txt', join(root, 'links', 'up.txt'));
  await symlink('dir', join(root, 'src', 'dirlink'));
  await symlink(join(base, 'outside', 'secret.txt'), join(root, 'src', 'escape.txt'));
  await symlink('../../outside/dir', join(root, 'src', 'escape-dir'));
  await symlink('missing.txt', join(root, 'src', 'broken.txt'));
  await symlink('loop-b', join(root, 'src', 'loop-a'));
  await symlink('loop-a', join(root, 'src', 'loop-b'));
  await symlink('../.git/config', join(root, 'src', 'git-config'));
  await symlink('../.llm-packer/cas/obj', join(root, 'src', 'store-obj'));
  await symlink('../store/obj', join(root, 'src', 'excluded-obj'));

  const selection = await collectFiles({ root, scope: BUILTIN_SCOPES.repo, exclude: [join(root, 'store')] });
  const byPath = new Map(selection.files.map((f) => [f.path, f]));
  assert.deepEqual([...byPath.keys()], ['links/up.txt', 'src/dir/inner.txt', 'src/link.txt', 'src/real.txt']);
  assert.equal(byPath.get('src/link.txt')?.size, 12, 'size of the target');
  assert.equal(byPath.get('links/up.txt')?.size, 12);
  // None of the others is left out silently: each is in meta/OMITTED.json with why.
  const notFiles = selection.ignored.filter((e) => e.reason === 'not-a-file').map((e) => [e.path, e.rule]);
  assert.deepEqual(notFiles, [
    ['src/broken.txt', NOT_A_FILE_RULES.broken],
    ['src/dirlink', NOT_A_FILE_RULES.folder],
    ['src/escape-dir', NOT_A_FILE_RULES.folder],
    ['src/escape.txt', NOT_A_FILE_RULES.outside],
    ['src/excluded-obj', NOT_A_FILE_RULES.forbidden],
    ['src/git-config', NOT_A_FILE_RULES.forbidden],
    ['src/loop-a', NOT_A_FILE_RULES.broken],
    ['src/loop-b', NOT_A_FILE_RULES.broken],
    ['src/store-obj', NOT_A_FILE_RULES.forbidden],
  ]);
});

test('symlinks: the AGS walk treats links the same way and never enters a linked include dir', posixOnly, async (t) => {
  const base = await tempDir(t);
  const root = join(base, 'root');
  await writeTree(base, {
    'root/LAW/a.md': 'x',
    'root/docs/shared.md': 'shared',
    'elsewhere/THOUGHT/t.md': 'outside',
  });
  await symlink('../docs/shared.md', join(root, 'LAW', 'shared.md'));
  await symlink(join(base, 'elsewhere', 'THOUGHT'), join(root, 'THOUGHT'));
  await symlink('LAW/a.md', join(root, 'README.md'));
  const selection = await collectFiles({ root, scope: BUILTIN_SCOPES.ags, exclude: [] });
  assert.deepEqual(
    selection.files.map((f) => [f.path, f.size]),
    [['LAW/a.md', 1], ['LAW/shared.md', 6], ['README.md', 1]],
  );
});

test('a root reached through a link gives the same paths, and store folders may be spelled either way', posixOnly, async (t) => {
  const base = await tempDir(t);
  await writeTree(base, { 'real/a.txt': 'a', 'real/out/x.txt': 'pack output' });
  await symlink('real', join(base, 'alias'));
  const viaLink = await collectFiles({ root: join(base, 'alias'), scope: BUILTIN_SCOPES.repo, exclude: [join(base, 'real', 'out')] });
  const direct = await collectFiles({ root: join(base, 'real'), scope: BUILTIN_SCOPES.repo, exclude: [join(base, 'alias', 'out')] });
  assert.deepEqual(viaLink.files.map((f) => f.path), ['a.txt']);
  assert.deepEqual(direct.files.map((f) => f.path), ['a.txt']);
});

test('FIFOs and sockets are never packed', posixOnly, async (t) => {
  const root = await tempDir(t);
  await writeTree(root, { 'a.txt': 'a' });
  execFileSync('mkfifo', [join(root, 'pipe')]);
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(join(root, 'sock'), resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  await symlink('pipe', join(root, 'pipe-link'));
  const selection = await collectFiles({ root, scope: BUILTIN_SCOPES.repo, exclude: [] });
  assert.deepEqual(selection.files.map((f) => f.path), ['a.txt']);
});
