// Selection of the built-in AGS scopes, exactly docs/FORMATS.md §10.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { BUILTIN_SCOPES } from '../../src/scopes/index.js';
import { collectFiles } from '../../src/walk/index.js';
import type { Selection } from '../../src/walk/index.js';
import { tempDir } from '../helpers/tmp.js';
import { writeTree } from './fixtures.js';

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x01]);

/** The worked example's fixture (docs/FORMATS.md §11), recreated byte for byte. */
const P2_EXAMPLE: Record<string, string | Uint8Array> = {
  '.github/ci.yml': 'name: ci\n',
  'CAPABILITY/tools/tool.py': "print('hi')\n",
  'LAW/rules.md': 'rule one\n',
  'MEMORY/logo.png': PNG,
  'MEMORY/notes.txt': 'notes\n',
  'NAVIGATION/map.json': '{"a": 1}\n',
  'README.md': '# Example\n',
  'THOUGHT/idea.md': 'idea\n',
};

const paths = (selection: Selection) => selection.files.map((f) => f.path);

test('p2-example: seven files packed, MEMORY/logo.png omitted', async (t) => {
  const root = await tempDir(t);
  await writeTree(root, P2_EXAMPLE);
  const selection = await collectFiles({ root, scope: BUILTIN_SCOPES.ags, exclude: [] });
  assert.deepEqual(paths(selection), [
    '.github/ci.yml',
    'CAPABILITY/tools/tool.py',
    'LAW/rules.md',
    'MEMORY/notes.txt',
    'NAVIGATION/map.json',
    'README.md',
    'THOUGHT/idea.md',
  ]);
  assert.deepEqual(selection.omitted.map((f) => f.path), ['MEMORY/logo.png']);
  assert.deepEqual(selection.files.map((f) => f.size), [9, 12, 9, 6, 9, 10, 5]);
  assert.deepEqual(selection.omitted.map((f) => f.size), [10]);
  const ci = selection.files[0];
  assert.equal(ci?.rootPath, '.github/ci.yml');
  assert.equal(ci?.absPath.endsWith(join('.github', 'ci.yml')), true);
});

test('ags: excluded parts, dot folders, MEMORY/ARCHIVE, roots files and the text rule', async (t) => {
  const root = await tempDir(t);
  await writeTree(root, {
    'LAW/kept.md': 'x',
    'LAW/node_modules/pkg/index.js': 'excluded part at depth 2',
    'CAPABILITY/_runs/run.json': 'excluded part',
    'CAPABILITY/x/_generated/g.md': 'excluded part deep',
    'THOUGHT/research/r.md': 'excluded part',
    'THOUGHT/LAB/lab.md': 'LAB is excluded for ags',
    'THOUGHT/Original/o.md': 'excluded',
    'THOUGHT/ORIGINAL/o.md': 'excluded',
    'THOUGHT/RESEARCH/r.md': 'excluded',
    'DIRECTION/__pycache__/c.py': 'excluded',
    'DIRECTION/_packs/p.md': 'excluded',
    'DIRECTION/sub/BUILD': 'a file named like an excluded part: excluded',
    'LAW/Node_Modules/x.md': 'exact, case-sensitive: kept',
    'MEMORY/ARCHIVE/old.md': 'first two components: excluded',
    'MEMORY/keep/ARCHIVE/old.md': 'not the first two: kept',
    'THOUGHT/MEMORY/ARCHIVE/x.md': 'not the first two: kept',
    'LAW/.hidden/x.md': 'dot folder: excluded',
    'LAW/.hidden.json': 'dot file: excluded',
    'LAW/.github/x.md': '.github is allowed anywhere: kept',
    '.github/workflows/ci.yml': 'kept',
    '.git/config': 'never',
    '.vscode/settings.json': 'not an include dir',
    'OTHER/x.md': 'not an include dir',
    'CAPABILITY/RUN_ROOTS.json': '[]',
    'MEMORY/sub/GC_PINS.json': '[]',
    'LAW/UPPER.MD': 'text by extension, any case',
    'LAW/NOEXT': 'not text',
    'LAW/trailingdot.': 'not text',
    'LAW/archive.tar.GZ': 'not text',
    'LAW/LICENSE': 'text by name',
    'LAW/.gitkeep': 'a dot name: excluded before the text rule',
    'README.md': 'root file',
    'LICENSE': 'root file, text by name',
    '.gitignore': 'root file, text by name',
    '.editorconfig': 'root file',
    'AGENTS.md': 'root file',
    'other.md': 'not a root file',
  });
  const selection = await collectFiles({ root, scope: BUILTIN_SCOPES.ags, exclude: [] });
  assert.deepEqual(paths(selection), [
    '.editorconfig',
    '.github/workflows/ci.yml',
    '.gitignore',
    'AGENTS.md',
    'LAW/.github/x.md',
    'LAW/LICENSE',
    'LAW/Node_Modules/x.md',
    'LAW/UPPER.MD',
    'LAW/kept.md',
    'LICENSE',
    'MEMORY/keep/ARCHIVE/old.md',
    'README.md',
    'THOUGHT/MEMORY/ARCHIVE/x.md',
  ]);
  assert.deepEqual(selection.omitted.map((f) => f.path), ['LAW/NOEXT', 'LAW/archive.tar.GZ', 'LAW/trailingdot.']);
});

