/**
 * The shared path rule (src/paths): unit cases for each kind of name git or some file system
 * would treat specially, then property checks of the clash finder.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { checkTreePaths, findPathClash, isGitDirAlias, nameProblem, pathProblem } from '../../src/paths/index.js';

test('.git and every alias git knows for it are refused, at any depth', () => {
  const aliases = ['.git', '.GIT', '.Git', 'GIT~1', 'git~1', '.git.', '.git ', '.git. . ', '.git::$INDEX_ALLOCATION', '.git:$I30:$INDEX_ALLOCATION', '.g\u200Cit', '\uFEFF.git', '.gi\u200Et', '.GIT\u206A'];
  for (const name of aliases) {
    assert.ok(isGitDirAlias(name), JSON.stringify(name));
    assert.match(pathProblem(`${name}/config`) ?? '', /\.git/, name);
    assert.match(pathProblem(`sub/dir/${name}/HEAD`) ?? '', /\.git/, name);
  }
  for (const name of ['.github', '.gitignore', '.gitmodules', 'git', 'git~2x', '.gitx', 'a.git', 'my.git']) {
    assert.equal(isGitDirAlias(name), false, name);
  }
  assert.equal(pathProblem('.gitignore'), undefined);
  assert.equal(pathProblem('.github/workflows/ci.yml'), undefined);
});

test('names Windows, macOS or a temp suffix would change or refuse', () => {
  const bad: [string, RegExp][] = [
    ['CON', /device/], ['con.txt', /device/], ['NUL.tar.gz', /device/], ['com1', /device/], ['LPT9.md', /device/], ['aux ', /trailing/],
    ['CON .txt', /device/], ['a.', /trailing/], ['a ', /trailing/], ['a:b', /not allowed/], ['a<b', /not allowed/], ['a|b', /not allowed/],
    ['a"b', /not allowed/], ['a?b', /not allowed/], ['a*b', /not allowed/], ['a\u0001b', /not allowed/], ['x'.repeat(239), /too long/],
    ['é'.repeat(120), /too long/],
  ];
  for (const [name, reason] of bad) assert.match(nameProblem(name) ?? '', reason, JSON.stringify(name));
  for (const name of ['x'.repeat(238), 'console.log', 'CONFIG', 'com10', 'lpt', 'nul_file', '.env', 'a b', 'é'.repeat(119)]) {
    assert.equal(nameProblem(name), undefined, name);
  }
  assert.match(pathProblem('a\\b') ?? '', /backslash/);
  assert.match(pathProblem('C:/x') ?? '', /drive letter/);
  assert.match(pathProblem('c:x') ?? '', /drive letter/);
});

test('twins, duplicates and file/folder clashes are found, with a one-line reason', () => {
  const nfc = 'caf\u00E9.md';
  const nfd = 'cafe\u0301.md';
  assert.match(checkTreePaths(['README', 'readme'])?.message ?? '', /differ only by case: "README" and "readme"/);
  assert.match(checkTreePaths([nfd, nfc])?.message ?? '', /differ only by Unicode normalisation/);
  assert.match(checkTreePaths(['Docs/a', 'docs/b'])?.message ?? '', /differ only by case: "Docs" and "docs"/);
  assert.match(checkTreePaths(['a', 'a/b'])?.message ?? '', /"a" is both a file and a folder/);
  assert.match(checkTreePaths(['A', 'a/b'])?.message ?? '', /differ only by case/);
  assert.match(checkTreePaths(['x', 'x'])?.message ?? '', /duplicate path "x"/);
  assert.equal(checkTreePaths(['a/b', 'a/c', 'b', 'ab/c']), undefined);
});

test('property: a clash is found exactly when two paths fold to the same name or one folds to a folder of another', () => {
  const seg = fc.constantFrom('a', 'A', 'b', '\u00E9', 'e\u0301', 'x.md');
  const path = fc.array(seg, { minLength: 1, maxLength: 3 }).map((s) => s.join('/'));
  fc.assert(
    fc.property(fc.array(path, { maxLength: 6 }), (paths) => {
      const fold = (p: string) => p.normalize('NFC').toLowerCase();
      const prefixes = (p: string) => p.split('/').map((_, i, all) => all.slice(0, i + 1).join('/'));
      let expected = false;
      for (let i = 0; i < paths.length; i++) {
        for (let j = 0; j < paths.length; j++) {
          if (i === j) continue;
          const a = paths[i]!;
          const b = paths[j]!;
          // Same folded file, or a folded prefix of b (a folder) equal to folded a (a file), or differently spelt folders.
          if (fold(a) === fold(b)) expected = true;
          for (const p of prefixes(b).slice(0, -1)) if (fold(p) === fold(a)) expected = true;
          for (const p of prefixes(a)) for (const q of prefixes(b)) if (fold(p) === fold(q) && p !== q) expected = true;
        }
      }
      assert.equal(findPathClash(paths) !== undefined, expected, JSON.stringify(paths));
    }),
    { numRuns: 300 },
  );
});
