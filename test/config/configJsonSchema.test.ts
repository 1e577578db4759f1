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
  assert.deepEqual(Object.keys(schema.properties).sort(), ['$schema', 'limits', 'remote', 'scopes']);
  const scopeFields = Object.keys(schema.properties.scopes?.additionalProperties?.properties ?? {}).sort();
  assert.deepEqual(scopeFields, ['anchors', 'exclude', 'include', 'limits', 'prefix', 'rootFiles', 'sourceRoot', 'title']);
});
