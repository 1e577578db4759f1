import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { runBuilt, runInProcess } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const POLICY_LOCK = 'POLICY_LOCK: Empty roots detected and allow_empty_roots=False. Fail-closed: no deletions.';

/** A folder with three stored objects (default store) and the first two rooted. */
async function threeObjects(t: TestContext): Promise<{ dir: string; hashes: [string, string, string] }> {
  const dir = await tempDir(t);
  for (const name of ['x', 'y', 'z']) await writeFile(join(dir, name), `${name} content\n`);
  const put = await runInProcess(['cas', 'put', 'x', 'y', 'z'], dir);
  assert.equal(put.code, 0, put.stderr);
  const hashes = put.stdout.trim().split('\n').map((ref) => ref.slice('sha256:'.length)) as [string, string, string];
  assert.equal((await runInProcess(['roots', 'add', hashes[0], hashes[1]], dir)).code, 0);
  return { dir, hashes };
}

test('done-when: dry run lists one candidate; --apply keeps it in grace; --grace 0 deletes exactly it', async (t) => {
  const { dir, hashes } = await threeObjects(t);
  const loose = hashes[2];

  const dry = await runInProcess(['gc', '--json'], dir);
  assert.equal(dry.code, 0, dry.stderr);
  const report = JSON.parse(dry.stdout);
  assert.equal(report.mode, 'dry_run');
  assert.equal(report.candidate_hashes_count, 1);
  assert.deepEqual(report.candidate_hashes, [loose]);

  const kept = await runInProcess(['gc', '--apply'], dir);
  assert.equal(kept.code, 0, kept.stderr);
  assert.equal(
    kept.stdout,
    [
      'gc: apply',
      'roots: 2 (RUN_ROOTS.json (2 roots), GC_PINS.json (missing))',
      'candidates: 1, skipped: 1, deleted: 0 (grace 3600 s)',
      `skip ${loose} (within grace period)`,
      '',
    ].join('\n'),
  );
  assert.equal((await runInProcess(['cas', 'has', loose], dir)).code, 0);

  const applied = await runInProcess(['gc', '--apply', '--grace', '0', '--json'], dir);
  assert.equal(applied.code, 0, applied.stderr);
  assert.deepEqual(JSON.parse(applied.stdout).deleted_hashes, [loose]);
  assert.equal((await runInProcess(['cas', 'has', loose], dir)).code, 1);
  for (const h of hashes.slice(0, 2)) assert.equal((await runInProcess(['cas', 'has', h], dir)).code, 0);
});

test('done-when: with an empty roots file, gc --apply --grace 0 deletes nothing and exits 1 with POLICY_LOCK', async (t) => {
  const { dir, hashes } = await threeObjects(t);
  assert.equal((await runInProcess(['roots', 'rm', hashes[0], hashes[1]], dir)).code, 0);
  assert.equal(await readFile(join(dir, '.llm-packer', 'runs', 'RUN_ROOTS.json'), 'utf8'), '[]\n');
  const r = await runInProcess(['gc', '--apply', '--grace', '0'], dir);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, `${POLICY_LOCK}\n`);
  assert.match(r.stdout, /^candidates: 0, skipped: 0, deleted: 0 \(grace 0 s\)$/m);
  for (const h of hashes) assert.equal((await runInProcess(['cas', 'has', h], dir)).code, 0);
});

test('the built CLI: gc exits 1 with the POLICY_LOCK line on an empty store', async (t) => {
  const dir = await tempDir(t);
  const r = await runBuilt(['gc', '--apply', '--grace', '0'], { cwd: dir });
  assert.equal(r.code, 1);
  assert.equal(r.stderr, `${POLICY_LOCK}\n`);
});

test('--allow-empty-roots lets gc run with zero roots', async (t) => {
  const { dir, hashes } = await threeObjects(t);
  await runInProcess(['roots', 'rm', hashes[0], hashes[1]], dir);
  const r = await runInProcess(['gc', '--apply', '--grace', '0', '--allow-empty-roots', '--json'], dir);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout).deleted_hashes, [...hashes].sort());
});

test('a malformed roots file: gc deletes nothing and exits 1 with the ROOTS_INVALID line', async (t) => {
  const { dir, hashes } = await threeObjects(t);
  await writeFile(join(dir, '.llm-packer', 'runs', 'GC_PINS.json'), '[42]');
  const r = await runInProcess(['gc', '--apply', '--grace', '0'], dir);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, 'ROOTS_INVALID: GC_PINS.json item 0 is not a string: 42\n');
  for (const h of hashes) assert.equal((await runInProcess(['cas', 'has', h], dir)).code, 0);
});

test('--grace takes whole seconds only', async (t) => {
  const dir = await tempDir(t);
  for (const bad of ['-1', '1.5', 'soon']) {
    const r = await runInProcess(['gc', '--grace', bad], dir);
    assert.equal(r.code, 2, bad);
    assert.equal(r.stderr, `USAGE: --grace takes a whole number of seconds, not ${JSON.stringify(bad)}\n`);
  }
});
