import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { objectPath, openCas } from '../../src/cas/index.js';
import { damageObject } from '../fixtures/damageObject.js';
import { runBuilt, runInProcess } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const HELLO_HASH = '5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03';
const HELLO_REF = `sha256:${HELLO_HASH}`;

/** A folder holding `f` (hello\n); the store is `S` inside it, as in the done-when. */
async function helloDir(t: import('node:test').TestContext): Promise<string> {
  const dir = await tempDir(t);
  await writeFile(join(dir, 'f'), 'hello\n');
  return dir;
}

function assertOneErrorLine(stderr: string, code: string): void {
  assert.match(stderr, new RegExp(`^${code}:`));
  assert.equal(stderr.split('\n').filter(Boolean).length, 1, `one line: ${stderr}`);
  assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
}

test('done-when: the built `cas put --cas-root S f` prints the ref and stores S/5/89/5891b5b5…', async (t) => {
  const dir = await helloDir(t);
  const r = await runBuilt(['cas', 'put', '--cas-root', 'S', 'f'], { cwd: dir });
  assert.equal(r.stderr, '');
  assert.equal(r.stdout, `${HELLO_REF}\n`);
  assert.equal(r.code, 0);
  assert.equal(await readFile(join(dir, 'S', '5', '89', HELLO_HASH), 'utf8'), 'hello\n');
});

test('done-when: after one flipped byte the built `cas get` exits 1 naming the corruption, `cas fsck` reports it', async (t) => {
  const dir = await helloDir(t);
  assert.equal((await runBuilt(['cas', 'put', '--cas-root', 'S', 'f'], { cwd: dir })).code, 0);
  await damageObject(objectPath(join(dir, 'S'), HELLO_HASH), 'flip');

  const get = await runBuilt(['cas', 'get', '--cas-root', 'S', HELLO_REF], { cwd: dir });
  assert.equal(get.code, 1);
  assert.equal(get.stdout, '', 'no data from a corrupt object');
  assertOneErrorLine(get.stderr, 'CAS_CORRUPT_OBJECT');
  assert.ok(get.stderr.includes(HELLO_HASH));

  const fsck = await runBuilt(['cas', 'fsck', '--cas-root', 'S'], { cwd: dir });
  assert.equal(fsck.code, 1);
  assert.match(fsck.stdout, new RegExp(`^corrupt ${HELLO_HASH} \\(hashes to [0-9a-f]{64}\\)$`, 'm'));
  assert.match(fsck.stdout, /^FAIL$/m);
  assertOneErrorLine(fsck.stderr, 'CAS_FSCK_FAILED');
});

test('--debug adds the stack trace to the error', async (t) => {
  const dir = await helloDir(t);
  const r = await runBuilt(['cas', 'get', '--debug', '--cas-root', 'S', HELLO_REF], { cwd: dir });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^CAS_NOT_FOUND:/);
  assert.match(r.stderr, /\n\s+at /);
});

test('cas get prints the exact bytes, or writes them with -o; accepts a bare hash', async (t) => {
  const dir = await helloDir(t);
  const bin = Buffer.from([0, 1, 2, 0xff, 0xfe, 10, 13]);
  await writeFile(join(dir, 'bin'), bin);
  const put = await runInProcess(['cas', 'put', '--cas-root', 'S', '--json', 'f', 'bin'], dir);
  assert.equal(put.code, 0);
  const results = JSON.parse(put.stdout) as { path: string; ref: string; bytes: number; written: boolean }[];
  assert.deepEqual(results[0], { path: 'f', ref: HELLO_REF, bytes: 6, written: true });
  assert.equal(results[1]?.bytes, 7);

  const get = await runInProcess(['cas', 'get', '--cas-root', 'S', results[1]!.ref], dir);
  assert.equal(get.code, 0);
  assert.deepEqual(get.stdoutBytes, bin);
  const bare = await runInProcess(['cas', 'get', '--cas-root', 'S', HELLO_HASH], dir);
  assert.equal(bare.stdout, 'hello\n');
  const out = await runInProcess(['cas', 'get', '--cas-root', 'S', HELLO_REF, '-o', 'copy.txt'], dir);
  assert.equal(out.code, 0);
  assert.equal(out.stdout, '');
  assert.equal(await readFile(join(dir, 'copy.txt'), 'utf8'), 'hello\n');
});

test('cas has: exit 0 and "present", exit 1 and "absent"', async (t) => {
  const dir = await helloDir(t);
  const absent = await runInProcess(['cas', 'has', '--cas-root', 'S', HELLO_REF], dir);
  assert.deepEqual([absent.code, absent.stdout, absent.stderr], [1, 'absent\n', '']);
  await runInProcess(['cas', 'put', '--cas-root', 'S', 'f'], dir);
  const present = await runInProcess(['cas', 'has', '--cas-root', 'S', HELLO_REF], dir);
  assert.deepEqual([present.code, present.stdout, present.stderr], [0, 'present\n', '']);
});

