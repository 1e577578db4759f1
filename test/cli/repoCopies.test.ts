/**
 * Nothing in a pack is the store: an in-place edit of a repo/ copy (as root, or an editor that
 * chmods, would make it) leaves the store object as it was, and the next pack is correct.
 */
import assert from 'node:assert/strict';
import { chmod, open, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { sha256Hex } from '../../src/util/index.js';
import { runBuilt } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { writeTree } from '../pack/packFixtures.js';

test('an in-place edit of a repo/ copy never reaches the store; the next pack is correct', async (t) => {
  const dir = await tempDir(t);
  const root = join(dir, 'root');
  const source = 'export const a = 1;\n';
  await writeTree(root, { 'src/a.ts': source, 'README.md': '# r\n' });
  const pack = () => runBuilt(['pack', 'root', '--out-dir', 'OUT', '--quiet'], { cwd: dir });
  assert.equal((await pack()).code, 0);
  const copy = join(dir, 'OUT', 'repo', 'src', 'a.ts');
  const object = join(root, '.llm-packer', 'cas', ...((h) => [h[0]!, h.slice(1, 3), h])(sha256Hex(source)));
  assert.notEqual((await stat(copy)).ino, (await stat(object)).ino, 'the copy is not the object');

  await chmod(copy, 0o644);
  const fh = await open(copy, 'r+'); // in place: same inode, as an editor that writes through would
  await fh.write('export const a = 666; // pwned\n', 0);
  await fh.close();

  assert.equal(await readFile(object, 'utf8'), source);
  const fsck = await runBuilt(['cas', 'fsck', '--root', 'root'], { cwd: dir });
  assert.equal(fsck.code, 0, fsck.stdout + fsck.stderr);
  const verify = await runBuilt(['verify', 'OUT'], { cwd: dir });
  assert.equal(verify.code, 1);
  assert.match(verify.stdout, /changed\s+repo\/src\/a\.ts/);

  assert.equal((await pack()).code, 0);
  assert.equal(await readFile(copy, 'utf8'), source);
  assert.equal((await runBuilt(['verify', 'OUT'], { cwd: dir })).code, 0);
});
