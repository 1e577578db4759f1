import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  buildTreeForTest,
  computePackDigest,
  orderSections,
  renderFileTree,
  sectionOf,
  splitSectionFileName,
} from './bundleTestApi.js';

test('AGS sections follow the bucket at the top of the packed root; everything else is ROOT_FILES', () => {
  const s = (rootPath: string) => sectionOf({ path: rootPath, rootPath }, 'ags');
  assert.equal(s('LAW/a.md'), 'LAW');
  assert.equal(s('MEMORY/x/y.md'), 'MEMORY');
  assert.equal(s('.github/ci.yml'), 'ROOT_FILES');
  assert.equal(s('README.md'), 'ROOT_FILES');
  assert.equal(s('ROOT_FILES/x.md'), 'ROOT_FILES');
  // lab: manifest paths are below THOUGHT/LAB, the section still follows the root bucket.
  assert.equal(sectionOf({ path: 'notes.md', rootPath: 'THOUGHT/LAB/notes.md' }, 'ags'), 'THOUGHT');
});

test('other scopes get one section per top-level folder of the source root, root files last', () => {
  const s = (path: string) => sectionOf({ path, rootPath: `sub/${path}` }, 'top-level');
  assert.equal(s('src/a.ts'), 'src');
  assert.equal(s('package.json'), 'ROOT_FILES');
  assert.deepEqual(orderSections(['test', 'ROOT_FILES', 'src', '.github', 'Zeta'], 'top-level'), ['.github', 'Zeta', 'src', 'test', 'ROOT_FILES']);
  assert.deepEqual(orderSections(['ROOT_FILES', 'MEMORY', 'LAW'], 'ags'), ['LAW', 'MEMORY', 'ROOT_FILES']);
});

test('section files are numbered from 01, wider only when there are 100 or more', () => {
  assert.equal(splitSectionFileName('AGS', 0, 7, 'LAW'), 'AGS-01_LAW.md');
  assert.equal(splitSectionFileName('REPO', 9, 12, 'src'), 'REPO-10_src.md');
  assert.equal(splitSectionFileName('REPO', 4, 120, 'lib'), 'REPO-005_lib.md');
});

test('the file tree prints each folder once, even when siblings sort between its files', () => {
  const files = ['a-x/d', 'a.txt', 'a/b/c', 'a/b/d', 'z'].map((rootPath) => ({ rootPath }));
  assert.equal(renderFileTree(files), '5 files\na-x/\n  d\na.txt\na/\n  b/\n    c\n    d\nz\n');
  const tree = buildTreeForTest(files.map((f) => ({ ...f, bytes: 2, tokens: 3 })));
  assert.equal(tree.files, 5);
  assert.equal(tree.bytes, 10);
  assert.equal(tree.tokens, 15);
});

test('the pack digest depends on every path, size and hash, and on nothing else', () => {
  const f = (path: string, hash: string, bytes = 1) => ({ path, rootPath: path, bytes, hash });
  const base = [f('a', '0'.repeat(64)), f('b', '1'.repeat(64))];
  const d = computePackDigest(base);
  assert.match(d, /^[0-9a-f]{64}$/);
  assert.equal(computePackDigest(base.map((x) => ({ ...x }))), d);
  assert.notEqual(computePackDigest([base[0]!, f('c', '1'.repeat(64))]), d);
  assert.notEqual(computePackDigest([base[0]!, f('b', '2'.repeat(64))]), d);
  assert.notEqual(computePackDigest([base[0]!, f('b', '1'.repeat(64), 2)]), d);
});
