/**
 * Faults in the runs dir (issue 16): a FIFO where a roots file or the ledger belongs, and lock
 * folders a clock cannot be trusted for. Through the built CLI, each child with a timeout: a hang
 * fails the test.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { runChild } from './kit.js';
import { tempDir } from '../helpers/tmp.js';

const TIMEOUT = 120_000;

async function packed(t: TestContext): Promise<string> {
  const dir = await tempDir(t);
  await mkdir(join(dir, 'root'));
  await writeFile(join(dir, 'root', 'a.txt'), 'a\n');
  const r = await runChild(['pack', 'root', '--out-dir', 'P', '--cas-root', 'cas', '--runs-dir', 'runs', '--quiet'], { cwd: dir, timeoutMs: TIMEOUT });
  assert.equal(r.code, 0, r.stderr);
  return dir;
}

const store = ['--cas-root', 'cas', '--runs-dir', 'runs'];

test('a FIFO as RUN_ROOTS.json, GC_PINS.json or the ledger: a clear error, never a hang holding the locks', async (t) => {
  const dir = await packed(t);
  for (const file of ['RUN_ROOTS.json', 'GC_PINS.json', 'RUNS.json']) {
    const path = join(dir, 'runs', file);
    const kept = await readFile(path).catch(() => undefined);
    await rm(path, { force: true });
    execFileSync('mkfifo', [path]);
    const commands = file === 'RUNS.json' ? [['runs', 'list', ...store], ['pack', 'root', '--out-dir', 'P2', ...store]] : [['gc', ...store], ['audit', ...store], ['pack', 'root', '--out-dir', 'P2', ...store]];
    for (const argv of commands) {
      const r = await runChild(argv, { cwd: dir, timeoutMs: TIMEOUT });
      assert.notEqual(r.code, 0, `${file} ${argv[0]}`);
      assert.match(r.stderr, new RegExp(`ROOTS_INVALID: ${file.replace('.', '\\.')} is not a regular file`), `${file} ${argv[0]}: ${r.stderr}`);
    }
    const locks = (await readdir(join(dir, 'runs'))).filter((n) => n.endsWith('.lock'));
    assert.deepEqual(locks, [], 'every lock released');
    await rm(path);
    if (kept !== undefined) await writeFile(path, kept);
  }
});

test('a FIFO as a store object, the token cache or the config file: a clear coded error (or no cache), never a hang', async (t) => {
  const dir = await packed(t);
  const hash = createHash('sha256').update('a\n').digest('hex');
  const object = join(dir, 'cas', hash[0]!, hash.slice(1, 3), hash);
  await rm(object, { force: true });
  execFileSync('mkfifo', [object]);
  const get = await runChild(['cas', 'get', `sha256:${hash}`, ...store], { cwd: dir, timeoutMs: TIMEOUT });
  assert.equal(get.code, 1, get.stderr);
  assert.match(get.stderr, new RegExp(`^CAS_CORRUPT_OBJECT: object ${hash} is not a regular file`, 'm'));
  const out = await runChild(['cas', 'get', `sha256:${hash}`, '-o', 'copy.txt', ...store], { cwd: dir, timeoutMs: TIMEOUT });
  assert.equal(out.code, 1, out.stderr);
  assert.match(out.stderr, new RegExp(`^CAS_CORRUPT_OBJECT: object ${hash} is not a regular file`, 'm'));
  const fsck = await runChild(['cas', 'fsck', ...store], { cwd: dir, timeoutMs: TIMEOUT });
  assert.equal(fsck.code, 1, fsck.stderr);
  assert.match(fsck.stdout, new RegExp(`^misnamed ${hash[0]}/${hash.slice(1, 3)}/${hash}$`, 'm'));
  const verify = await runChild(['verify', 'P', ...store], { cwd: dir, timeoutMs: TIMEOUT });
  assert.equal(verify.code, 1, verify.stderr);
  const consume = await runChild(['consume', 'P', '--out', 'rebuilt', ...store], { cwd: dir, timeoutMs: TIMEOUT });
  assert.equal(consume.code, 1, consume.stderr);
  assert.match(consume.stderr, /^CAS_NOT_FOUND: /m);
  // The next pack of that content replaces the FIFO with the object.
  const repack = await runChild(['pack', 'root', '--out-dir', 'P3', ...store, '--quiet'], { cwd: dir, timeoutMs: TIMEOUT });
  assert.equal(repack.code, 0, repack.stderr);
  const again = await runChild(['cas', 'get', `sha256:${hash}`, ...store], { cwd: dir, timeoutMs: TIMEOUT });
  assert.equal(again.stdout, 'a\n', again.stderr);

  // The token cache is a cache: a FIFO in its place is skipped, never waited on.
  const cache = join(dir, 'cas', 'tokens', 'counts-o200k_base.log');
  await rm(cache, { force: true });
  await mkdir(join(dir, 'cas', 'tokens'), { recursive: true });
  execFileSync('mkfifo', [cache]);
  await writeFile(join(dir, 'root', 'b.txt'), 'b\n');
  const tokens = await runChild(['pack', 'root', '--out-dir', 'P4', ...store, '--quiet'], { cwd: dir, timeoutMs: TIMEOUT });
  assert.equal(tokens.code, 0, tokens.stderr);

  // The config file, named with --config or found from the working directory.
  execFileSync('mkfifo', [join(dir, 'llm-packer.config.json')]);
  for (const argv of [['runs', 'list', '--config', 'llm-packer.config.json', ...store], ['runs', 'list', ...store]]) {
    const r = await runChild(argv, { cwd: dir, timeoutMs: TIMEOUT });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /^CONFIG_INVALID: .*llm-packer\.config\.json: \(root\): is not a regular file/m);
  }
});

test('a lock folder dated in the future locks nobody out (pack and gc), whatever the clock says', async (t) => {
  const dir = await packed(t);
  const future = new Date(Date.now() + 3_600_000);
  for (const name of ['ROOTS.lock', 'GC.lock']) {
    await mkdir(join(dir, 'runs', name));
    await utimes(join(dir, 'runs', name), future, future);
  }
  const pack = await runChild(['pack', 'root', '--out-dir', 'P2', ...store, '--quiet'], { cwd: dir, timeoutMs: TIMEOUT });
  assert.equal(pack.code, 0, pack.stderr);
  const gc = await runChild(['gc', ...store], { cwd: dir, timeoutMs: TIMEOUT });
  assert.equal(gc.code, 0, gc.stderr);
});

test('a lock whose holder has ended is taken over at once; a live holder gets GC_BUSY naming it', async (t) => {
  const dir = await packed(t);
  // A holder that has ended: an owner file naming a process that is gone.
  const gone = spawn(process.execPath, ['-e', '0']);
  const deadPid = await new Promise<number>((resolve) => gone.on('exit', () => resolve(gone.pid as number)));
  await mkdir(join(dir, 'runs', 'GC.lock'));
  const bootId = execFileSync('cat', ['/proc/sys/kernel/random/boot_id']).toString().trim();
  const host = execFileSync('hostname').toString().trim();
  await writeFile(join(dir, 'runs', 'GC.lock', 'owner.json'), JSON.stringify({ pid: deadPid, host, boot_id: bootId, start: null, token: 'x' }));
  const gc = await runChild(['gc', ...store], { cwd: dir, timeoutMs: TIMEOUT });
  assert.equal(gc.code, 0, gc.stderr);
  // A live holder (this test process): busy, and the hint says who.
  await mkdir(join(dir, 'runs', 'GC.lock'));
  await writeFile(join(dir, 'runs', 'GC.lock', 'owner.json'), JSON.stringify({ pid: process.pid, host, boot_id: bootId, start: null, token: 'y' }));
  const busy = await runChild(['gc', ...store], { cwd: dir, timeoutMs: TIMEOUT });
  assert.equal(busy.code, 1);
  assert.match(busy.stderr, new RegExp(`^GC_BUSY: .*held by process ${process.pid} on this machine, still running`, 'm'));
});
