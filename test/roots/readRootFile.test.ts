import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { inspectRootFile, readRootFile, readRoots } from '../../src/roots/index.js';
import { sha256Hex } from '../../src/util/index.js';
import { tempDir } from '../helpers/tmp.js';

const A = sha256Hex('a');
const B = sha256Hex('b');

async function runsWith(t: Parameters<typeof tempDir>[0], files: Record<string, string | Uint8Array>): Promise<string> {
  const runsDir = join(await tempDir(t), 'runs');
  await mkdir(runsDir, { recursive: true });
  for (const [name, data] of Object.entries(files)) await writeFile(join(runsDir, name), data);
  return runsDir;
}

async function rejectsWith(promise: Promise<unknown>, code: string, message: string): Promise<void> {
  await assert.rejects(promise, (err: Error & { code?: string }) => {
    assert.equal(err.code, code);
    assert.equal(err.message, message);
    return true;
  });
}

test('a missing roots file holds no roots', async (t) => {
  const runsDir = await runsWith(t, {});
  const state = await readRootFile(runsDir, 'RUN_ROOTS');
  assert.deepEqual(state, { name: 'RUN_ROOTS', path: join(runsDir, 'RUN_ROOTS.json'), exists: false, contentHash: null, hashes: [] });
  const missingDir = await readRootFile(join(runsDir, 'nope'), 'GC_PINS');
  assert.equal(missingDir.exists, false);
});

test('a valid file gives its sorted unique hashes and the hash of its bytes', async (t) => {
  const text = JSON.stringify([B, A, B]);
  const runsDir = await runsWith(t, { 'RUN_ROOTS.json': text, 'GC_PINS.json': '[]\n' });
  const state = await readRootFile(runsDir, 'RUN_ROOTS');
  assert.deepEqual(state.hashes, [A, B].sort());
  assert.equal(state.contentHash, sha256Hex(text));
  const both = await readRoots(runsDir);
  assert.deepEqual([...both.all].sort(), [A, B].sort());
  assert.equal(both.gcPins.exists, true);
  assert.deepEqual(both.gcPins.hashes, []);
});

test('RUN_ROOTS that is not JSON is an error, never "no roots"', async (t) => {
  const runsDir = await runsWith(t, { 'RUN_ROOTS.json': '["' + A + '",' });
  await rejectsWith(readRootFile(runsDir, 'RUN_ROOTS'), 'ROOTS_INVALID', 'ROOTS_INVALID: RUN_ROOTS.json is not valid JSON');
  await rejectsWith(readRoots(runsDir), 'ROOTS_INVALID', 'ROOTS_INVALID: RUN_ROOTS.json is not valid JSON');
});

test('roots bytes that are not UTF-8 are not valid JSON', async (t) => {
  const runsDir = await runsWith(t, { 'GC_PINS.json': Buffer.from([0x5b, 0x22, 0xff, 0x22, 0x5d]) });
  await rejectsWith(readRootFile(runsDir, 'GC_PINS'), 'ROOTS_INVALID', 'ROOTS_INVALID: GC_PINS.json is not valid JSON');
});

test('RUN_ROOTS that is not a list is an error', async (t) => {
  const runsDir = await runsWith(t, { 'RUN_ROOTS.json': JSON.stringify({ roots: [A] }) });
  await rejectsWith(readRootFile(runsDir, 'RUN_ROOTS'), 'ROOTS_INVALID', 'ROOTS_INVALID: RUN_ROOTS.json is not a JSON list');
  const nullFile = await runsWith(t, { 'GC_PINS.json': 'null' });
  await rejectsWith(readRootFile(nullFile, 'GC_PINS'), 'ROOTS_INVALID', 'ROOTS_INVALID: GC_PINS.json is not a JSON list');
});

test('RUN_ROOTS holding a non-string is an error naming the item', async (t) => {
  const runsDir = await runsWith(t, { 'RUN_ROOTS.json': JSON.stringify([A, 5]) });
  await rejectsWith(readRootFile(runsDir, 'RUN_ROOTS'), 'ROOTS_INVALID', 'ROOTS_INVALID: RUN_ROOTS.json item 1 is not a string: 5');
});

test('RUN_ROOTS holding a malformed hash is an error naming it', async (t) => {
  const upper = A.toUpperCase();
  const runsDir = await runsWith(t, { 'RUN_ROOTS.json': JSON.stringify([upper]) });
  await rejectsWith(
    readRootFile(runsDir, 'RUN_ROOTS'),
    'ROOTS_INVALID',
    `ROOTS_INVALID: RUN_ROOTS.json item 0 is not a bare sha256 hash: "${upper}"`,
  );
  const prefixed = await runsWith(t, { 'GC_PINS.json': JSON.stringify([`sha256:${A}`]) });
  await rejectsWith(
    readRootFile(prefixed, 'GC_PINS'),
    'ROOTS_INVALID',
    `ROOTS_INVALID: GC_PINS.json item 0 is not a bare sha256 hash: "sha256:${A}"`,
  );
});

test('inspectRootFile reports a malformed file with its content hash instead of throwing', async (t) => {
  const runsDir = await runsWith(t, { 'RUN_ROOTS.json': 'nope' });
  const { state, error } = await inspectRootFile(runsDir, 'RUN_ROOTS');
  assert.equal(state.exists, true);
  assert.equal(state.contentHash, sha256Hex('nope'));
  assert.deepEqual(state.hashes, []);
  assert.equal(error?.code, 'ROOTS_INVALID');
});

test('a folder where a roots file should be is an error', async (t) => {
  const runsDir = await runsWith(t, {});
  await mkdir(join(runsDir, 'RUN_ROOTS.json'));
  await rejectsWith(readRootFile(runsDir, 'RUN_ROOTS'), 'ROOTS_INVALID', 'ROOTS_INVALID: RUN_ROOTS.json is not a regular file');
});
