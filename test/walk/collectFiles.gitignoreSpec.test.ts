// Spec test: the repo scope's walk agrees with `git ls-files -co --exclude-standard` on a real
// repository (no global excludes), nested .gitignore files, negations and all.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { BUILTIN_SCOPES } from '../../src/scopes/index.js';
import { compareCodePoints } from '../../src/util/index.js';
import { collectFiles } from '../../src/walk/index.js';
import { tempDir } from '../helpers/tmp.js';
import { listGitFiles } from '../../src/walk/listGitFiles.js';
import { git, gitListFiles, isolatedGitEnv, writeTree } from './fixtures.js';

const ROOT_RULES = [
  '# a comment, then a blank line',
  '',
  '*.log',
  '!keep.log',
  '/build/',
  'temp/',
  'docs/**/*.tmp',
  'ignored-dir/',
  '!ignored-dir/reinclude.txt',
  'foo/*',
  '!foo/bar/',
  '\\#hash.txt',
  'name with space.txt',
  'b/',
  '*.secret',
  '*.gen',
  '!keep.info',
  'q/**/deep.txt',
  '[xy]z.txt',
  'lo?s/',
].join('\n');

const TREE: Record<string, string> = {
  '.gitignore': `${ROOT_RULES}\n`,
  'a.txt': 'a',
  '.env.example': 'dot files are packed unless ignored',
  '.github/workflows/ci.yml': 'on: push',
  'app.log': 'ignored',
  'keep.log': 'negated',
  'sub/keep.log': 'negated at any depth',
  'sub/x.log': 'ignored',
  'build/out.js': 'anchored dir: ignored',
  'src/build/x.js': 'not the anchored one: kept',
  'temp/t.txt': 'ignored',
  'src/temp/t.txt': 'unanchored dir pattern: ignored',
  'lib/temp': 'a file named temp: a dir-only pattern does not match it',
  'docs/readme.md': 'kept',
  'docs/c.tmp': '** matches no folder too: ignored',
  'docs/a/b2/c.tmp': 'ignored',
  'ignored-dir/reinclude.txt': 'git cannot re-include under an excluded folder',
  'ignored-dir/other.txt': 'ignored',
  'foo/x.txt': 'ignored',
  'foo/bar/y.txt': 're-included folder: kept',
  'foo/baz/z.txt': 'ignored',
  '#hash.txt': 'escaped #: ignored',
  'name with space.txt': 'ignored',
  'other name.txt': 'kept',
  'ünï/cödé.md': 'kept',
  '😀/ｆｉｌｅ～.txt': 'kept',
  'nested/.gitignore': '!*.log\n/only-here.txt\ndeep/\n',
  'nested/a.log': 'negated by the deeper file: kept',
  'nested/only-here.txt': 'anchored to nested/: ignored',
  'nested/sub/only-here.txt': 'kept',
  'nested/deep/x.txt': 'ignored',
  'nested/sub/deep/x.txt': 'ignored',
  'x/.gitignore': '!b/\n',
  'x/b/file.txt': 'folder re-included by a deeper file: kept',
  'x/b/file.secret': 'the root file still judges it: ignored',
  'y/b/file.txt': 'ignored',
  'z/.gitignore': '!keep.gen\n',
  'z/keep.gen': 'kept',
  'z/other.gen': 'ignored',
  'cache/.gitignore': '*\n!.gitignore\n',
  'cache/data.bin': 'ignored',
  'excluded.info': 'ignored by .git/info/exclude',
  'keep.info': '.gitignore overrides .git/info/exclude: kept',
  'q/deep.txt': 'ignored',
  'q/1/2/deep.txt': 'ignored',
  'q/1/other.txt': 'kept',
  'xz.txt': 'ignored',
  'wz.txt': 'kept',
  'logs/a.txt': 'ignored',
  'lo/a.txt': 'kept',
};

/** The walk (git's list withheld) or git's list, git run in the isolated environment of `git()`. */
async function collectPaths(root: string, by: 'git' | 'walk' = 'git'): Promise<string[]> {
  const gitFiles =
    by === 'walk'
      ? async () => undefined
      : (dir: string) =>
          listGitFiles(dir, (args, cwd) => Promise.resolve(execFileSync('git', [...args], { cwd, env: isolatedGitEnv(root), maxBuffer: 1 << 28 })));
  const selection = await collectFiles({ root, scope: BUILTIN_SCOPES.repo, exclude: [], deps: { gitFiles } });
  assert.deepEqual(selection.omitted, [], 'the repo scope decides text later');
  return selection.files.map((f) => f.path);
}

function sorted(paths: string[]): string[] {
  return [...paths].sort(compareCodePoints);
}

test('the repo scope lists exactly what git ls-files -co --exclude-standard lists', async (t) => {
  const root = await tempDir(t);
  git(root, ['init', '-q']);
  await writeTree(root, TREE);
  await writeFile(join(root, '.git', 'info', 'exclude'), '*.info\n');

  const expected = sorted(gitListFiles(root));
  // The tree exercises what it claims to: these are listed by git and these are not.
  for (const kept of ['keep.log', 'foo/bar/y.txt', 'nested/a.log', 'x/b/file.txt', 'keep.info', 'ünï/cödé.md']) {
    assert.ok(expected.includes(kept), `git lists ${kept}`);
  }
  for (const gone of ['ignored-dir/reinclude.txt', 'x/b/file.secret', 'excluded.info', 'cache/data.bin']) {
    assert.ok(!expected.includes(gone), `git does not list ${gone}`);
  }
  assert.deepEqual(await collectPaths(root, 'walk'), expected, 'the walk');
  assert.deepEqual(await collectPaths(root, 'git'), expected, 'git\'s list');

  // Tracked files too (-c), plus new untracked ones after the commit.
  git(root, ['add', '-A']);
  git(root, ['commit', '-q', '-m', 'tree']);
  await writeTree(root, { 'late/new.txt': 'untracked', 'late/new.log': 'ignored', 'sub/late.gen': 'ignored' });
  const afterCommit = sorted(gitListFiles(root));
  assert.ok(afterCommit.includes('late/new.txt'));
  assert.deepEqual(await collectPaths(root, 'walk'), afterCommit, 'the walk');
  assert.deepEqual(await collectPaths(root, 'git'), afterCommit, 'git\'s list');
});

test('in a git work tree the repo scope takes git\'s answer: core.excludesFile is honoured as git honours it', async (t) => {
  const root = await tempDir(t);
  git(root, ['init', '-q']);
  await writeTree(root, { 'README.md': 'readme', 'excludes.txt': '*.md\n' });
  git(root, ['config', 'core.excludesFile', join(root, 'excludes.txt')]);
  assert.ok(!gitListFiles(root).includes('README.md'), 'git itself honours it');
  assert.deepEqual(await collectPaths(root), ['excludes.txt']);
});

test('outside git, the walk honours .gitignore files all the same and skips .git and .llm-packer', async (t) => {
  const root = await tempDir(t);
  await writeTree(root, {
    '.gitignore': 'dist/\n',
    'dist/app.js': 'built',
    'src/app.ts': 'source',
    '.git/config': 'not a repository, still never packed',
    'sub/.git': 'gitdir: elsewhere',
    '.llm-packer/packs/p/x.md': 'a pack',
    'deep/.llm-packer/cas/obj': 'a nested store',
  });
  await mkdir(join(root, 'empty-dir'));
  assert.deepEqual(await collectPaths(root), ['.gitignore', 'src/app.ts']);
});
