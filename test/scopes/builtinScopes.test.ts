import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BUILTIN_SCOPES, DEFAULT_LIMITS } from '../../src/scopes/index.js';

test('ags, lab and cat_cas are docs/FORMATS.md §10', () => {
  const { ags, lab, cat_cas: cat } = BUILTIN_SCOPES;
  assert.deepEqual(
    [ags.key, ags.title, ags.prefix, ags.sourceRoot],
    ['ags', 'Agent Governance System (AGS)', 'AGS', '.'],
  );
  assert.deepEqual(ags.includeDirs, ['LAW', 'CAPABILITY', 'NAVIGATION', 'DIRECTION', 'THOUGHT', 'MEMORY', '.github']);
  assert.deepEqual(ags.rootFiles, ['README.md', 'LICENSE', 'AGENTS.md', '.gitignore', '.gitattributes', '.editorconfig']);
  assert.deepEqual(
    [...ags.excludedDirParts].sort(),
    ['.git', 'BUILD', 'LAB', 'ORIGINAL', 'Original', 'RESEARCH', '__pycache__', '_generated', '_packs', '_runs', 'node_modules', 'research'],
  );
  assert.deepEqual([lab.key, lab.title, lab.prefix, lab.sourceRoot], ['lab', 'LAB (THOUGHT/LAB)', 'LAB', 'THOUGHT/LAB']);
  assert.deepEqual(lab.includeDirs, ['THOUGHT/LAB']);
  assert.deepEqual(
    [cat.key, cat.title, cat.prefix, cat.sourceRoot],
    ['cat_cas', 'CAT_CAS (Catalytic Substrate Lab)', 'CAT', 'THOUGHT/LAB/CAT_CAS'],
  );
  assert.deepEqual(cat.includeDirs, ['THOUGHT/LAB/CAT_CAS']);
  for (const scope of [lab, cat]) {
    assert.deepEqual(scope.rootFiles, []);
    assert.deepEqual(
      [...scope.excludedDirParts].sort(),
      ['.git', 'BUILD', '__pycache__', '_generated', '_packs', '_runs', 'node_modules'],
    );
  }
  for (const scope of [ags, lab, cat]) {
    assert.deepEqual(
      [scope.selection, scope.textRule, scope.sections, scope.limits],
      ['ags', 'extension', 'ags', DEFAULT_LIMITS],
    );
  }
  assert.deepEqual(DEFAULT_LIMITS, {
    maxTotalBytes: 52428800,
    maxEntryBytes: 2097152,
    maxEntries: 50000,
    allowDuplicateHashes: true,
  });
});

test('repo: the whole root, .gitignore rules, text from content, one section per top-level folder', () => {
  const { repo } = BUILTIN_SCOPES;
  assert.deepEqual(
    [repo.key, repo.prefix, repo.sourceRoot, repo.selection, repo.textRule, repo.sections],
    ['repo', 'REPO', '.', 'gitignore', 'content', 'top-level'],
  );
  assert.deepEqual(repo.includeDirs, ['.']);
  assert.deepEqual(repo.rootFiles, []);
  assert.deepEqual(repo.excludedDirParts, ['.git']);
  assert.ok(repo.anchors.some((a) => a.startsWith('{README')));
});