test('cas fsck: ok store exits 0; a stray temp file exits 1 and is named; --json report', async (t) => {
  const dir = await helloDir(t);
  await runInProcess(['cas', 'put', '--cas-root', 'S', 'f'], dir);
  const ok = await runInProcess(['cas', 'fsck', '--cas-root', 'S'], dir);
  assert.deepEqual([ok.code, ok.stdout, ok.stderr], [0, 'checked 1 objects\nok\n', '']);

  await writeFile(join(dir, 'S', '5', '89', `${HELLO_HASH}.123.tmp`), 'half');
  const bad = await runInProcess(['cas', 'fsck', '--cas-root', 'S', '--json'], dir);
  assert.equal(bad.code, 1);
  const report = JSON.parse(bad.stdout) as { ok: boolean; tempFiles: string[] };
  assert.equal(report.ok, false);
  assert.deepEqual(report.tempFiles, [`5/89/${HELLO_HASH}.123.tmp`]);
  assertOneErrorLine(bad.stderr, 'CAS_FSCK_FAILED');
});

test('bad usage exits 2 with one line starting USAGE', async (t) => {
  const dir = await helloDir(t);
  for (const argv of [['cas', 'put'], ['cas', 'get'], ['cas', 'frobnicate'], ['cas', 'has', '--no-such-flag', HELLO_REF], ['nonsense']]) {
    const r = await runInProcess(argv, dir);
    assert.equal(r.code, 2, argv.join(' '));
    assertOneErrorLine(r.stderr, 'USAGE');
  }
});

test('an invalid ref exits 2 with one line starting INVALID_REFERENCE', async (t) => {
  const dir = await helloDir(t);
  for (const ref of [HELLO_REF.toUpperCase(), `sha256:${HELLO_HASH.slice(1)}`, `sha256:${HELLO_HASH} `, 'f']) {
    for (const cmd of ['get', 'has']) {
      const r = await runInProcess(['cas', cmd, '--cas-root', 'S', ref], dir);
      assert.equal(r.code, 2, `${cmd} ${ref}`);
      assert.equal(r.stdout, '');
      assertOneErrorLine(r.stderr, 'INVALID_REFERENCE');
    }
  }
});

test('cas put of a missing file exits 2 with INPUT_NOT_FOUND and stores nothing after it', async (t) => {
  const dir = await helloDir(t);
  const r = await runInProcess(['cas', 'put', '--cas-root', 'S', 'missing', 'f'], dir);
  assert.equal(r.code, 2);
  assertOneErrorLine(r.stderr, 'INPUT_NOT_FOUND');
  assert.deepEqual(await openCas(join(dir, 'S')).list(), []);
});

test('a command group without its subcommand is bad usage (exit 2); --help is not', async (t) => {
  const dir = await tempDir(t);
  assert.equal((await runInProcess(['cas'], dir)).code, 2);
  assert.equal((await runInProcess(['cas', '--help'], dir)).code, 0);
  assert.equal((await runInProcess(['--help'], dir)).code, 0);
});

test('`cas put -` stores standard input (small in memory, large streamed) and prints the same ref as `cas put FILE`', async (t) => {
  const dir = await tempDir(t);
  // Bytes that are not UTF-8, and a stream past the in-memory size (4 MiB) that is spilled.
  const small = Buffer.from([0xff, 0x00, 0xfe, 0x0a, 0x80]);
  const large = Buffer.alloc(5 * 1024 * 1024 + 3);
  for (let i = 0; i < large.length; i++) large[i] = (i * 7919) & 0xff;
  for (const bytes of [small, large]) {
    const hash = createHash('sha256').update(bytes).digest('hex');
    const put = await runBuilt(['cas', 'put', '--cas-root', 'S', '-'], { cwd: dir, input: bytes });
    assert.equal(put.stderr, '');
    assert.equal(put.code, 0);
    assert.equal(put.stdout, `sha256:${hash}\n`);
    const get = await runBuilt(['cas', 'get', '--cas-root', 'S', `sha256:${hash}`], { cwd: dir });
    assert.equal(get.code, 0, get.stderr);
    assert.ok(get.stdoutBytes.equals(bytes), 'cas get gives the bytes back');
    await writeFile(join(dir, 'same.bin'), bytes);
    const file = await runBuilt(['cas', 'put', '--cas-root', 'S', 'same.bin'], { cwd: dir });
    assert.equal(file.stdout, put.stdout, 'the same ref as for the file');
  }
  assert.deepEqual((await readdir(join(dir, 'S'))).filter((n) => n.endsWith('.tmp')), [], 'no spill file left');
  // With other files, in order; --json names standard input "-".
  await writeFile(join(dir, 'f'), 'hello\n');
  const both = await runBuilt(['cas', 'put', '--cas-root', 'S', '--json', 'f', '-'], { cwd: dir, input: small });
  assert.equal(both.code, 0, both.stderr);
  const listed = JSON.parse(both.stdout) as { path: string; ref: string }[];
  assert.deepEqual(listed.map((r) => [r.path, r.ref]), [['f', HELLO_REF], ['-', `sha256:${createHash('sha256').update(small).digest('hex')}`]]);
  // Standard input is read once: `-` twice is bad usage.
  const twice = await runBuilt(['cas', 'put', '--cas-root', 'S', '-', '-'], { cwd: dir, input: small });
  assert.equal(twice.code, 2);
  assertOneErrorLine(twice.stderr, 'USAGE');
});

test('cas fsck of a store that does not exist is an input error (exit 2), not a clean store', async (t) => {
  const dir = await tempDir(t);
  const r = await runBuilt(['cas', 'fsck', '--cas-root', 'no-such-store'], { cwd: dir });
  assert.equal(r.code, 2, r.stdout + r.stderr);
  assert.match(r.stderr, /^INPUT_NOT_FOUND: the store .*no-such-store does not exist/m);
  assert.equal(r.stdout, '');
});
