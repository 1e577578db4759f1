import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile, readdir, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { objectRelPath, openCas } from '../../src/cas/index.js';
import { CorruptObjectError, EMPTY_HASH } from '../../src/util/index.js';
import { damageObject, type Damage } from '../fixtures/damageObject.js';
import { tempDir } from '../helpers/tmp.js';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

for (const how of ['flip', 'truncate', 'zero'] as Damage[]) {
  test(`get refuses a ${how} object with CorruptObjectError carrying expected and actual`, async (t) => {
    const cas = openCas(await tempDir(t));
    const data = Buffer.from('some content that will be damaged\n'.repeat(100));
    const { hash } = await cas.putBytes(data);
    await damageObject(cas.path(hash), how);
    const damaged = await readFile(cas.path(hash));
    assert.notDeepEqual(damaged, data);

    const err = await cas.get(hash).then(
      () => assert.fail('get returned data'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof CorruptObjectError);
    assert.equal(err.code, 'CAS_CORRUPT_OBJECT');
    assert.equal(err.expected, hash);
    assert.equal(err.actual, sha(damaged));
    if (how === 'zero') assert.equal(err.actual, EMPTY_HASH);
    assert.equal(err.exitCode, 1);
  });
}

test('fsck reports flipped, truncated and zero-length objects, and only them', async (t) => {
  const cas = openCas(await tempDir(t));
  const put = async (s: string) => (await cas.putBytes(Buffer.from(s.repeat(50)))).hash;
  const [good, flipped, truncated, zero] = [await put('good'), await put('flip'), await put('trunc'), await put('zero')];
  await cas.putBytes(new Uint8Array(0)); // the genuine empty object is fine
  await damageObject(cas.path(flipped), 'flip');
  await damageObject(cas.path(truncated), 'truncate');
  await damageObject(cas.path(zero), 'zero');

  const report = await cas.fsck();
  assert.equal(report.checked, 5);
  assert.equal(report.ok, false);
  const byHash = new Map(report.corrupt.map((c) => [c.hash, c]));
  assert.deepEqual([...byHash.keys()].sort(), [flipped, truncated, zero].sort());
  for (const h of [flipped, truncated, zero]) {
    const c = byHash.get(h)!;
    const bytes = await readFile(cas.path(h));
    assert.deepEqual(c, { hash: h, actual: sha(bytes), size: bytes.length });
  }
  assert.deepEqual(report.zeroLength, [zero]);
  assert.deepEqual(report.misnamed, []);
  assert.deepEqual(report.tempFiles, []);
  assert.ok(!byHash.has(good) && !byHash.has(EMPTY_HASH));
});

test('fsck reports stray temp files and misnamed files, without touching them', async (t) => {
  const root = await tempDir(t);
  const cas = openCas(root);
  const { hash } = await cas.putBytes(Buffer.from('x'));
  const folder = join(root, hash[0]!, hash.slice(1, 3));
  const other = sha(Buffer.from('other'));
  await writeFile(join(folder, `${hash}.abcdef.tmp`), 'half');
  await writeFile(join(folder, hash.toUpperCase()), 'x');
  await writeFile(join(folder, other), 'other'); // right bytes for its name, wrong folder
  await writeFile(join(root, 'stray.tmp'), '');
  await writeFile(join(root, 'README'), 'not an object');
  await mkdir(join(root, 'f', 'ff'), { recursive: true });
  await writeFile(join(root, 'f', 'ff', 'short'), '');

  const report = await cas.fsck();
  assert.equal(report.ok, false);
  assert.equal(report.checked, 1);
  assert.deepEqual(report.corrupt, []);
  assert.deepEqual(report.tempFiles, [`${objectRelPath(hash)}.abcdef.tmp`, 'stray.tmp'].sort());
  assert.deepEqual(
    report.misnamed,
    ['README', 'f/ff/short', `${hash[0]}/${hash.slice(1, 3)}/${hash.toUpperCase()}`, `${hash[0]}/${hash.slice(1, 3)}/${other}`].sort(),
  );
  assert.equal((await readdir(folder)).length, 4, 'fsck only reads');
});

test('fsck of a clean store (and of a missing one) is ok', async (t) => {
  const root = await tempDir(t);
  const cas = openCas(join(root, 'store'));
  assert.deepEqual(await cas.fsck(), { checked: 0, corrupt: [], zeroLength: [], misnamed: [], tempFiles: [], ok: true });
  for (let i = 0; i < 20; i++) await cas.putBytes(Buffer.from(`object ${i}`));
  const report = await cas.fsck({ concurrency: 3 });
  assert.equal(report.checked, 20);
  assert.equal(report.ok, true);
});

test('copyTo of a corrupt object throws and leaves no destination and no temp file', async (t) => {
  const dir = await tempDir(t);
  const cas = openCas(join(dir, 'store'));
  const { hash } = await cas.putBytes(Buffer.alloc(3 << 20, 1));
  await damageObject(cas.path(hash), 'flip');
  const out = join(dir, 'out');
  await mkdir(out);
  await assert.rejects(cas.copyTo(hash, join(out, 'copy')), { code: 'CAS_CORRUPT_OBJECT', expected: hash });
  assert.deepEqual(await readdir(out), []);
});
