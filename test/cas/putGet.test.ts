import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { chmod, mkdir, readFile, readdir, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { objectPath, objectRelPath, openCas } from '../../src/cas/index.js';
import { EMPTY_HASH } from '../../src/util/index.js';
import { tempDir } from '../helpers/tmp.js';

const HELLO = Buffer.from('hello\n');
const HELLO_HASH = '5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03';
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Every file under `dir`, relative, `/`-separated, sorted. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1).split('\\').join('/'))
    .sort();
}

test('objectPath places a hash at <root>/<h0>/<h1h2>/<h> and refuses anything else', () => {
  assert.equal(objectPath('/s', EMPTY_HASH), join('/s', 'e', '3b', EMPTY_HASH));
  assert.equal(objectRelPath(HELLO_HASH), `5/89/${HELLO_HASH}`);
  for (const bad of ['', 'abc', EMPTY_HASH.toUpperCase(), `${EMPTY_HASH}0`, EMPTY_HASH.slice(1), `sha256:${EMPTY_HASH}`, `../${EMPTY_HASH.slice(3)}`, ` ${EMPTY_HASH.slice(1)}`]) {
    assert.throws(() => objectPath('/s', bad), { code: 'CAS_INVALID_HASH' }, bad);
    assert.throws(() => objectRelPath(bad), { code: 'CAS_INVALID_HASH' }, bad);
  }
});

test('putBytes then get round-trips; the object is the raw bytes at its path and nothing else is left', async (t) => {
  const root = join(await tempDir(t), 'store');
  const cas = openCas(root);
  const put = await cas.putBytes(HELLO);
  assert.deepEqual(put, { hash: HELLO_HASH, size: 6, written: true });
  assert.deepEqual(await readFile(join(root, '5', '89', HELLO_HASH)), HELLO);
  assert.deepEqual(await cas.get(HELLO_HASH), HELLO);
  assert.deepEqual(await filesUnder(root), [`5/89/${HELLO_HASH}`]);
});

test('the empty content is a valid object at e/3b/e3b0c442…', async (t) => {
  const dir = await tempDir(t);
  const root = join(dir, 'store');
  const cas = openCas(root);
  assert.deepEqual(await cas.putBytes(new Uint8Array(0)), { hash: EMPTY_HASH, size: 0, written: true });
  assert.equal((await stat(join(root, 'e', '3b', EMPTY_HASH))).size, 0);
  assert.equal((await cas.get(EMPTY_HASH)).length, 0);
  const emptyFile = join(dir, 'empty-src');
  await writeFile(emptyFile, '');
  assert.deepEqual(await cas.putFile(emptyFile), { hash: EMPTY_HASH, size: 0, written: false });
  assert.deepEqual(await cas.list(), [EMPTY_HASH]);
  assert.equal((await cas.fsck()).ok, true);
});

test('putFile of small and streamed (> 4 MiB) files stores their exact bytes', async (t) => {
  const dir = await tempDir(t);
  const cas = openCas(join(dir, 'store'));
  for (const size of [1, 5, 4 << 20, (4 << 20) + 1, (5 << 20) + 12345]) {
    const data = Buffer.alloc(size);
    for (let i = 0; i + 4 <= size; i += 4096) data.writeUInt32LE(i, i); // position-dependent bytes
    const src = join(dir, `src-${size}`);
    await writeFile(src, data);
    const put = await cas.putFile(src);
    assert.equal(put.hash, sha(data), `size ${size}`);
    assert.equal(put.size, size);
    assert.equal(put.written, true);
    assert.deepEqual(await readFile(cas.path(put.hash)), data);
  }
  await assert.rejects(cas.putFile(join(dir, 'missing')), { code: 'INPUT_NOT_FOUND' });
  await assert.rejects(cas.putFile(join(dir, 'src-1', 'below-a-file')), { code: 'INPUT_NOT_FOUND' });
  await assert.rejects(cas.putFile(dir), { code: 'INPUT_INVALID' });
});