test('lab and cat_cas: paths relative to their source root, their own excluded parts', async (t) => {
  const root = await tempDir(t);
  await writeTree(root, {
    'THOUGHT/LAB/a.md': 'x',
    'THOUGHT/LAB/research/r.md': 'research is not excluded for lab',
    'THOUGHT/LAB/_runs/r.md': 'excluded',
    'THOUGHT/LAB/.cache/c.md': 'dot folder: excluded',
    'THOUGHT/LAB/CAT_CAS/c.txt': 'x',
    'THOUGHT/LAB/CAT_CAS/img.png': 'not text',
    'THOUGHT/other.md': 'outside',
    'README.md': 'no root files for lab',
  });
  const lab = await collectFiles({ root, scope: BUILTIN_SCOPES.lab, exclude: [] });
  assert.deepEqual(paths(lab), ['CAT_CAS/c.txt', 'a.md', 'research/r.md']);
  assert.deepEqual(lab.files.map((f) => f.rootPath), ['THOUGHT/LAB/CAT_CAS/c.txt', 'THOUGHT/LAB/a.md', 'THOUGHT/LAB/research/r.md']);
  assert.deepEqual(lab.omitted.map((f) => f.path), ['CAT_CAS/img.png']);
  const cat = await collectFiles({ root, scope: BUILTIN_SCOPES.cat_cas, exclude: [] });
  assert.deepEqual(paths(cat), ['c.txt']);
  assert.equal(cat.files[0]?.rootPath, 'THOUGHT/LAB/CAT_CAS/c.txt');
});

test('a missing include dir is no error; a missing root gives INPUT_NOT_FOUND', async (t) => {
  const root = await tempDir(t);
  await writeTree(root, { 'LAW/a.md': 'x' });
  assert.deepEqual(paths(await collectFiles({ root, scope: BUILTIN_SCOPES.lab, exclude: [] })), []);
  await assert.rejects(collectFiles({ root: join(root, 'nope'), scope: BUILTIN_SCOPES.ags, exclude: [] }), {
    code: 'INPUT_NOT_FOUND',
  });
});

test("the store's folders are never packed, wherever they are", async (t) => {
  const root = await tempDir(t);
  await writeTree(root, {
    'CAPABILITY/CAS/storage/ab/cde/abcdef.md': 'an object',
    'CAPABILITY/CAS/readme.md': 'kept',
    'CAPABILITY/RUNS/x.json': 'a run',
    'MEMORY/LLM_PACKER/_packs/p/x.md': 'a pack (also an excluded part)',
    'LAW/out/FULL/x.md': 'an out dir inside an include dir',
    'LAW/outside.md': 'kept',
  });
  const exclude = ['CAPABILITY/CAS/storage', 'CAPABILITY/RUNS', 'MEMORY/LLM_PACKER/_packs', 'LAW/out'].map((p) =>
    join(root, ...p.split('/')),
  );
  const selection = await collectFiles({ root, scope: BUILTIN_SCOPES.ags, exclude });
  assert.deepEqual(paths(selection), ['CAPABILITY/CAS/readme.md', 'LAW/outside.md']);
  const repo = await collectFiles({ root, scope: BUILTIN_SCOPES.repo, exclude });
  assert.deepEqual(paths(repo), ['CAPABILITY/CAS/readme.md', 'LAW/outside.md']);
});
