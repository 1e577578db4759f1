import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { createHash } from 'node:crypto';
import { crc32Portable } from '../../src/zip/crc32.js';
import { crc32, listFilesUnder, writeZip, type ZipEntry } from '../../src/zip/index.js';
import { tempDir } from '../helpers/tmp.js';

const PINNED_ZIP_SHA256 = 'be3e777f9100bc09c0012727d23a3799a838b734838746efd2ad154f27e4f9a3';

interface CentralEntry {
  name: string;
  method: number;
  time: number;
  date: number;
  extraLength: number;
  mode: number;
}

/** Read the central directory straight from the bytes (no zip library between us and them). */
function centralEntries(zip: Buffer): CentralEntry[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(eocd >= 0, 'end of central directory found');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const out: CentralEntry[] = [];
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(at), 0x02014b50);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    out.push({
      name: zip.subarray(at + 46, at + 46 + nameLength).toString('utf8'),
      method: zip.readUInt16LE(at + 10),
      time: zip.readUInt16LE(at + 12),
      date: zip.readUInt16LE(at + 14),
      extraLength,
      mode: zip.readUInt32LE(at + 38) >>> 16,
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return out;
}

async function fixture(dir: string): Promise<ZipEntry[]> {
  await writeFile(join(dir, 'b.txt'), 'bee\n');
  await writeFile(join(dir, 'a.bin'), Buffer.from([0, 1, 2, 255]));
  return [
    { name: 'z/last.txt', bytes: Buffer.from('last') },
    { name: 'b.txt', path: join(dir, 'b.txt') },
    { name: 'a.bin', path: join(dir, 'a.bin') },
    { name: 'é/ünïcode.md', bytes: Buffer.from('# hi\n') },
    { name: '\u{1F600}.txt', bytes: Buffer.from('astral') },
    { name: '\uFF01.txt', bytes: Buffer.from('fullwidth') },
  ];
}

test('entries are sorted by code point, deflated where it pays, with a fixed DOS date, mode 0644 and no extra fields', async (t) => {
  const dir = await tempDir(t);
  const target = join(dir, 'out.zip');
  const stats = await writeZip(target, await fixture(dir));
  const bytes = await readFile(target);
  assert.equal(stats.entries, 6);
  assert.equal(stats.bytes, bytes.length);
  const entries = centralEntries(bytes);
  assert.deepEqual(
    entries.map((e) => e.name),
    ['a.bin', 'b.txt', 'z/last.txt', 'é/ünïcode.md', '\uFF01.txt', '\u{1F600}.txt'],
  );
  for (const e of entries) {
    assert.equal(e.method, 0, `${e.name} stored: too small for deflate to pay`);
    assert.equal(e.time, 0, `${e.name} time 00:00:00`);
    assert.equal(e.date, (0 << 9) | (1 << 5) | 1, `${e.name} date 1980-01-01`);
    assert.equal(e.extraLength, 0, `${e.name} has no extra field`);
    assert.equal(e.mode, 0o100644, `${e.name} mode`);
  }
  execFileSync('unzip', ['-t', target], { stdio: 'pipe' });
  assert.equal(execFileSync('unzip', ['-p', target, 'b.txt']).toString(), 'bee\n');
});

test('compressible entries are deflated, one streamed through the deflater, and unzip reads them back', async (t) => {
  const dir = await tempDir(t);
  const text = Buffer.from('the same line, many times over\n'.repeat(2000));
  const large = Buffer.alloc((4 << 20) + 333, 'abcdefgh');
  await writeFile(join(dir, 'large.txt'), large);
  const target = join(dir, 'out.zip');
  await writeZip(target, [{ name: 'text.md', bytes: text }, { name: 'large.txt', path: join(dir, 'large.txt') }]);
  const bytes = await readFile(target);
  assert.ok(bytes.length < (text.length + large.length) / 20, `deflated: ${bytes.length} bytes`);
  assert.deepEqual(centralEntries(bytes).map((e) => [e.name, e.method]), [['large.txt', 8], ['text.md', 8]]);
  execFileSync('unzip', ['-tq', target], { stdio: 'pipe' });
  assert.ok(execFileSync('unzip', ['-p', target, 'large.txt'], { maxBuffer: 1 << 24 }).equals(large));
  assert.ok(execFileSync('unzip', ['-p', target, 'text.md'], { maxBuffer: 1 << 24 }).equals(text));
});

test('the bytes are pinned: the pure-JS deflate and the layout give this exact archive', async (t) => {
  // If this hash moves, every published zip changes: a new fflate version or a layout change
  // must be a deliberate, documented format change (CHANGELOG), never a side effect.
  const dir = await tempDir(t);
  const target = join(dir, 'pinned.zip');
  const lines = Array.from({ length: 500 }, (_, i) => `line ${i}: ${'xyz'.repeat(i % 7)}\n`).join('');
  await writeZip(target, [{ name: 'a/lines.txt', bytes: Buffer.from(lines) }, { name: 'b.bin', bytes: Buffer.from([0, 1, 2, 3]) }]);
  const digest = createHash('sha256').update(await readFile(target)).digest('hex');
  assert.equal(digest, PINNED_ZIP_SHA256);
});

test('more than 65 535 entries: ZIP64 end records that unzip and Python read', async (t) => {
  const dir = await tempDir(t);
  const target = join(dir, 'many.zip');
  const entries = Array.from({ length: 70_000 }, (_, i) => ({ name: `f/${i}`, bytes: Buffer.from(String(i)) }));
  await writeZip(target, entries, { level: 0 }); // stored: the end records are what is tested
  const listed = execFileSync('unzip', ['-Z1', target], { maxBuffer: 1 << 26 }).toString().trim().split('\n');
  assert.equal(listed.length, 70_000);
  const py = 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print(len(z.namelist()), z.read("f/69999").decode())';
  assert.equal(execFileSync('python3', ['-c', py, target]).toString().trim(), '70000 69999');
});

test('the CRC-32 fallback for Node before 20.15 agrees with zlib.crc32', () => {
  const data = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 31) & 0xff));
  assert.equal(crc32Portable(data), crc32(data));
  assert.equal(crc32Portable(data.subarray(1000), crc32Portable(data.subarray(0, 1000))), crc32(data));
  assert.equal(crc32Portable(Buffer.from('123456789')), 0xcbf43926);
});

