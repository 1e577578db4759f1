import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { openCas } from '../../src/cas/index.js';
import { tempDir } from '../helpers/tmp.js';

const MIB = 1 << 20;
/** Just over 100 MiB, and not a whole number of read chunks. */
const SIZE = 101 * MIB + 12345;

/** Hash a file with node:crypto through a plain read stream (independent of the CAS code). */
async function streamedSha256(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

/** Write `size` bytes chunk by chunk; each chunk is stamped with its index so order matters. */
async function writeLargeFile(path: string, size: number): Promise<void> {
  const block = randomBytes(MIB);
  const fh = await open(path, 'w');
  try {
    for (let offset = 0, i = 0; offset < size; offset += MIB, i++) {
      block.writeUInt32LE(i, 0);
      await fh.write(block, 0, Math.min(MIB, size - offset));
    }
  } finally {
    await fh.close();
  }
}

test('putFile streams a file larger than 100 MiB into the store with the right name and bytes', async (t) => {
  const dir = await tempDir(t);
  const src = join(dir, 'big.bin');
  await writeLargeFile(src, SIZE);
  const expected = await streamedSha256(src);
  const cas = openCas(join(dir, 'store'));

  const put = await cas.putFile(src);
  assert.deepEqual(put, { hash: expected, size: SIZE, written: true });
  const object = cas.path(expected);
  assert.equal((await stat(object)).size, SIZE);
  assert.equal(await streamedSha256(object), expected, 'the object holds the source bytes');

  const report = await cas.fsck();
  assert.deepEqual(report, { checked: 1, corrupt: [], zeroLength: [], misnamed: [], tempFiles: [], ok: true });
  assert.equal((await cas.putFile(src)).written, false, 'a second put only refreshes the mtime');
});
