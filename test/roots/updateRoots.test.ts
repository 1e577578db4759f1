import assert from 'node:assert/strict';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { addRoots, readRootFile, removeRoots } from '../../src/roots/index.js';
import { sha256Hex } from '../../src/util/index.js';
import { tempDir } from '../helpers/tmp.js';

const [A, B, C] = ['a', 'b', 'c'].map((s) => sha256Hex(s)).sort() as [string, string, string];

test('addRoots creates the runs dir and writes pretty JSON of sorted unique hashes', async (t) => {
  const runsDir = join(await tempDir(t), 'deep', 'runs');
  const change = await addRoots(runsDir, [C, A, C]);
  const text = await readFile(join(runsDir, 'RUN_ROOTS.json'), 'utf8');
  assert.equal(text, `[\n  "${A}",\n  "${C}"\n]\n`);
  assert.deepEqual(change.changed, [A, C]);
  assert.deepEqual(change.hashes, [A, C]);
  assert.equal(change.contentHash, sha256Hex(text));
  assert.equal(change.exists, true);
  assert.deepEqual((await readdir(runsDir)).sort(), ['RUN_ROOTS.json']);
});

test('addRoots merges into what is there and never drops a root', async (t) => {
  const runsDir = await tempDir(t);
  await addRoots(runsDir, [B]);
  const change = await addRoots(runsDir, [A, B]);
  assert.deepEqual(change.changed, [A]);
  assert.deepEqual((await readRootFile(runsDir, 'RUN_ROOTS')).hashes, [A, B]);
  const again = await addRoots(runsDir, [A]);
  assert.deepEqual(again.changed, []);
  assert.deepEqual(again.hashes, [A, B]);
});

test('an invalid hash is refused before anything is written', async (t) => {
  const runsDir = await tempDir(t);
  await assert.rejects(addRoots(runsDir, [A, 'sha256:' + B]), (err: Error & { code?: string }) => {
    assert.equal(err.code, 'PACK_P2_INVALID_ROOT_HASH');
    assert.equal(err.message, `PACK_P2_INVALID_ROOT_HASH:sha256:${B}`);
    return true;
  });
  await assert.rejects(removeRoots(runsDir, ['xyz']), { code: 'PACK_P2_INVALID_ROOT_HASH', message: 'PACK_P2_INVALID_ROOT_HASH:xyz' });
  assert.deepEqual(await readdir(runsDir), []);
});

test('a malformed roots file is never overwritten', async (t) => {
  const runsDir = await tempDir(t);
  await writeFile(join(runsDir, 'RUN_ROOTS.json'), '[1]');
  await assert.rejects(addRoots(runsDir, [A]), {
    code: 'ROOTS_INVALID',
    message: 'ROOTS_INVALID: RUN_ROOTS.json item 0 is not a string: 1',
  });
  await assert.rejects(removeRoots(runsDir, [A]), { code: 'ROOTS_INVALID' });
  assert.equal(await readFile(join(runsDir, 'RUN_ROOTS.json'), 'utf8'), '[1]');
  assert.deepEqual((await readdir(runsDir)).sort(), ['RUN_ROOTS.json']);
});

test('removeRoots removes, ignores non-roots, and leaves [] when the last root goes', async (t) => {
  const runsDir = await tempDir(t);
  await addRoots(runsDir, [A, B, C]);
  const change = await removeRoots(runsDir, [B, sha256Hex('not a root')]);
  assert.deepEqual(change.changed, [B]);
  assert.deepEqual((await readRootFile(runsDir, 'RUN_ROOTS')).hashes, [A, C]);
  await removeRoots(runsDir, [A, C]);
  assert.equal(await readFile(join(runsDir, 'RUN_ROOTS.json'), 'utf8'), '[]\n');
});

test('removing from a missing file leaves it missing', async (t) => {
  const runsDir = join(await tempDir(t), 'runs');
  const change = await removeRoots(runsDir, [A]);
  assert.deepEqual(change.changed, []);
  assert.equal(change.exists, false);
  await mkdir(runsDir, { recursive: true });
  assert.deepEqual(await readdir(runsDir), []);
});

test('GC_PINS is changed only when asked for by name', async (t) => {
  const runsDir = await tempDir(t);
  await addRoots(runsDir, [A], { name: 'GC_PINS' });
  await addRoots(runsDir, [B]);
  assert.deepEqual((await readRootFile(runsDir, 'GC_PINS')).hashes, [A]);
  assert.deepEqual((await readRootFile(runsDir, 'RUN_ROOTS')).hashes, [B]);
  await removeRoots(runsDir, [A], { name: 'GC_PINS' });
  assert.deepEqual((await readRootFile(runsDir, 'GC_PINS')).hashes, []);
  assert.deepEqual((await readRootFile(runsDir, 'RUN_ROOTS')).hashes, [B]);
});

test('concurrent adds in one process lose nothing', async (t) => {
  const runsDir = await tempDir(t);
  const hashes = Array.from({ length: 40 }, (_, i) => sha256Hex(`in-process ${i}`));
  await Promise.all(hashes.map((h) => addRoots(runsDir, [h])));
  assert.deepEqual((await readRootFile(runsDir, 'RUN_ROOTS')).hashes, [...hashes].sort());
});
