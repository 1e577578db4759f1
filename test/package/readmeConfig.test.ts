/**
 * README's "Configuration" section: its example is a valid config that does what the text says,
 * and every key of the schema has a row in its table.
 */
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildConfigJsonSchema, parseConfig } from '../../src/config/index.js';
import { runInProcess } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { writeTree } from '../pack/packFixtures.js';
import { codeBlock, readReadme, readmeSection } from './readmeSections.js';

const section = readmeSection(await readReadme(), 'Configuration');
const example = codeBlock(section, 'json');

interface JsonSchema {
  properties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema | boolean;
}

/** `limits.maxEntries`, `scopes.NAME.include`, …: every key the schema allows. */
function keyPaths(schema: JsonSchema, prefix = ''): string[] {
  const out: string[] = [];
  for (const [key, sub] of Object.entries(schema.properties ?? {})) {
    out.push(`${prefix}${key}`, ...keyPaths(sub, `${prefix}${key}.`));
  }
  if (typeof schema.additionalProperties === 'object') {
    out.push(...keyPaths(schema.additionalProperties, `${prefix}NAME.`));
  }
  return out;
}

test('README documents every key of the config schema', () => {
  const keys = keyPaths(buildConfigJsonSchema() as JsonSchema).filter((k) => !/\.limits\.\w+$/.test(k) || k.startsWith('limits.'));
  const undocumented = keys.filter((k) => !section.includes(`| \`${k}\` |`));
  assert.deepEqual(undocumented, [], 'add a row to the table in README "Configuration"');
});

test('README\'s example config is valid and its docs scope packs what the text says', async (t) => {
  const config = parseConfig(JSON.parse(example));
  assert.ok(config.scopes?.docs);
  const root = join(await tempDir(t), 'repo');
  await mkdir(join(root, '.git'), { recursive: true });
  await writeTree(root, {
    'README.md': '# r\n',
    'LICENSE': 'MIT\n',
    'docs/index.md': '# docs\n',
    'docs/deep/page.md': '# page\n',
    'docs/archive/old.md': '# old\n',
    'src/a.md': '# not docs\n',
    'src/a.ts': 'export {};\n',
  });
  await writeFile(join(root, 'llm-packer.config.json'), example);
  const r = await runInProcess(['pack', '.', '--scope', 'docs', '--json', '--quiet'], root);
  assert.equal(r.code, 0, r.stderr);
  const manifestFile = join(JSON.parse(r.stdout).outDir, 'LITE', 'PACK_MANIFEST.json');
  const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as { entries: { path: string }[] };
  assert.deepEqual(manifest.entries.map((e) => e.path).sort(), ['LICENSE', 'README.md', 'docs/deep/page.md', 'docs/index.md']);
});
