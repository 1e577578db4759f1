// Config scopes: the .gitignore walk of their source root, then include/exclude globs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseConfig } from '../../src/config/index.js';
import { resolveScope } from '../../src/scopes/index.js';
import { collectFiles } from '../../src/walk/index.js';
import { tempDir } from '../helpers/tmp.js';
import { writeTree } from './fixtures.js';

const TREE = {
  '.gitignore': '*.gen.md\ndocs/private/\n',
  'README.md': 'readme',
  'src/a.ts': 'a',
  'src/a.test.ts': 'test',
  'src/.eslintrc.json': '{}',
  'docs/guide.md': 'guide',
  'docs/api/ref.md': 'ref',
  'docs/api/ref.gen.md': 'generated: ignored',
  'docs/api/INDEX.gen.md': 'ignored, but a root file',
  'docs/draft/wip.md': 'excluded by glob',
  'docs/private/p.md': 'ignored folder',
  'docs/.llm-packer/packs/x.md': 'a store',
};

test('a config scope: sourceRoot, include and exclude globs, root files even when ignored', async (t) => {
  const root = await tempDir(t);
  await writeTree(root, TREE);
  const config = parseConfig({
    scopes: {
      docs: {
        sourceRoot: 'docs',
        include: ['docs/**/*.md'],
        exclude: ['**/draft/**'],
        rootFiles: ['docs/api/INDEX.gen.md', 'docs/missing.md'],
      },
    },
  });
  const scope = await resolveScope({ root, scope: 'docs', config });
  const selection = await collectFiles({ root, scope, exclude: [] });
  assert.deepEqual(
    selection.files.map((f) => [f.path, f.rootPath]),
    [
      ['api/INDEX.gen.md', 'docs/api/INDEX.gen.md'],
      ['api/ref.md', 'docs/api/ref.md'],
      ['guide.md', 'docs/guide.md'],
    ],
  );
  assert.deepEqual(selection.omitted, []);
});

test('a config repo scope adds exclude globs, dot files included', async (t) => {
  const root = await tempDir(t);
  await writeTree(root, TREE);
  const config = parseConfig({ scopes: { repo: { exclude: ['**/*.test.ts', 'docs/**', '**/.eslintrc*'] } } });
  const scope = await resolveScope({ root, config });
  const selection = await collectFiles({ root, scope, exclude: [] });
  assert.deepEqual(selection.files.map((f) => f.path), ['.gitignore', 'README.md', 'src/a.ts']);
});

test('a sourceRoot that .gitignore excludes yields nothing (as git would)', async (t) => {
  const root = await tempDir(t);
  await writeTree(root, TREE);
  const config = parseConfig({ scopes: { private: { sourceRoot: 'docs/private' } } });
  const scope = await resolveScope({ root, scope: 'private', config });
  assert.deepEqual((await collectFiles({ root, scope, exclude: [] })).files, []);
});
