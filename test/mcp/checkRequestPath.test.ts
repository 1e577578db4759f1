import assert from 'node:assert/strict';
import { mkdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkManifestPath, resolveAllowedDir } from '../../src/mcp/checkRequestPath.js';
import { isPackerError } from '../../src/util/index.js';
import { tempDir } from '../helpers/tmp.js';

async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
    return undefined;
  } catch (err) {
    return isPackerError(err) ? err.code : String(err);
  }
}

test('checkManifestPath refuses what consume refuses and keeps ordinary paths', () => {
  for (const bad of ['', '../x', 'a/../b', './a', '/etc/passwd', 'a//b', 'a\\b', 'C:/x', 'a\0b', '.git/config', 'src/']) {
    assert.throws(() => checkManifestPath(bad), (err) => isPackerError(err) && err.code === 'MCP_PATH_REFUSED', JSON.stringify(bad));
  }
  for (const good of ['README.md', 'src/a.ts', 'docs/café.md', '.github/workflows/ci.yml']) assert.equal(checkManifestPath(good), good);
});

test('resolveAllowedDir: inside the allowed folders only, no `..` however it resolves, symlinks followed', async (t) => {
  const dir = await tempDir(t);
  const root = join(dir, 'root');
  const other = join(dir, 'other');
  await mkdir(join(root, 'sub'), { recursive: true });
  await mkdir(other);
  await symlink(other, join(root, 'escape'));
  const allowed = (path: string) => resolveAllowedDir({ path, base: root, dirs: [root] });

  assert.equal(await allowed('.'), root);
  assert.equal(await allowed('sub'), join(root, 'sub'));
  assert.equal(await allowed(join(root, 'sub')), join(root, 'sub'));
  assert.equal(await allowed(`${root}/`), root);
  assert.equal(await codeOf(allowed(other)), 'MCP_PATH_REFUSED');
  assert.equal(await codeOf(allowed('../other')), 'MCP_PATH_REFUSED');
  assert.equal(await codeOf(allowed('sub/..')), 'MCP_PATH_REFUSED');
  assert.equal(await codeOf(allowed(`${root}/sub/../sub`)), 'MCP_PATH_REFUSED');
  assert.equal(await codeOf(allowed('escape')), 'MCP_PATH_REFUSED');
  assert.equal(await codeOf(allowed('/')), 'MCP_PATH_REFUSED');
  assert.equal(await codeOf(allowed('')), 'MCP_PATH_REFUSED');
  assert.equal(await codeOf(allowed('missing')), 'INPUT_NOT_FOUND');
  // a sibling whose name starts like the root is not inside it
  await mkdir(`${root}2`);
  assert.equal(await codeOf(allowed(`${root}2`)), 'MCP_PATH_REFUSED');
});
