import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AGS_TEXT_EXTENSIONS, AGS_TEXT_NAMES, isTextByName } from '../../src/scopes/index.js';

test('isTextByName: docs/FORMATS.md §10 extensions, from the manifest ext rule', () => {
  for (const path of ['a.md', 'dir/UPPER.MD', 'LAW/.hidden.json', 'x.Yaml', 'a/b.c.toml', 'run.PS1', 's.cjs']) {
    assert.equal(isTextByName(path), true, path);
  }
  for (const path of ['NOEXT', 'trailingdot.', 'logo.png', 'archive.tar.GZ', 'a.md/NOEXT', 'x.ts', 'x.markdown']) {
    assert.equal(isTextByName(path), false, path);
  }
});

test('isTextByName: extension-less names that are text', () => {
  for (const path of ['.gitignore', 'LAW/.gitattributes', '.editorconfig', '.htaccess', 'a/.gitkeep', 'LICENSE']) {
    assert.equal(isTextByName(path), true, path);
  }
  for (const path of ['license', 'LICENCE', '.npmignore', 'Makefile', 'dir.md/LICENSE.']) {
    assert.equal(isTextByName(path), false, path);
  }
});

test('the text tables are exactly docs/FORMATS.md §10', () => {
  assert.deepEqual(
    [...AGS_TEXT_EXTENSIONS],
    ['.md', '.txt', '.json', '.py', '.js', '.mjs', '.cjs', '.css', '.html', '.php', '.ps1', '.cmd', '.bat', '.yml', '.yaml', '.rs', '.toml'],
  );
  assert.deepEqual([...AGS_TEXT_NAMES], ['.gitignore', '.gitattributes', '.editorconfig', '.htaccess', '.gitkeep', 'LICENSE']);
});
