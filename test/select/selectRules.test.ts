import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BUILTIN_SCOPES } from '../../src/scopes/index.js';
import { compileSelectRules } from '../../src/select/compileRules.js';
import { omittedLookup } from '../../src/select/findOmitted.js';
import type { SelectOptions } from '../../src/select/types.js';
import { collectFiles } from '../../src/walk/index.js';
import { tempDir } from '../helpers/tmp.js';
import { writeTree } from '../walk/fixtures.js';

const TREE = {
  'src/a.ts': '', 'src/gen/b.ts': '', 'README.md': '', 'package-lock.json': '{}', 'yarn.lock': '',
  '.env': 'X=1', '.env.local': 'X=2', '.env.example': 'X=', 'keys/id_rsa': 'k', 'certs/site.pem': 'c',
  'web/app.min.js': '', 'web/app.js.map': '', 'dist/out.js': '', 'sub/build/x.js': '', 'py/__pycache__/m.pyc': '',
  'notes.txt': '',
};

async function select(root: string, options: SelectOptions, scope = BUILTIN_SCOPES.repo) {
  const selection = await collectFiles({ root, scope, exclude: [], select: compileSelectRules(options, scope.selection !== 'ags') });
  return { packed: selection.files.map((f) => f.rootPath), why: omittedLookup(selection.ignored) };
}

test('default ignores leave out lock files, .env*, keys, minified bundles and build folders; .env.example stays', async (t) => {
  const root = await tempDir(t);
  await writeTree(root, TREE);
  const { packed, why } = await select(root, {});
  assert.deepEqual(packed, ['.env.example', 'README.md', 'notes.txt', 'src/a.ts', 'src/gen/b.ts']);
  assert.deepEqual(why('package-lock.json'), { path: 'package-lock.json', reason: 'default-ignore', rule: 'package-lock.json', source: 'default ignores (lock files)' });
  assert.equal(why('dist/out.js')?.path, 'dist/', 'a folder the walk never entered');
  assert.equal(why('sub/build/x.js')?.rule, 'build/');
  assert.equal(why('.env.local')?.reason, 'default-ignore');

  const off = await select(root, { defaultIgnores: false });
  assert.equal(off.packed.length, Object.keys(TREE).length, '--no-default-ignores packs everything');
});

test("a repository's .gitignore can re-include a default ignore; --ignore wins over every .gitignore", async (t) => {
  const root = await tempDir(t);
  await writeTree(root, { ...TREE, '.gitignore': '!dist/\n!yarn.lock\n!notes.txt\n' });
  const { packed, why } = await select(root, { ignore: [{ source: '--ignore', patterns: ['notes.txt', 'src/gen/'] }] });
  assert.ok(packed.includes('dist/out.js') && packed.includes('yarn.lock'));
  assert.deepEqual(why('notes.txt'), { path: 'notes.txt', reason: 'ignore', rule: 'notes.txt', source: '--ignore', line: 1 });
  assert.deepEqual(why('src/gen/b.ts'), { path: 'src/gen/', reason: 'ignore', rule: 'src/gen/', source: '--ignore', line: 2 });
});

test('--include keeps only matching files (gitignore semantics), the rest is outside include', async (t) => {
  const root = await tempDir(t);
  await writeTree(root, TREE);
  const { packed, why } = await select(root, {
    include: [{ source: '--include', patterns: ['src/', '*.md'] }],
    ignore: [{ source: '--ignore', patterns: ['src/gen/'] }],
  });
  assert.deepEqual(packed, ['README.md', 'src/a.ts']);
  assert.deepEqual(why('notes.txt'), { path: 'notes.txt', reason: 'outside-include', rule: 'src/ *.md', source: '--include' });
  assert.equal(why('src/gen/b.ts')?.reason, 'ignore');
});

test('a --stdin list packs only the listed files and refuses a path that is not there', async (t) => {
  const root = await tempDir(t);
  await writeTree(root, TREE);
  const { packed, why } = await select(root, { paths: ['src/a.ts', 'notes.txt', 'dist/out.js'] });
  assert.deepEqual(packed, ['notes.txt', 'src/a.ts']);
  assert.equal(why('dist/out.js')?.reason, 'default-ignore', 'listed but ignored: the reason is kept');
  await assert.rejects(select(root, { paths: ['src/nope.ts'] }), /INPUT_NOT_FOUND: src\/nope.ts/);
});

test('AGS scopes never get the default ignores, but user patterns apply; their exclusions have reasons', async (t) => {
  const root = await tempDir(t);
  await writeTree(root, {
    'LAW/a.md': '', 'LAW/package-lock.json': '{}', 'LAW/.hidden.md': '', 'LAW/__pycache__/x.py': '', 'MEMORY/ARCHIVE/old.md': '', 'other/x.md': '',
  });
  const { packed, why } = await select(root, {}, BUILTIN_SCOPES.ags);
  assert.deepEqual(packed, ['LAW/a.md', 'LAW/package-lock.json']);
  assert.deepEqual(why('LAW/.hidden.md'), { path: 'LAW/.hidden.md', reason: 'scope', rule: 'AGS: a name starting with .' });
  assert.equal(why('LAW/__pycache__/x.py')?.rule, 'excluded part __pycache__');
  assert.equal(why('MEMORY/ARCHIVE/old.md')?.path, 'MEMORY/ARCHIVE/');
  assert.equal(why('other/x.md')?.rule, "outside the scope's folders");
  const ignored = await select(root, { ignore: [{ source: '--ignore', patterns: ['*.json'] }] }, BUILTIN_SCOPES.ags);
  assert.deepEqual(ignored.packed, ['LAW/a.md']);
});

test('a user pattern with a line break is refused', () => {
  assert.throws(() => compileSelectRules({ ignore: [{ source: '--ignore', patterns: ['a\nb'] }] }, true), /USAGE/);
});