test('the same entries give the same bytes in any time zone and in any input order', async (t) => {
  const dir = await tempDir(t);
  const entries = await fixture(dir);
  const saved = process.env.TZ;
  t.after(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });
  const outputs: Buffer[] = [];
  for (const [i, tz] of ['UTC', 'America/New_York', 'Asia/Kolkata', 'Pacific/Kiritimati'].entries()) {
    process.env.TZ = tz;
    const target = join(dir, `tz-${i}.zip`);
    await writeZip(target, i % 2 === 0 ? entries : [...entries].reverse());
    outputs.push(await readFile(target));
  }
  for (const out of outputs.slice(1)) assert.ok(out.equals(outputs[0]!), 'identical bytes');
});

test('duplicate and unsafe names are refused before anything is written', async (t) => {
  const dir = await tempDir(t);
  for (const name of ['a/../b', '/abs', 'a//b', 'back\\slash', '', './a']) {
    await assert.rejects(writeZip(join(dir, 'x.zip'), [{ name, bytes: Buffer.from('') }]), { code: 'INPUT_INVALID' });
  }
  const dup = [
    { name: 'same', bytes: Buffer.from('1') },
    { name: 'same', bytes: Buffer.from('2') },
  ];
  await assert.rejects(writeZip(join(dir, 'x.zip'), dup), { code: 'INPUT_INVALID' });
  await assert.rejects(readFile(join(dir, 'x.zip')), { code: 'ENOENT' });
});

test('a missing source file fails the write and leaves no zip behind', async (t) => {
  const dir = await tempDir(t);
  const target = join(dir, 'x.zip');
  await assert.rejects(writeZip(target, [{ name: 'gone', path: join(dir, 'gone') }]));
  await assert.rejects(readFile(target), { code: 'ENOENT' });
  assert.deepEqual((await listFilesUnder(dir)).map((e) => e.name), []);
});

test('listFilesUnder names every file relative to the folder, sorted, with a prefix', async (t) => {
  const dir = await tempDir(t);
  await writeFile(join(dir, 'b'), '');
  await writeFile(join(dir, 'a.txt'), '');
  const { mkdir } = await import('node:fs/promises');
  await mkdir(join(dir, 'a'));
  await writeFile(join(dir, 'a', 'x'), '');
  const names = (await listFilesUnder(dir, 'p/')).map((e) => e.name);
  assert.deepEqual(names, ['p/a.txt', 'p/a/x', 'p/b']);
});
