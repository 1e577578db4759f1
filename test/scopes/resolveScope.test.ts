import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseConfig } from '../../src/config/index.js';
import { BUILTIN_SCOPES, DEFAULT_LIMITS, resolveScope } from '../../src/scopes/index.js';
import { tempDir } from '../helpers/tmp.js';

test('resolveScope: the default is ags on an AGS checkout (several buckets), never for one folder name', async (t) => {
  const root = await tempDir(t);
  assert.equal((await resolveScope({ root })).key, 'repo');
  for (const bucket of ['NAVIGATION', 'MEMORY', 'CAPABILITY']) {
    await mkdir(join(root, bucket));
    assert.equal((await resolveScope({ root })).key, 'repo', `${bucket}: not yet an AGS checkout`);
  }
  await mkdir(join(root, 'LAW'));
  assert.deepEqual(await resolveScope({ root }), BUILTIN_SCOPES.ags);
  assert.equal((await resolveScope({ root, scope: 'repo' })).key, 'repo');
});

test('resolveScope: the AGS packer home with AGENTS.md and two buckets is an AGS checkout too', async (t) => {
  const root = await tempDir(t);
  await mkdir(join(root, 'MEMORY', 'LLM_PACKER'), { recursive: true });
  await mkdir(join(root, 'LAW'));
  assert.equal((await resolveScope({ root })).key, 'repo', 'no AGENTS.md');
  await writeFile(join(root, 'AGENTS.md'), '# agents\n');
  assert.equal((await resolveScope({ root })).key, 'ags');
});

test('resolveScope: the config file\'s defaultScope wins over detection', async (t) => {
  const root = await tempDir(t);
  const config = parseConfig({ defaultScope: 'docs', scopes: { docs: {} } });
  assert.equal((await resolveScope({ root, config })).key, 'docs');
});

test('resolveScope: an AGS scope on a tree that is not an AGS checkout is PACK_SCOPE_NOT_AGS', async (t) => {
  const root = await tempDir(t);
  await mkdir(join(root, 'MEMORY'));
  for (const scope of ['ags', 'lab', 'cat_cas']) {
    await assert.rejects(resolveScope({ root, scope }), { code: 'PACK_SCOPE_NOT_AGS' });
  }
});

test('resolveScope: an unknown name is PACK_SCOPE_UNKNOWN and lists the valid ones', async (t) => {
  const root = await tempDir(t);
  const config = parseConfig({ scopes: { docs: {} } });
  await assert.rejects(resolveScope({ root, scope: 'nope', config }), (err: Error & { code?: string }) => {
    assert.equal(err.code, 'PACK_SCOPE_UNKNOWN');
    for (const name of ['ags', 'lab', 'cat_cas', 'repo', 'docs']) assert.ok(err.message.includes(name), name);
    return true;
  });
  // Object prototype names are not scopes either.
  await assert.rejects(resolveScope({ root, scope: 'toString', config }), { code: 'PACK_SCOPE_UNKNOWN' });
});

test('resolveScope: a config scope starts from repo; its fields replace the built-in ones', async (t) => {
  const root = await tempDir(t);
  const config = parseConfig({
    scopes: {
      'api.docs': { sourceRoot: 'docs/api', include: ['docs/**/*.md'], exclude: ['**/draft/**'], rootFiles: ['docs/api/INDEX'] },
    },
  });
  const scope = await resolveScope({ root, scope: 'api.docs', config });
  assert.deepEqual(scope, {
    ...BUILTIN_SCOPES.repo,
    key: 'api.docs',
    title: 'api.docs',
    prefix: 'API_DOCS',
    sourceRoot: 'docs/api',
    includeDirs: ['docs/api'],
    rootFiles: ['docs/api/INDEX'],
    includeGlobs: ['docs/**/*.md'],
    excludeGlobs: ['**/draft/**'],
  });
});

test('resolveScope: a config scope named repo refines the built-in repo', async (t) => {
  const root = await tempDir(t);
  const config = parseConfig({ scopes: { repo: { exclude: ['**/*.snap'], anchors: ['docs/START.md'] } } });
  const scope = await resolveScope({ root, scope: 'repo', config });
  assert.deepEqual(scope, { ...BUILTIN_SCOPES.repo, excludeGlobs: ['**/*.snap'], anchors: ['docs/START.md'] });
  // The default scope picks it up too.
  assert.deepEqual(await resolveScope({ root, config }), scope);
});

test('resolveScope: limits from defaults, config, scope and command line, strongest last', async (t) => {
  const root = await tempDir(t);
  for (const bucket of ['LAW', 'CAPABILITY', 'THOUGHT', 'MEMORY']) await mkdir(join(root, bucket));
  const config = parseConfig({
    limits: { maxEntries: 10, maxEntryBytes: 20 },
    scopes: { docs: { limits: { maxEntries: 5, allowDuplicateHashes: false } } },
  });
  const docs = await resolveScope({ root, scope: 'docs', config, limits: { maxEntries: 3, maxTotalBytes: undefined } });
  assert.deepEqual(docs.limits, { ...DEFAULT_LIMITS, maxEntries: 3, maxEntryBytes: 20, allowDuplicateHashes: false });
  const ags = await resolveScope({ root, scope: 'ags', config });
  assert.deepEqual(ags.limits, { ...DEFAULT_LIMITS, maxEntries: 10, maxEntryBytes: 20 });
  assert.deepEqual(BUILTIN_SCOPES.ags.limits, DEFAULT_LIMITS, 'the built-in scope is not changed');
});
