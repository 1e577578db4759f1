import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { CONFIG_FILE_NAME, loadConfig } from '../../src/config/index.js';
import { tempDir } from '../helpers/tmp.js';

async function rootWithConfig(t: Parameters<typeof tempDir>[0], text: string): Promise<string> {
  const root = await tempDir(t);
  await writeFile(join(root, CONFIG_FILE_NAME), text);
  return root;
}

/** The one-line CONFIG_INVALID message for `text`. */
async function failure(t: Parameters<typeof tempDir>[0], text: string): Promise<string> {
  const root = await rootWithConfig(t, text);
  let message = '';
  await assert.rejects(loadConfig(root), (err: Error & { code?: string }) => {
    assert.equal(err.code, 'CONFIG_INVALID');
    message = err.message;
    return true;
  });
  assert.ok(!/[\r\n]/.test(message), `one line: ${message}`);
  assert.ok(message.startsWith(`CONFIG_INVALID: ${join(root, CONFIG_FILE_NAME)}: `), `the file is named in full: ${message}`);
  return message;
}

test('loadConfig: no file is no config', async (t) => {
  assert.equal(await loadConfig(await tempDir(t)), undefined);
});

test('loadConfig: a valid file, with $schema and a BOM', async (t) => {
  const config = {
    $schema: './node_modules/llm-packer/schema/llm-packer.config.schema.json',
    limits: { maxTotalBytes: 1000, allowDuplicateHashes: false },
    scopes: {
      docs: { title: 'Docs', prefix: 'DOCS', sourceRoot: 'docs', include: ['docs/**'], rootFiles: ['docs/x.md'] },
      repo: { exclude: ['**/*.snap'] },
    },
  };
  const root = await rootWithConfig(t, `\uFEFF${JSON.stringify(config, null, 2)}`);
  assert.deepEqual(await loadConfig(root), config);
});

test('loadConfig: invalid JSON is CONFIG_INVALID on one line', async (t) => {
  const message = await failure(t, '{\n  "scopes": {,\n}');
  assert.match(message, /\(root\): not valid JSON: /);
});

test('loadConfig: schema problems name their key path', async (t) => {
  assert.match(await failure(t, '{"scope": {}}'), /: \(root\): Unrecognized key: "scope"/);
  assert.match(await failure(t, '{"limits": {"maxEntries": -1}}'), /: limits\.maxEntries: /);
  assert.match(await failure(t, '{"limits": {"maxEntries": 1.5}}'), /: limits\.maxEntries: /);
  assert.match(await failure(t, '{"scopes": {"docs": {"include": ["a", 3]}}}'), /: scopes\.docs\.include\[1\]: /);
  assert.match(await failure(t, '{"scopes": {"docs": {"sourceRoot": "../up"}}}'), /: scopes\.docs\.sourceRoot: must be a relative path/);
  assert.match(await failure(t, '{"scopes": {"docs": {"sourceRoot": "/abs"}}}'), /: scopes\.docs\.sourceRoot: /);
  assert.match(await failure(t, '{"scopes": {"docs": {"prefix": "a b"}}}'), /: scopes\.docs\.prefix: /);
  assert.match(
    await failure(t, '{"scopes": {"docs": {"sourceRoot": "docs", "rootFiles": ["README.md"]}}}'),
    /: scopes\.docs\.rootFiles\[0\]: must be inside sourceRoot "docs"/,
  );
  assert.match(await failure(t, '{"scopes": {"ags": {}}}'), /: scopes\.ags: .*not ags, lab or cat_cas/);
  assert.match(await failure(t, '{"scopes": {"my scope": {}}}'), /: scopes\["my scope"\]: /);
  assert.match(await failure(t, '[]'), /: \(root\): /);
});

test('loadConfig: every problem is reported, on the same line', async (t) => {
  const message = await failure(t, '{"limits": {"maxEntries": 0}, "scopes": {"x": {"bogus": 1}}}');
  assert.match(message, /limits\.maxEntries: .*; scopes\.x: Unrecognized key: "bogus"/);
});

test('loadConfig: a folder in the config file\'s place is CONFIG_INVALID', async (t) => {
  const root = await tempDir(t);
  await mkdir(join(root, CONFIG_FILE_NAME));
  await assert.rejects(loadConfig(root), { code: 'CONFIG_INVALID' });
});
