// Putting content that is already stored checks the stored bytes, not only their size: a wrong
// object of the right size (a flipped byte, an edit through a hard link) is replaced atomically.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { openCas } from '../../src/cas/index.js';
import { flipByte } from '../fixtures/damageObject.js';
import { tempDir } from '../helpers/tmp.js';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

test('putBytes repairs a stored object of the right size but the wrong bytes', async (t) => {
  const cas = openCas(await tempDir(t));
  const data = Buffer.from('stored once, damaged in place\n'.repeat(40));
  const { hash } = await cas.putBytes(data);
  await flipByte(cas.path(hash));
  assert.equal((await stat(cas.path(hash))).size, data.length, 'same size: a size check cannot see it');

  const again = await cas.putBytes(data);
  assert.deepEqual(again, { hash, size: data.length, written: true, repaired: true });
  assert.ok((await readFile(cas.path(hash))).equals(data), 'the object holds the right bytes again');
  assert.equal((await stat(cas.path(hash))).mode & 0o777, 0o444, 'and is read-only, like every object');
  assert.deepEqual(await cas.putBytes(data), { hash, size: data.length, written: false }, 'a sound object is kept');
});

test('putFile repairs a same-size corrupt object of a streamed (large) file', async (t) => {
  const dir = await tempDir(t);
  const cas = openCas(join(dir, 'cas'));
  const data = Buffer.alloc((4 << 20) + 4097);
  for (let i = 0; i + 4 <= data.length; i += 512) data.writeUInt32LE(i, i);
  const src = join(dir, 'large.bin');
  await writeFile(src, data);
  const { hash } = await cas.putFile(src);
  assert.equal(hash, sha(data));
  await flipByte(cas.path(hash), data.length - 3);

  assert.deepEqual(await cas.putFile(src), { hash, size: data.length, written: true, repaired: true });
  assert.equal(sha(await readFile(cas.path(hash))), hash);
  assert.deepEqual(await cas.putFile(src), { hash, size: data.length, written: false });
});
