/**
 * The done-when of the team store, through the built CLI: two "machines" (separate local stores)
 * pack different trees into one bucket at the same time while a third runs
 * `gc --remote --apply --grace 0` in a loop. Afterwards, on a fourth machine (an empty store, no
 * runs dir), every pack that succeeded is pulled and consumed by its manifest ref alone: the files
 * rebuild byte-exactly and the pulled pack verifies against the remote (`verify --remote`: seal,
 * files, the remote's ledger and roots, every object rehashed); a full audit finds every rooted
 * object present and intact.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { cp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from '../helpers/tmp.js';
import { cli, freshRemote, makeTree, treeBytes } from './s3Kit.js';

const ROUNDS = 3;

interface Packed {
  manifestRef: string;
  snapshot: string;
}

async function machine(dir: string, url: string, name: string): Promise<{ packed: Packed[]; failed: string[] }> {
  const packed: Packed[] = [];
  const failed: string[] = [];
  const store = ['--cas-root', join(dir, name, 'cas'), '--runs-dir', join(dir, name, 'runs')];
  for (let round = 0; round < ROUNDS; round++) {
    const tree = join(dir, name, `tree${round}`);
    await makeTree(tree, `${name}-${round}`, 10 + round);
    const r = await cli(['pack', tree, '--remote', url, '--json', '--quiet', '--out-dir', join(dir, name, `out${round}`), ...store], dir);
    if (r.code !== 0) {
      failed.push(r.stderr.trim());
      continue;
    }
    const s = JSON.parse(r.stdout) as { refs: { manifestRef: string } };
    const snapshot = join(dir, name, `snapshot${round}`);
    await cp(tree, snapshot, { recursive: true });
    packed.push({ manifestRef: s.refs.manifestRef, snapshot });
    // An object nobody roots, so that the collector has real work beside the packs.
    const junk = join(dir, name, `junk${round}.txt`);
    await writeFile(junk, `${name} junk ${round}\n`);
    const put = await cli(['cas', 'put', junk, '--remote', url, ...store], dir);
    assert.equal(put.code, 0, put.stderr);
  }
  return { packed, failed };
}

test('two machines pack into one bucket while a third collects in a loop: nothing rooted is lost', async (t) => {
  const dir = await tempDir(t);
  const { url } = await freshRemote();
  let packing = true;
  const collections = { runs: 0, busy: 0, deleted: 0, other: [] as string[] };
  const collector = (async () => {
    while (packing) {
      const r = await cli(['gc', '--remote', url, '--apply', '--grace', '0', '--allow-empty-roots', '--json'], dir);
      collections.runs++;
      if (r.code === 0) collections.deleted += (JSON.parse(r.stdout) as { deletedHashes: string[] }).deletedHashes.length;
      else if (/^REMOTE_BUSY/.test(r.stderr)) collections.busy++;
      else collections.other.push(r.stderr.trim());
    }
  })();
  const results = await Promise.all([machine(dir, url, 'laptop'), machine(dir, url, 'ci')]);
  packing = false;
  await collector;
  const last = await cli(['gc', '--remote', url, '--apply', '--grace', '0', '--json'], dir);
  assert.equal(last.code, 0, last.stderr);
  collections.deleted += (JSON.parse(last.stdout) as { deletedHashes: string[] }).deletedHashes.length;
  assert.ok(collections.deleted >= 2 * ROUNDS, `every unrooted object was swept (${collections.deleted})`);

  assert.deepEqual(collections.other, [], 'a collection failed for another reason than a live lease');
  assert.ok(collections.runs >= 2, `the collector ran ${collections.runs} times`);
  const all = results.flatMap((r) => r.packed);
  const failed = results.flatMap((r) => r.failed);
  assert.ok(all.length >= ROUNDS, `packs that succeeded: ${all.length}; failed: ${failed.join(' | ')}`);
  for (const f of failed) assert.match(f, /^REMOTE_BUSY/, 'a pack may only fail by waiting too long for a collection');

  const fourth = ['--cas-root', join(dir, 'agent', 'cas'), '--runs-dir', join(dir, 'agent', 'runs')];
  for (const [i, p] of all.entries()) {
    const out = join(dir, 'agent', `rebuilt${i}`);
    const consume = await cli(['consume', p.manifestRef, '--remote', url, '--out', out, ...fourth], dir);
    assert.equal(consume.code, 0, consume.stderr);
    assert.deepEqual(await treeBytes(out), await treeBytes(p.snapshot));
    const pack = join(dir, 'agent', `pack${i}`);
    const pull = await cli(['pull', p.manifestRef, '--remote', url, '--out', pack, ...fourth], dir);
    assert.equal(pull.code, 0, pull.stderr);
    const verify = await cli(['verify', pack, '--remote', url, ...fourth], dir);
    assert.equal(verify.code, 0, verify.stdout + verify.stderr);
    assert.doesNotMatch(verify.stdout, /not checked|FAIL/);
  }
  assert.equal(existsSync(join(dir, 'agent', 'runs')), false, 'the fourth machine verified without a runs dir of its own');
  const full = await cli(['audit', '--remote', url, '--full', ...fourth], dir);
  assert.equal(full.code, 0, full.stdout + full.stderr);
  t.diagnostic(`packs ${all.length}, collections ${collections.runs} (busy ${collections.busy}, deleted ${collections.deleted})`);
});
