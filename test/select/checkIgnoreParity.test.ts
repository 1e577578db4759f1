// Spec test: for every file of a tree of hard cases, the reason the repo scope gives for leaving
// it out (pattern, file, line) is the one `git check-ignore -v --no-index` gives, and a file git
// does not ignore is packed.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { BUILTIN_SCOPES } from '../../src/scopes/index.js';
import { compileSelectRules } from '../../src/select/compileRules.js';
import { omittedLookup } from '../../src/select/findOmitted.js';
import { collectFiles } from '../../src/walk/index.js';
import { tempDir } from '../helpers/tmp.js';
import { git, writeTree } from '../walk/fixtures.js';

const TREE: Record<string, string> = {
  '.gitignore': [
    '# comment', '', '*.log', '!keep.log', '/build/', 'temp/', 'docs/**/*.tmp', 'ignored-dir/',
    '!ignored-dir/reinclude.txt', 'foo/*', '!foo/bar/', '\\#hash.txt', '\\!bang.txt', 'trailing\\ ', 'b/', '*.secret',
    '!keep.info', 'q/**/deep.txt', '[xy]z.txt', 'lo?s/', '*.gen', 'dup.txt', 'dup.txt',
  ].join('\n') + '\n',
  'a.txt': '', 'app.log': '', 'keep.log': '', 'sub/keep.log': '', 'sub/x.log': '',
  'build/out.js': '', 'src/build/x.js': '', 'temp/t.txt': '', 'src/temp/t.txt': '', 'lib/temp': '',
  'docs/c.tmp': '', 'docs/a/b2/c.tmp': '', 'docs/readme.md': '',
  'ignored-dir/reinclude.txt': '', 'ignored-dir/other.txt': '',
  'foo/x.txt': '', 'foo/bar/y.txt': '', 'foo/baz/z.txt': '',
  '#hash.txt': '', '!bang.txt': '', 'trailing ': '', 'dup.txt': '',
  'nested/.gitignore': '!*.log\n/only-here.txt\ndeep/\n',
  'nested/a.log': '', 'nested/only-here.txt': '', 'nested/sub/only-here.txt': '', 'nested/deep/x.txt': '', 'nested/sub/deep/x.txt': '',
  'x/.gitignore': '!b/\n', 'x/b/file.txt': '', 'x/b/file.secret': '', 'y/b/file.txt': '',
  'z/.gitignore': '!keep.gen\n', 'z/keep.gen': '', 'z/other.gen': '',
  'cache/.gitignore': '*\n!.gitignore\n', 'cache/data.bin': '',
  'excluded.info': '', 'keep.info': '', 'info/also.info': '',
  'q/deep.txt': '', 'q/1/2/deep.txt': '', 'q/1/other.txt': '', 'xz.txt': '', 'wz.txt': '', 'logs/a.txt': '', 'lo/a.txt': '',
  'ünï/cödé.log': '', 'crlf/.gitignore': 'one.txt\r\ntwo.txt\r\n', 'crlf/one.txt': '', 'crlf/two.txt': '', 'crlf/three.txt': '',
};

interface Verdict {
  source: string;
  line: number;
  pattern: string;
}

/** git's deciding pattern for each path, or undefined when no pattern ignores it. */
function gitVerdicts(root: string, paths: string[]): Map<string, Verdict | undefined> {
  const out = git(root, ['check-ignore', '-v', '-n', '-z', '--no-index', '--stdin'], paths.map((p) => `${p}\0`).join(''));
  const fields = out.split('\0');
  const verdicts = new Map<string, Verdict | undefined>();
  for (let i = 0; i + 3 < fields.length; i += 4) {
    const [source, line, pattern, path] = fields.slice(i, i + 4) as [string, string, string, string];
    const ignored = source !== '' && !pattern.startsWith('!');
    verdicts.set(path, ignored ? { source, line: Number(line), pattern } : undefined);
  }
  return verdicts;
}

test('reasons agree with git check-ignore -v --no-index on nested .gitignore files, negations and info/exclude', async (t) => {
  const root = await tempDir(t);
  git(root, ['init', '-q']);
  await writeTree(root, TREE);
  await writeFile(join(root, '.git', 'info', 'exclude'), '# local\n*.info\n');
  const paths = Object.keys(TREE).sort();

  const expected = gitVerdicts(root, paths);
  assert.equal(expected.size, paths.length, 'git answered for every path');
  // The fixture exercises what it claims: a rule in a nested file, a negation, info/exclude.
  assert.deepEqual(expected.get('nested/only-here.txt'), { source: 'nested/.gitignore', line: 2, pattern: '/only-here.txt' });
  assert.deepEqual(expected.get('excluded.info'), { source: '.git/info/exclude', line: 2, pattern: '*.info' });
  assert.equal(expected.get('keep.log'), undefined);

  const selection = await collectFiles({
    root,
    scope: BUILTIN_SCOPES.repo,
    exclude: [],
    select: compileSelectRules({ defaultIgnores: false }, true),
  });
  const packed = new Set(selection.files.map((f) => f.rootPath));
  const find = omittedLookup(selection.ignored);
  for (const path of paths) {
    const entry = find(path);
    const ours = entry === undefined ? undefined : { source: entry.source, line: entry.line, pattern: entry.rule };
    assert.deepEqual(ours, expected.get(path), path);
    assert.equal(packed.has(path), entry === undefined, `${path} is packed or has a reason`);
    if (entry) assert.equal(entry.reason, 'gitignore');
  }
});
