import assert from 'node:assert/strict';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadBytes, materialize, storeBytes, storeFile } from '../../src/artifacts/index.js';
import { openCas } from '../../src/cas/index.js';
import { damageObject } from '../fixtures/damageObject.js';
import { tempDir } from '../helpers/tmp.js';

const HELLO = Buffer.from('hello\n');
const HELLO_REF = 'sha256:5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03';
const MISSING_REF = `sha256:${'0'.repeat(64)}`;

async function setUp(t: import('node:test').TestContext) {
  const dir = await tempDir(t);
  return { dir, cas: openCas(join(dir, 'store')) };
}

test('storeBytes and storeFile return sha256: refs that loadBytes reads back', async (t) => {
  const { dir, cas } = await setUp(t);
  assert.equal(await storeBytes(cas, HELLO), HELLO_REF);
  const src = join(dir, 'f.txt');
  await writeFile(src, 'file content');
  const ref = await storeFile(cas, src);
  assert.match(ref, /^sha256:[0-9a-f]{64}$/);
  assert.deepEqual(await loadBytes(cas, HELLO_REF), HELLO);
  assert.deepEqual(await loadBytes(cas, ref), Buffer.from('file content'));
});

test('loadBytes of anything not starting with sha256: reads a legacy file path', async (t) => {
  const { dir, cas } = await setUp(t);
  const legacy = join(dir, 'legacy.bin');
  await writeFile(legacy, 'old payload');
  assert.deepEqual(await loadBytes(cas, legacy), Buffer.from('old payload'));
  assert.deepEqual(await cas.list(), [], 'a legacy read does not touch the store');
});

test('loadBytes fails closed: missing object, missing path, malformed sha256: ref, folder', async (t) => {
  const { dir, cas } = await setUp(t);
  await assert.rejects(loadBytes(cas, MISSING_REF), { code: 'CAS_NOT_FOUND' });
  await assert.rejects(loadBytes(cas, join(dir, 'no-such-file')), { code: 'INPUT_NOT_FOUND' });
  await assert.rejects(loadBytes(cas, join(dir, 'no-such-dir', 'file')), { code: 'INPUT_NOT_FOUND' });
  await assert.rejects(loadBytes(cas, dir), { code: 'INPUT_NOT_FOUND' });
  // A string with the prefix is a ref, never a path, even when malformed.
  await assert.rejects(loadBytes(cas, HELLO_REF.toUpperCase().replace('SHA256', 'sha256')), { code: 'INVALID_REFERENCE' });
  await assert.rejects(loadBytes(cas, `${HELLO_REF} `), { code: 'INVALID_REFERENCE' });
  await assert.rejects(loadBytes(cas, 'sha256:'), { code: 'INVALID_REFERENCE' });
});

test('loadBytes of a corrupt object throws CAS_CORRUPT_OBJECT, never data', async (t) => {
  const { cas } = await setUp(t);
  const ref = await storeBytes(cas, HELLO);
  await damageObject(cas.path(ref.slice(7)), 'flip');
  await assert.rejects(loadBytes(cas, ref), { code: 'CAS_CORRUPT_OBJECT', expected: ref.slice(7) });
});

test('materialize writes the verified bytes to dest', async (t) => {
  const { dir, cas } = await setUp(t);
  const big = Buffer.alloc((3 << 20) + 5, 9);
  const ref = await storeBytes(cas, big);
  const dest = join(dir, 'out.bin');
  assert.equal(await materialize(cas, ref, dest), big.length);
  assert.deepEqual(await readFile(dest), big);
  await assert.rejects(materialize(cas, 'sha256:nope', join(dir, 'x')), { code: 'INVALID_REFERENCE' });
  await assert.rejects(materialize(cas, MISSING_REF, join(dir, 'x')), { code: 'CAS_NOT_FOUND' });
});

test('materialize is atomic: a corrupt source leaves dest absent (or unchanged) and no temp file', async (t) => {
  const { dir, cas } = await setUp(t);
  const ref = await storeBytes(cas, Buffer.alloc(2 << 20, 3));
  await damageObject(cas.path(ref.slice(7)), 'truncate');
  const out = join(dir, 'out');
  await mkdir(out);

  await assert.rejects(materialize(cas, ref, join(out, 'new.bin')), { code: 'CAS_CORRUPT_OBJECT' });
  assert.deepEqual(await readdir(out), []);

  await writeFile(join(out, 'old.bin'), 'previous');
  await assert.rejects(materialize(cas, ref, join(out, 'old.bin')), { code: 'CAS_CORRUPT_OBJECT' });
  assert.deepEqual(await readdir(out), ['old.bin']);
  assert.equal(await readFile(join(out, 'old.bin'), 'utf8'), 'previous');
});
