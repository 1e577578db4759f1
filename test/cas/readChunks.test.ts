import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { CHUNK_BYTES, hashFile, readChunks } from '../../src/cas/index.js';
import { sha256Hex } from '../../src/util/index.js';
import { tempDir } from '../helpers/tmp.js';

const openFds = async () => (existsSync('/proc/self/fd') ? (await readdir('/proc/self/fd')).length : 0);

test('readChunks yields the file in order, each chunk at most CHUNK_BYTES, consumed one by one', async (t) => {
  const dir = await tempDir(t);
  for (const size of [0, 1, CHUNK_BYTES, CHUNK_BYTES + 1, Math.floor(3.5 * CHUNK_BYTES)]) {
    const data = randomBytes(size);
    const path = join(dir, `f${size}`);
    await writeFile(path, data);
    const copies: Buffer[] = [];
    for await (const chunk of readChunks(path)) {
      assert.ok(chunk.length > 0 && chunk.length <= CHUNK_BYTES);
      copies.push(Buffer.from(chunk));
      await new Promise((r) => setImmediate(r)); // let a read-ahead land while we hold the chunk
      assert.deepEqual(Buffer.from(chunk), copies.at(-1), 'a chunk stays valid until the next is requested');
    }
    assert.deepEqual(Buffer.concat(copies), data, `size ${size}`);
    assert.deepEqual(await hashFile(path), { hash: sha256Hex(data), size });
  }
});

test('stopping early closes the file; a read error rejects', async (t) => {
  const dir = await tempDir(t);
  const path = join(dir, 'f');
  await writeFile(path, randomBytes(3 * CHUNK_BYTES));
  const before = await openFds();
  for (let i = 0; i < 5; i++) {
    for await (const chunk of readChunks(path)) {
      assert.ok(chunk.length > 0);
      break;
    }
    await assert.rejects(
      (async () => {
        for await (const _ of readChunks(path)) throw new Error('consumer failed');
      })(),
      /consumer failed/,
    );
  }
  assert.equal(await openFds(), before, 'no file handle left open');
  // Only regular files are read: a folder or a FIFO is refused at once (a FIFO would block an open).
  await assert.rejects(hashFile(dir), { code: 'IO_ERROR', message: `IO_ERROR: ${dir} is not a regular file (a FIFO, device or socket); it was not read` });
  if (process.platform !== 'win32') {
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    await assert.rejects(hashFile(join(dir, 'fifo')), { code: 'IO_ERROR' });
  }
  await assert.rejects(hashFile(join(dir, 'missing')), { code: 'ENOENT' });
});
