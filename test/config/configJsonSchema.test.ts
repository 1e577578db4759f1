import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { buildConfigJsonSchema } from '../../src/config/index.js';
import { prettyJson } from '../../src/util/index.js';

const COMMITTED = new URL('../../schema/llm-packer.config.schema.json', import.meta.url);

test('schema/llm-packer.config.schema.json is generated from the zod schema and up to date', async () => {
  const committed = await readFile(COMMITTED, 'utf8');
  assert.equal(
    committed,
    prettyJson(buildConfigJsonSchema()),
    'run `node --import tsx scripts/writeConfigSchema.ts` and commit the result',
  );
});

test('the JSON Schema describes the config file: strict keys, scopes by name, $schema allowed', () => {
  const schema = buildConfigJsonSchema() as {
    additionalProperties: boolean;
    properties: Record<string, { additionalProperties?: { properties?: Record<string, unknown> } }>;
  };
  assert.equal(schema.additionalProperties, false);
  assert.deepEqual(Object.keys(schema.properties).sort(), ['$comment', '$schema', 'allowUnportablePaths', 'defaultIgnores', 'defaultScope', 'ignore', 'include', 'limits', 'output', 'remote', 'scopes', 'secrets']);
  const scopeFields = Object.keys(schema.properties.scopes?.additionalProperties?.properties ?? {}).sort();
  assert.deepEqual(scopeFields, ['$comment', 'anchors', 'exclude', 'include', 'limits', 'prefix', 'rootFiles', 'sourceRoot', 'title']);
});

test('llm-packer init writes a commented config that validates, and never overwrites one', async (t) => {
  const { mkdtemp, readFile, rm, writeFile } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { initConfig, loadConfig, CONFIG_FILE_NAME } = await import('../../src/config/index.js');
  const root = await mkdtemp(join(tmpdir(), 'llmp-init-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  const file = await initConfig(root);
  const text = await readFile(file, 'utf8');
  assert.match(text, /^\{\n {2}"\$schema": /);
  assert.ok(text.includes('"$comment"'), 'it is commented');
  assert.deepEqual((await loadConfig(root))?.defaultIgnores, true, 'it validates');
  await writeFile(join(root, CONFIG_FILE_NAME), '{"limits":{}}\n');
  await assert.rejects(initConfig(root), /CONFIG_EXISTS/);
  assert.equal(await readFile(join(root, CONFIG_FILE_NAME), 'utf8'), '{"limits":{}}\n', 'untouched');
});
