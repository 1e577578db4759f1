import assert from 'node:assert/strict';
import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { objectPath } from '../../src/cas/index.js';
import { runInProcess } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

/** Three stored objects, the first two rooted, and an OUTPUT_HASHES record (stored with `cas put`) listing those two. */
async function modeBStore(t: TestContext): Promise<{ dir: string; hashes: [string, string, string]; record: string }> {
  const dir = await tempDir(t);
  for (const name of ['x', 'y', 'z']) await writeFile(join(dir, name), `${name} content\n`);
  const put = await runInProcess(['cas', 'put', 'x', 'y', 'z'], dir);
  const hashes = put.stdout.trim().split('\n').map((ref) => ref.slice('sha256:'.length)) as [string, string, string];
  await runInProcess(['roots', 'add', hashes[0], hashes[1]], dir);
  await writeFile(join(dir, 'record.json'), JSON.stringify([hashes[0], hashes[1]]));
  const record = (await runInProcess(['cas', 'put', 'record.json'], dir)).stdout.trim().slice('sha256:'.length);
  await runInProcess(['roots', 'add', record], dir); // Mode B vouches only for a rooted record
  return { dir, hashes, record };
}

test('done-when: Mode B passes over the two rooted objects, then fails naming the one un-rooted', async (t) => {
  const { dir, hashes, record } = await modeBStore(t);
  const pass = await runInProcess(['audit', '--output-hashes', record], dir);
  assert.equal(pass.code, 0, pass.stderr);
  assert.equal(
    pass.stdout,
    [
      'roots: 3 (.llm-packer/runs/RUN_ROOTS.json, .llm-packer/runs/GC_PINS.json (missing))',
      `required: 2 from OUTPUT_HASHES ${record}: missing 0, unrooted 0`,
      'audit: PASS',
      '',
    ].join('\n'),
  );

  assert.equal((await runInProcess(['roots', 'rm', hashes[1]], dir)).code, 0);
  const fail = await runInProcess(['audit', '--output-hashes', record, '--json'], dir);
  assert.equal(fail.code, 1);
  assert.equal(fail.stderr, '');
  const receipt = JSON.parse(fail.stdout);
  assert.deepEqual(receipt.required_unreachable, [hashes[1]]);
  assert.deepEqual(receipt.required_missing, []);
  assert.equal(receipt.verdict, 'FAIL');
  const text = await runInProcess(['audit', '--output-hashes', record], dir);
  assert.match(text.stdout, new RegExp(`^unrooted ${hashes[1]}$`, 'm'));
  assert.match(text.stdout, /^audit: FAIL$/m);
});

test('Mode A with zero roots: exit 1 and the POLICY_LOCK line', async (t) => {
  const dir = await tempDir(t);
  const r = await runInProcess(['audit'], dir);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, 'POLICY_LOCK: Empty roots detected. Audit requires at least one root.\n');
  assert.match(r.stdout, /^audit: FAIL$/m);
});

test('--full lists a corrupt required object and exits 1', async (t) => {
  const { dir, hashes, record } = await modeBStore(t);
  const damaged = objectPath(join(dir, '.llm-packer', 'cas'), hashes[0]);
  await chmod(damaged, 0o644);
  await writeFile(damaged, 'not the content\n');
  assert.equal((await runInProcess(['audit', '--output-hashes', record], dir)).code, 0);
  const r = await runInProcess(['audit', '--output-hashes', record, '--full', '--json'], dir);
  assert.equal(r.code, 1);
  assert.deepEqual(JSON.parse(r.stdout).required_corrupt, [hashes[0]]);
});

test('an --output-hashes that is not a hash is bad input (exit 2); sha256:<hex> and bare hex are the same', async (t) => {
  const dir = await tempDir(t);
  for (const bad of [`sha256:${'a'.repeat(63)}`, 'A'.repeat(64), 'nope']) {
    const r = await runInProcess(['audit', '--output-hashes', bad], dir);
    assert.equal(r.code, 2, bad);
    assert.match(r.stderr, /^INVALID_REFERENCE: /);
  }
  const { dir: store, record } = await modeBStore(t);
  const bare = await runInProcess(['audit', '--output-hashes', record], store);
  const prefixed = await runInProcess(['audit', '--output-hashes', `sha256:${record}`], store);
  assert.equal(prefixed.code, 0, prefixed.stderr);
  assert.equal(prefixed.stdout, bare.stdout);
});

test('Mode B fails for a record that is not rooted itself', async (t) => {
  const { dir, record } = await modeBStore(t);
  assert.equal((await runInProcess(['roots', 'rm', record], dir)).code, 0);
  const r = await runInProcess(['audit', '--output-hashes', record], dir);
  assert.equal(r.code, 1);
  assert.match(r.stderr, new RegExp(`^AUDIT_FAIL: the OUTPUT_HASHES record ${record} is not rooted$`, 'm'));
});

test('audit --full rehashes every rooted object, without --output-hashes too', async (t) => {
  const { dir, hashes } = await modeBStore(t);
  const damaged = objectPath(join(dir, '.llm-packer', 'cas'), hashes[1]);
  await chmod(damaged, 0o644);
  await writeFile(damaged, 'not the content\n');
  assert.equal((await runInProcess(['audit'], dir)).code, 0, 'Mode A without --full reads no object');
  const r = await runInProcess(['audit', '--full'], dir);
  assert.equal(r.code, 1);
  assert.match(r.stdout, new RegExp(`^corrupt ${hashes[1]} \\(rooted\\)$`, 'm'));
  assert.match(r.stdout, /^audit: FAIL$/m);
});
