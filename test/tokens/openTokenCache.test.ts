import assert from 'node:assert/strict';
import { appendFile, readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { openCas } from '../../src/cas/index.js';
import { openTokenCache, tokenCachePath } from '../../src/tokens/index.js';
import { tempDir } from '../helpers/tmp.js';

const H1 = 'a'.repeat(64);
const H2 = 'b'.repeat(64);

test('counts survive a reopen, per encoding and variant; a torn last line is skipped', async (t) => {
  const root = await tempDir(t);
  const c1 = await openTokenCache(root, 'o200k_base');
  assert.equal(c1.get({ hash: H1, variant: 'md.ts' }), undefined);
  c1.set({ hash: H1, variant: 'md.ts' }, 42);
  c1.set({ hash: H2, variant: 'xml' }, 7);
  await c1.flush();
  await appendFile(tokenCachePath(root, 'o200k_base'), `${H2} json 9`); // a run killed mid-line
  const c2 = await openTokenCache(root, 'o200k_base');
  assert.equal(c2.get({ hash: H1, variant: 'md.ts' }), 42);
  assert.equal(c2.get({ hash: H1, variant: 'xml' }), undefined);
  assert.equal(c2.get({ hash: H2, variant: 'xml' }), 7);
  assert.equal(c2.get({ hash: H2, variant: 'json' }), undefined);
  assert.deepEqual(c2.stats, { hits: 2, misses: 2 });
  const other = await openTokenCache(root, 'cl100k_base');
  assert.equal(other.get({ hash: H1, variant: 'md.ts' }), undefined);
  assert.equal(await readFile(join(root, 'tokens', '.gitignore'), 'utf8'), '*\n');
});

test('garbled lines are skipped, not trusted', async (t) => {
  const root = await tempDir(t);
  const c = await openTokenCache(root, 'o200k_base');
  c.set({ hash: H1, variant: 'md.ts' }, 1);
  await c.flush();
  await appendFile(tokenCachePath(root, 'o200k_base'), `${H1} md.ts 12x\nnot a line\n${H2.slice(1)} xml 3\n`);
  const again = await openTokenCache(root, 'o200k_base');
  assert.equal(again.get({ hash: H1, variant: 'md.ts' }), 1);
  assert.equal(again.get({ hash: H2.slice(1), variant: 'xml' }), undefined);
});

test('the cache folder is neither an object nor a stray to fsck', async (t) => {
  const root = await tempDir(t);
  const cas = openCas(root);
  const hash = (await cas.putBytes(Buffer.from('x'))).hash;
  const c = await openTokenCache(root, 'o200k_base');
  c.set({ hash, variant: 'md.-' }, 3);
  await c.flush();
  assert.deepEqual(await cas.list(), [hash]);
  const report = await cas.fsck();
  assert.equal(report.ok, true);
  assert.ok((await readdir(root)).includes('tokens'));
});
