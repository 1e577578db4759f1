import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { sha256Hex } from '../../src/util/index.js';
import { runInProcess } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const [A, B, C] = ['a', 'b', 'c'].map((s) => sha256Hex(s)).sort() as [string, string, string];

test('roots add, list and rm change RUN_ROOTS.json in the default runs dir', async (t) => {
  const dir = await tempDir(t);
  const add = await runInProcess(['roots', 'add', C, A], dir);
  assert.deepEqual([add.code, add.stdout, add.stderr], [0, 'added 2 to RUN_ROOTS.json (2 roots)\n', '']);
  const again = await runInProcess(['roots', 'add', A, B], dir);
  assert.equal(again.stdout, 'added 1 to RUN_ROOTS.json (3 roots)\n');
  assert.equal((await runInProcess(['roots', 'list'], dir)).stdout, `${A}\n${B}\n${C}\n`);
  const rm = await runInProcess(['roots', 'rm', B], dir);
  assert.deepEqual([rm.code, rm.stdout], [0, 'removed 1 from RUN_ROOTS.json (2 roots)\n']);
  assert.equal(await readFile(join(dir, '.llm-packer', 'runs', 'RUN_ROOTS.json'), 'utf8'), `[\n  "${A}",\n  "${C}"\n]\n`);
});

test('pins work on GC_PINS.json only, and --json prints the file state', async (t) => {
  const dir = await tempDir(t);
  assert.equal((await runInProcess(['pins', 'add', B, '--runs-dir', 'R'], dir)).code, 0);
  const list = await runInProcess(['pins', 'list', '--json', '--runs-dir', 'R'], dir);
  const text = `[\n  "${B}"\n]\n`;
  assert.deepEqual(JSON.parse(list.stdout), {
    name: 'GC_PINS',
    path: join(dir, 'R', 'GC_PINS.json'),
    exists: true,
    contentHash: sha256Hex(text),
    hashes: [B],
  });
  assert.equal((await runInProcess(['roots', 'list', '--runs-dir', 'R'], dir)).stdout, '');
  const rm = await runInProcess(['pins', 'rm', B, '--json', '--runs-dir', 'R'], dir);
  assert.deepEqual(JSON.parse(rm.stdout).changed, [B]);
  assert.equal(await readFile(join(dir, 'R', 'GC_PINS.json'), 'utf8'), '[]\n');
});

test('roots/pins add and rm refuse a malformed hash as bad input (exit 2) and write nothing', async (t) => {
  const dir = await tempDir(t);
  for (const group of ['roots', 'pins']) {
    for (const verb of ['add', 'rm']) {
      const r = await runInProcess([group, verb, A, 'XYZ'], dir);
      assert.equal(r.code, 2, `${group} ${verb}`);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /^INVALID_REFERENCE: "XYZ" is not a root: /);
    }
  }
  assert.equal((await runInProcess(['roots', 'list'], dir)).stdout, '');
});

test('pins add takes sha256:<hex> as well as bare hex (one parser everywhere)', async (t) => {
  const dir = await tempDir(t);
  const r = await runInProcess(['pins', 'add', `sha256:${A}`], dir);
  assert.equal(r.code, 0, r.stderr);
  assert.equal((await runInProcess(['pins', 'list'], dir)).stdout, `${A}\n`);
  assert.equal((await runInProcess(['pins', 'rm', `sha256:${A}`], dir)).code, 0);
  assert.equal((await runInProcess(['pins', 'list'], dir)).stdout, '');
});

test('a malformed RUN_ROOTS.json is one error line naming the file, and is left as it was', async (t) => {
  const dir = await tempDir(t);
  const runs = join(dir, '.llm-packer', 'runs');
  await mkdir(runs, { recursive: true });
  await writeFile(join(runs, 'RUN_ROOTS.json'), '{}');
  for (const argv of [['roots', 'list'], ['roots', 'add', A]]) {
    const r = await runInProcess(argv, dir);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, `ROOTS_INVALID: RUN_ROOTS.json is not a JSON list (fix or remove ${join(runs, 'RUN_ROOTS.json')})\n`);
  }
  assert.equal(await readFile(join(runs, 'RUN_ROOTS.json'), 'utf8'), '{}');
});
