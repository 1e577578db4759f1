import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { CONFIG_FILE_NAME, findConfigFile, loadConfigFile } from '../../src/config/index.js';
import { tempDir } from '../helpers/tmp.js';

test('findConfigFile: the nearest config from the start folder up to the repository root', async (t) => {
  const repo = join(await tempDir(t), 'repo');
  await mkdir(join(repo, '.git'), { recursive: true });
  await mkdir(join(repo, 'pkg', 'src', 'deep'), { recursive: true });
  assert.equal(await findConfigFile(join(repo, 'pkg', 'src', 'deep')), undefined);
  await writeFile(join(repo, CONFIG_FILE_NAME), '{}');
  assert.equal(await findConfigFile(join(repo, 'pkg', 'src', 'deep')), join(repo, CONFIG_FILE_NAME));
  await writeFile(join(repo, 'pkg', CONFIG_FILE_NAME), '{}');
  assert.equal(await findConfigFile(join(repo, 'pkg', 'src', 'deep')), join(repo, 'pkg', CONFIG_FILE_NAME));
  assert.equal(await findConfigFile(repo), join(repo, CONFIG_FILE_NAME));
});

test('findConfigFile: never looks above the repository root', async (t) => {
  const dir = await tempDir(t);
  await writeFile(join(dir, CONFIG_FILE_NAME), '{}');
  const repo = join(dir, 'repo');
  await mkdir(join(repo, 'sub'), { recursive: true });
  await writeFile(join(repo, '.git'), 'gitdir: elsewhere\n'); // a worktree's .git is a file
  assert.equal(await findConfigFile(join(repo, 'sub')), undefined);
});

test('findConfigFile: outside a repository only the start folder counts', async (t) => {
  const dir = await tempDir(t);
  await writeFile(join(dir, CONFIG_FILE_NAME), '{}');
  await mkdir(join(dir, 'sub'));
  assert.equal(await findConfigFile(join(dir, 'sub')), undefined);
  assert.equal(await findConfigFile(dir), join(dir, CONFIG_FILE_NAME));
});

test('findConfigFile: a folder with the config name is not a config file', async (t) => {
  const repo = await tempDir(t);
  await mkdir(join(repo, '.git'));
  await mkdir(join(repo, CONFIG_FILE_NAME));
  assert.equal(await findConfigFile(repo), undefined);
});

test('findConfigFile and loadConfigFile take absolute paths only', async () => {
  await assert.rejects(findConfigFile('relative/dir'), { code: 'USAGE' });
  await assert.rejects(loadConfigFile('llm-packer.config.json'), { code: 'USAGE' });
});

test('loadConfigFile: a missing file is CONFIG_NOT_FOUND; a bad one names the file', async (t) => {
  const dir = await tempDir(t);
  await assert.rejects(loadConfigFile(join(dir, 'nope.json')), { code: 'CONFIG_NOT_FOUND' });
  const file = join(dir, 'custom.json');
  await writeFile(file, '{"limits": {"maxEntries": 0}}');
  await assert.rejects(loadConfigFile(file), (err: Error & { code?: string }) => {
    assert.equal(err.code, 'CONFIG_INVALID');
    assert.ok(err.message.startsWith(`CONFIG_INVALID: ${file}: limits.maxEntries: `), err.message);
    return true;
  });
  await writeFile(file, '{"limits": {"maxEntries": 5}}');
  assert.deepEqual(await loadConfigFile(file), { limits: { maxEntries: 5 } });
});
