import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { readGitContext } from '../../src/walk/index.js';
import { tempDir } from '../helpers/tmp.js';

function git(cwd: string, ...args: string[]): string {
  const env = { ...process.env, GIT_AUTHOR_DATE: '2024-01-02T03:04:05+01:00', GIT_COMMITTER_DATE: '2024-01-02T03:04:05+01:00' };
  return execFileSync('git', ['-c', 'user.name=Ann', '-c', 'user.email=ann@example.org', ...args], { cwd, env, encoding: 'utf8' });
}

test('a clean tree, then an edit, a new file, the diff and the log', async (t) => {
  const dir = await tempDir(t);
  git(dir, 'init', '-q', '-b', 'main');
  await mkdir(join(dir, 'sub'));
  await writeFile(join(dir, 'sub', 'a.txt'), 'one\n');
  git(dir, 'add', '.');
  git(dir, 'commit', '-qm', 'first: add a');
  await writeFile(join(dir, 'b.txt'), 'b\n');
  git(dir, 'add', '.');
  git(dir, 'commit', '-qm', 'second: add b');
  assert.deepEqual(await readGitContext(dir), { uncommittedChanges: false, untrackedFiles: 0 });

  await writeFile(join(dir, 'sub', 'a.txt'), 'two\n');
  await writeFile(join(dir, 'new.txt'), 'n\n');
  const ctx = await readGitContext(dir, { includeDiff: true, includeLog: 5 });
  assert.equal(ctx.uncommittedChanges, true);
  assert.equal(ctx.untrackedFiles, 1);
  assert.match(ctx.diff!, /^diff --git a\/sub\/a.txt b\/sub\/a.txt\n/);
  assert.match(ctx.diff!, /\n-one\n\+two\n$/);
  assert.deepEqual(
    ctx.log!.map((c) => [c.subject, c.author, c.date, c.files]),
    [
      ['second: add b', 'Ann <ann@example.org>', '2024-01-02T03:04:05+01:00', ['b.txt']],
      ['first: add a', 'Ann <ann@example.org>', '2024-01-02T03:04:05+01:00', ['sub/a.txt']],
    ],
  );
  assert.deepEqual(await readGitContext(dir, { includeDiff: true, includeLog: 5 }), ctx, 'the same state gives the same answer');
  const sub = await readGitContext(join(dir, 'sub'), { includeLog: 5 });
  assert.deepEqual(sub.log!.map((c) => c.subject), ['first: add a'], 'only commits that touched the packed root');
  assert.equal(sub.untrackedFiles, 0);
});

test('outside git: nothing', async (t) => {
  const dir = await tempDir(t);
  assert.deepEqual(await readGitContext(dir, { includeDiff: true, includeLog: 3 }), {});
});
