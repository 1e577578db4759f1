// A stored object damaged in place, keeping its size (a flipped byte, an edit through a repo/
// hard link), is repaired by the next pack that puts the same content, and that pack is right.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { openCas } from '../../src/cas/index.js';
import { runPack } from '../../src/index.js';
import { flipByte } from '../fixtures/damageObject.js';
import { tempDir } from '../helpers/tmp.js';
import { writeTree } from './packFixtures.js';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

test('the next pack repairs a same-size corrupt object and packs the right bytes', async (t) => {
  const dir = await tempDir(t);
  const root = join(dir, 'root');
  const main = Buffer.from('export const MARKER = "right bytes";\n'.repeat(20));
  await writeTree(root, { 'README.md': '# demo\n', 'src/main.js': main });
  const store = { casRoot: join(dir, 'cas'), runsDir: join(dir, 'runs') };
  await runPack({ root, outDir: join(dir, 'out1'), ...store });

  const cas = openCas(store.casRoot);
  const object = cas.path(sha(main));
  await flipByte(object, 10);
  assert.notEqual(sha(await readFile(object)), sha(main), 'the object is damaged, same size');

  const out = join(dir, 'out2');
  const s = await runPack({ root, outDir: out, ...store, zip: true });
  assert.equal(s.refs.verdict, 'PASS');
  assert.ok((await readFile(object)).equals(main), 'the object was repaired');
  assert.ok((await readFile(join(out, 'repo', 'src', 'main.js'))).equals(main), 'repo/ holds the right bytes');
  const full = await readFile(join(out, 'FULL', `REPO-FULL-${s.stamp}.md`), 'utf8');
  assert.ok(full.includes(main.toString('utf8')), 'FULL holds the right text');
  const zipped = execFileSync('unzip', ['-p', `${out}.zip`, 'repo/src/main.js']);
  assert.ok(zipped.equals(main), 'the zip holds the right bytes');
  assert.deepEqual((await cas.fsck()).corrupt, []);
});
