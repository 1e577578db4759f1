// Durability in batches: puts through a store opened with a sync batch write and rename without
// fsync and queue the object and its folders; `sync()` flushes them all at once.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { openCas } from '../../src/cas/index.js';
import { createSyncBatch } from '../../src/util/index.js';
import { flipByte } from '../fixtures/damageObject.js';
import { tempDir } from '../helpers/tmp.js';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

test('a batched store queues every object it writes or finds, and sync() flushes them', async (t) => {
  const dir = await tempDir(t);
  const batch = createSyncBatch();
  const cas = openCas(join(dir, 'cas'), { syncBatch: batch });
  const a = Buffer.from('first object\n');
  const big = Buffer.alloc((4 << 20) + 10, 'q');
  await writeFile(join(dir, 'big'), big);
  await cas.putBytes(a);
  await cas.putFile(join(dir, 'big'));
  assert.ok(batch.pending >= 4, `objects and folders queued (${batch.pending})`);
  await cas.sync();
  assert.equal(batch.pending, 0);

  // Found again (another process may have renamed it and not flushed yet): queued again.
  assert.equal((await cas.putBytes(a)).written, false);
  assert.equal(batch.pending, 1);
  await cas.sync();
  assert.ok((await readFile(cas.path(sha(a)))).equals(a));
  assert.equal(sha(await readFile(cas.path(sha(big)))), sha(big));
});

test('a batched put still repairs a damaged object, and a flush skips an object a GC removed', async (t) => {
  const dir = await tempDir(t);
  const batch = createSyncBatch();
  const cas = openCas(join(dir, 'cas'), { syncBatch: batch });
  const data = Buffer.from('to be damaged and repaired\n'.repeat(10));
  const gone = Buffer.from('collected before the flush\n');
  await cas.putBytes(data);
  await cas.putBytes(gone);
  await rm(cas.path(sha(gone)), { force: true });
  await rm(dirname(cas.path(sha(gone))), { recursive: true, force: true });
  await cas.sync();
  await flipByte(cas.path(sha(data)));
  assert.equal((await cas.putBytes(data)).repaired, true);
  await cas.sync();
  assert.ok((await readFile(cas.path(sha(data)))).equals(data));
});
