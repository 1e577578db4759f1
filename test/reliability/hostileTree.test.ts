/**
 * Hostile trees for `pack` (issue 7, item 5): every case ends in a clear one-line error or in a
 * pack whose every byte is what its manifest says; none hangs (every child has a timeout).
 * The 2 GiB file and the 100 000 files are in hostileTree.stress.ts.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from '../helpers/tmp.js';
import { checkStore, errorLines, exists, writeFiles } from './kit.js';
import { checkPackTruth, packWithCli, placeIn } from './packCheck.js';

const posixOnly = { skip: process.platform === 'win32' ? 'links, FIFOs, sockets and byte file names need POSIX' : false };
const TIMEOUT = { timeoutMs: 60_000 };

test('links out of the root, link loops, a FIFO, a socket, a dangling link: skipped, no hang, the rest packed exactly', posixOnly, async (t) => {
  const dir = await tempDir(t);
  const root = join(dir, 'root');
  const files = { 'a.txt': 'plain text\n', 'sub/b.md': '# b\n' };
  await writeFiles(root, files);
  await writeFile(join(dir, 'outside.txt'), 'SECRET outside the root\n');
  await symlink('loop2', join(root, 'loop1'));
  await symlink('loop1', join(root, 'loop2'));
  await symlink('.', join(root, 'sub', 'self'));
  await symlink('..', join(root, 'sub', 'parent'));
  await symlink(join(dir, 'outside.txt'), join(root, 'escape.txt'));
  await symlink('../outside.txt', join(root, 'sub', 'escape-relative.txt'));
  await symlink('nowhere.txt', join(root, 'dangling.txt'));
  execFileSync('mkfifo', [join(root, 'fifo.txt')]);
  await symlink('fifo.txt', join(root, 'to-fifo.txt'));
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(join(root, 'socket.txt'), resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const place = placeIn(dir);
  const r = await packWithCli(place, root, [], TIMEOUT);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(errorLines(r.stderr), []);
  await checkPackTruth(place, files);
});

test('a file nobody may read (chmod 000): packed as root, a one-line error for anyone else', posixOnly, async (t) => {
  const dir = await tempDir(t);
  await chmod(dir, 0o755);
  const root = join(dir, 'root');
  const files = { 'open.txt': 'anyone can read this\n', 'locked.txt': 'only root reads this\n' };
  await writeFiles(root, files);
  await chmod(join(root, 'locked.txt'), 0o000);
  const asRoot = process.getuid?.() === 0;

  const place = placeIn(join(dir, 'mine'));
  await mkdir(place.dir);
  const r = await packWithCli(place, root, [], TIMEOUT);
  if (asRoot) {
    // Root reads it whatever its mode: packing it is correct, nothing is silently left out.
    assert.equal(r.code, 0, r.stderr);
    await checkPackTruth(place, files);
  } else {
    assert.equal(r.code, 1);
    assert.deepEqual(errorLines(r.stderr), [errorLines(r.stderr)[0]!]);
    assert.match(r.stderr, /^PACK_P2_MISSING_SOURCE:locked\.txt \(cannot read it: EACCES\)$/m);
  }

  if (!asRoot) return;
  // The same tree for an unprivileged user (nobody), when this test runs as root.
  const theirs = placeIn(join(dir, 'theirs'));
  await mkdir(theirs.dir, { mode: 0o777 });
  await chmod(theirs.dir, 0o777);
  const n = await packWithCli(theirs, root, [], { ...TIMEOUT, uid: 65534, gid: 65534 });
  assert.equal(n.code, 1, n.stderr);
  // --json: the failure is the one JSON document on stdout (no summary, no PASS claimed).
  assert.deepEqual(JSON.parse(n.stdout), { code: 'PACK_P2_MISSING_SOURCE', message: 'locked.txt', hint: 'cannot read it: EACCES' });
  assert.deepEqual(errorLines(n.stderr), ['PACK_P2_MISSING_SOURCE:locked.txt (cannot read it: EACCES)']);
  assert.equal(await exists(theirs.out), false, 'no pack published');
});

test('.git/info/exclude or the config file as a FIFO: no hang (absent rules; a config error)', posixOnly, async (t) => {
  const dir = await tempDir(t);
  const root = join(dir, 'root');
  await writeFiles(root, { 'a.txt': 'a\n' });
  await mkdir(join(root, '.git', 'info'), { recursive: true });
  execFileSync('mkfifo', [join(root, '.git', 'info', 'exclude')]);
  const place = placeIn(dir);
  const r = await packWithCli(place, root, [], TIMEOUT);
  assert.equal(r.code, 0, r.stderr);
  await checkPackTruth(place, { 'a.txt': 'a\n' });

  execFileSync('mkfifo', [join(root, 'llm-packer.config.json')]);
  const c = await packWithCli(placeIn(dir, 'OUT2'), root, [], TIMEOUT);
  assert.equal(c.code, 2, c.stderr);
  assert.deepEqual(errorLines(c.stderr).map((l) => l.replace(/ \(the JSON Schema .*\)$/, '')), [
    `CONFIG_INVALID: ${join(root, 'llm-packer.config.json')}: (root): is not a regular file`,
  ]);
});

test('file and folder names that are not UTF-8: a clear error, never a silent loss; packable once ignored', posixOnly, async (t) => {
  const dir = await tempDir(t);
  const root = join(dir, 'root');
  await writeFiles(root, { 'ok.txt': 'ok\n' });
  // Names as raw bytes: Latin-1 "café.txt" and a folder "d\xff".
  const rootBytes = Buffer.from(root);
  await writeFile(Buffer.concat([rootBytes, Buffer.from('/caf\xe9.txt', 'latin1')]), 'latin-1 name\n');
  const place = placeIn(dir);
  const r = await packWithCli(place, root, [], TIMEOUT);
  assert.equal(r.code, 1, r.stderr);
  assert.deepEqual(errorLines(r.stderr), ['PACK_SOURCE_UNREADABLE: caf\uFFFD.txt: the name is not valid UTF-8 (rename the file, or leave it out of the scope)']);
  assert.equal(await exists(place.out), false);

  await writeFile(join(root, '.gitignore'), 'caf*\n');
  await mkdir(Buffer.concat([rootBytes, Buffer.from('/d\xff', 'latin1')]));
  await writeFile(Buffer.concat([rootBytes, Buffer.from('/d\xff/inner.txt', 'latin1')]), 'inside a folder with a byte name\n');
  const f = await packWithCli(place, root, [], TIMEOUT);
  assert.equal(f.code, 1, f.stderr);
  assert.deepEqual(errorLines(f.stderr), ['PACK_SOURCE_UNREADABLE: d\uFFFD: the name is not valid UTF-8 (rename the folder, or leave it out of the scope)']);

  await writeFile(join(root, '.gitignore'), 'caf*\nd*\n');
  const ok = await packWithCli(place, root, [], TIMEOUT);
  assert.equal(ok.code, 0, ok.stderr);
  await checkPackTruth(place, { '.gitignore': 'caf*\nd*\n', 'ok.txt': 'ok\n' });
  await checkStore(place.casRoot, place.runsDir, 'after the byte names');
});