for (const [label, size] of [['small', 100], ['streamed', (4 << 20) + 7]] as const) {
  test(`putting existing content (${label}) rewrites nothing and refreshes the mtime`, async (t) => {
    const dir = await tempDir(t);
    const cas = openCas(join(dir, 'store'));
    const data = Buffer.alloc(size, 7);
    const src = join(dir, 'src');
    await writeFile(src, data);
    const first = await cas.putFile(src);
    const path = cas.path(first.hash);
    const old = new Date('2001-01-01T00:00:00Z');
    await utimes(path, old, old);
    const before = await stat(path);
    const again = label === 'small' ? await cas.putBytes(data) : await cas.putFile(src);
    assert.deepEqual(again, { hash: first.hash, size, written: false });
    const after = await stat(path);
    assert.equal(after.ino, before.ino, 'same inode: the file was not replaced');
    assert.ok(after.mtimeMs > before.mtimeMs + 1e9, 'mtime refreshed');
    assert.deepEqual(await filesUnder(join(dir, 'store')), [`${first.hash[0]}/${first.hash.slice(1, 3)}/${first.hash}`]);
  });
}

test('an object of the wrong size under a name is damage: a put replaces it', async (t) => {
  const cas = openCas(await tempDir(t));
  const { hash } = await cas.putBytes(HELLO);
  await chmod(cas.path(hash), 0o644);
  await writeFile(cas.path(hash), 'hel');
  assert.equal((await cas.putBytes(HELLO)).written, true);
  assert.deepEqual(await cas.get(hash), HELLO);
});

test('has, stat, list, delete and copyTo', async (t) => {
  const dir = await tempDir(t);
  const cas = openCas(join(dir, 'store'));
  assert.equal(await cas.has(HELLO_HASH), false);
  assert.equal(await cas.stat(HELLO_HASH), undefined);
  assert.deepEqual(await cas.list(), [], 'a store that does not exist yet is empty');
  await assert.rejects(cas.get(HELLO_HASH), { code: 'CAS_NOT_FOUND' });
  await assert.rejects(cas.has('HELLO'), { code: 'CAS_INVALID_HASH' });
  await assert.rejects(cas.get(HELLO_HASH.toUpperCase()), { code: 'CAS_INVALID_HASH' });
  // Every async method rejects (instead of throwing before a promise exists).
  await assert.rejects(cas.stat('x'), { code: 'CAS_INVALID_HASH' });
  await assert.rejects(cas.delete('x'), { code: 'CAS_INVALID_HASH' });
  await assert.rejects(cas.copyTo('x', join(dir, 'x')), { code: 'CAS_INVALID_HASH' });

  const hashes = [];
  for (const s of ['b', 'a', 'c', '', 'hello\n']) hashes.push((await cas.putBytes(Buffer.from(s))).hash);
  assert.equal(await cas.has(HELLO_HASH), true);
  const info = await cas.stat(HELLO_HASH);
  assert.equal(info?.hash, HELLO_HASH);
  assert.equal(info?.size, 6);
  assert.equal(typeof info?.mtimeMs, 'number');
  assert.deepEqual(await cas.list(), [...hashes].sort());

  const dest = join(dir, 'out', 'hello.txt');
  await mkdir(join(dir, 'out'));
  assert.equal(await cas.copyTo(HELLO_HASH, dest), 6);
  assert.deepEqual(await readFile(dest), HELLO);
  await assert.rejects(cas.copyTo(sha(Buffer.from('nope')), join(dir, 'out', 'nope')), { code: 'CAS_NOT_FOUND' });

  assert.equal(await cas.delete(HELLO_HASH), true);
  assert.equal(await cas.delete(HELLO_HASH), false);
  assert.equal(await cas.has(HELLO_HASH), false);
  assert.equal((await cas.list()).length, 4);
});

test('list skips everything that is not an object in its right folder', async (t) => {
  const root = await tempDir(t);
  const cas = openCas(root);
  const a = (await cas.putBytes(Buffer.from('a'))).hash;
  const b = (await cas.putBytes(Buffer.from('b'))).hash;
  const other = sha(Buffer.from('elsewhere'));
  const folderOf = (h: string) => join(root, h[0]!, h.slice(1, 3));
  await writeFile(join(folderOf(a), `${a}.0123abcd.tmp`), 'partial');
  await writeFile(join(folderOf(a), a.toUpperCase()), 'a');
  await writeFile(join(folderOf(a), `${a}x`), 'a');
  await writeFile(join(folderOf(a), other), 'elsewhere'); // a real hash, in the wrong folder
  await mkdir(join(folderOf(b), sha(Buffer.from('dir'))), { recursive: true }); // a folder named like an object
  await writeFile(join(root, 'lock'), '');
  await mkdir(join(root, 'G', 'zz'), { recursive: true });
  await writeFile(join(root, 'G', 'zz', other), 'elsewhere');
  await writeFile(join(root, a[0]!, `${a.slice(1, 3)}.tmp`), '');
  assert.deepEqual(await cas.list(), [a, b].sort());
});
