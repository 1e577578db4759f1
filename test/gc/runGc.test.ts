import assert from 'node:assert/strict';
import { readdir, symlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { openCas, type Cas } from '../../src/cas/index.js';
import { GC_EMPTY_ROOTS_ERROR, runGc, type GcReport } from '../../src/gc/index.js';
import { addRoots, removeRoots } from '../../src/roots/index.js';
import { sha256Hex } from '../../src/util/index.js';
import { tempDir } from '../helpers/tmp.js';

const HOUR = 3_600_000;

interface Store {
  cas: Cas;
  runsDir: string;
  /** Sorted by hash. */
  hashes: string[];
}

/** A store holding `count` small objects, all written two hours ago (out of the default grace). */
async function storeWith(t: TestContext, count: number): Promise<Store> {
  const dir = await tempDir(t);
  const cas = openCas(join(dir, 'cas'));
  const hashes: string[] = [];
  const old = new Date(Date.now() - 2 * HOUR);
  for (let i = 0; i < count; i++) {
    const { hash } = await cas.putBytes(Buffer.from(`object ${i}\n`));
    await utimes(cas.path(hash), old, old);
    hashes.push(hash);
  }
  return { cas, runsDir: join(dir, 'runs'), hashes: hashes.sort() };
}

function snapshotOf(hashes: string[]): string {
  return sha256Hex([...hashes].sort().join('\n'));
}

test('a dry run reports the candidates and deletes nothing; --apply deletes exactly them', async (t) => {
  const { cas, runsDir, hashes } = await storeWith(t, 3);
  const [r1, r2, loose] = hashes as [string, string, string];
  await addRoots(runsDir, [r1, r2]);

  const dry = await runGc({ cas, runsDir });
  const expected: GcReport = {
    mode: 'dry_run',
    allow_empty_roots: false,
    root_sources: ['RUN_ROOTS.json (2 roots)', 'GC_PINS.json (missing)'],
    roots_count: 2,
    reachable_hashes_count: 2,
    candidate_hashes_count: 1,
    candidate_hashes: [loose],
    deleted_hashes: [],
    skipped_hashes: [],
    errors: [],
    cas_snapshot_hash: snapshotOf(hashes),
    grace_seconds: 3600,
  };
  assert.deepEqual(dry, expected);
  assert.deepEqual(await cas.list(), hashes);
  assert.deepEqual(await runGc({ cas, runsDir }), dry, 'the same store gives the same report');

  const applied = await runGc({ cas, runsDir, apply: true });
  assert.deepEqual(applied, { ...expected, mode: 'apply', deleted_hashes: [loose] });
  assert.deepEqual(await cas.list(), [r1, r2]);
  for (const h of [r1, r2]) assert.equal(sha256Hex(await cas.get(h)), h, 'rooted objects intact');
  // Both locks released; the first --apply bound the pair (every root was in the store).
  assert.deepEqual((await readdir(runsDir)).sort(), ['RUN_ROOTS.json', 'STORE_BINDING.json']);
});

test('GC_PINS protect objects as roots do', async (t) => {
  const { cas, runsDir, hashes } = await storeWith(t, 3);
  const [a, b, c] = hashes as [string, string, string];
  await addRoots(runsDir, [a]);
  await addRoots(runsDir, [b, a], { name: 'GC_PINS' });
  const report = await runGc({ cas, runsDir, apply: true });
  assert.deepEqual(report.root_sources, ['RUN_ROOTS.json (1 roots)', 'GC_PINS.json (2 roots)']);
  assert.equal(report.roots_count, 2);
  assert.deepEqual(report.deleted_hashes, [c]);
  assert.deepEqual(await cas.list(), [a, b]);
});

test('Policy B: zero roots (no files) deletes nothing, with the POLICY_LOCK error', async (t) => {
  const { cas, runsDir, hashes } = await storeWith(t, 2);
  const report = await runGc({ cas, runsDir, apply: true, graceMs: 0 });
  assert.deepEqual(report.errors, [GC_EMPTY_ROOTS_ERROR]);
  assert.equal(GC_EMPTY_ROOTS_ERROR, 'POLICY_LOCK: Empty roots detected and allow_empty_roots=False. Fail-closed: no deletions.');
  assert.deepEqual(report.deleted_hashes, []);
  assert.equal(report.candidate_hashes_count, 0);
  assert.deepEqual(report.root_sources, ['RUN_ROOTS.json (missing)', 'GC_PINS.json (missing)']);
  assert.deepEqual(await cas.list(), hashes);
});

test('Policy B: an empty roots file is zero roots too; --allow-empty-roots lets GC empty the store', async (t) => {
  const { cas, runsDir, hashes } = await storeWith(t, 2);
  await addRoots(runsDir, [hashes[0]!]);
  await removeRoots(runsDir, [hashes[0]!]);
  const refused = await runGc({ cas, runsDir, apply: true, graceMs: 0 });
  assert.deepEqual(refused.errors, [GC_EMPTY_ROOTS_ERROR]);
  assert.deepEqual(refused.root_sources, ['RUN_ROOTS.json (0 roots)', 'GC_PINS.json (missing)']);
  assert.deepEqual(await cas.list(), hashes);

  const allowed = await runGc({ cas, runsDir, apply: true, graceMs: 0, allowEmptyRoots: true });
  assert.deepEqual(allowed.errors, []);
  assert.equal(allowed.allow_empty_roots, true);
  assert.deepEqual(allowed.deleted_hashes, hashes);
  assert.deepEqual(await cas.list(), []);
});

test('a malformed root source means no deletion at all', async (t) => {
  const { cas, runsDir, hashes } = await storeWith(t, 2);
  await addRoots(runsDir, [hashes[0]!]);
  await writeFile(join(runsDir, 'GC_PINS.json'), '{"not": "a list"}');
  const report = await runGc({ cas, runsDir, apply: true, graceMs: 0 });
  assert.deepEqual(report.errors, ['ROOTS_INVALID: GC_PINS.json is not a JSON list']);
  assert.deepEqual(report.root_sources, ['RUN_ROOTS.json (1 roots)', 'GC_PINS.json (invalid)']);
  assert.deepEqual(report.deleted_hashes, []);
  assert.deepEqual(await cas.list(), hashes);
});

test('grace: a fresh unrooted object survives --apply, and goes with grace 0', async (t) => {
  const { cas, runsDir, hashes } = await storeWith(t, 1);
  await addRoots(runsDir, hashes);
  const fresh = (await cas.putBytes(Buffer.from('written just now'))).hash;

  const kept = await runGc({ cas, runsDir, apply: true });
  assert.deepEqual(kept.candidate_hashes, [fresh]);
  assert.deepEqual(kept.skipped_hashes, [{ hash: fresh, reason: 'within grace period' }]);
  assert.deepEqual(kept.deleted_hashes, []);
  assert.equal(await cas.has(fresh), true);

  const gone = await runGc({ cas, runsDir, apply: true, graceMs: 0 });
  assert.equal(gone.grace_seconds, 0);
  assert.deepEqual(gone.skipped_hashes, []);
  assert.deepEqual(gone.deleted_hashes, [fresh]);
  assert.equal(await cas.has(fresh), false);
});

test('grace is measured from the last write or reuse: putting existing content protects it again', async (t) => {
  const { cas, runsDir, hashes } = await storeWith(t, 2);
  const [rooted, reused] = hashes as [string, string];
  await addRoots(runsDir, [rooted]);
  const now = Date.now();
  assert.deepEqual((await runGc({ cas, runsDir, now: () => now })).skipped_hashes, [], 'two hours old: collectable');
  await cas.putBytes(await cas.get(reused)); // a running pack reuses the object
  const report = await runGc({ cas, runsDir, apply: true, now: () => Date.now() });
  assert.deepEqual(report.skipped_hashes, [{ hash: reused, reason: 'within grace period' }]);
  assert.deepEqual(report.deleted_hashes, []);
  const later = await runGc({ cas, runsDir, apply: true, now: () => Date.now() + HOUR + 1000 });
  assert.deepEqual(later.deleted_hashes, [reused]);
});

test('two collectors at once: the second gets GC_BUSY and the first completes', async (t) => {
  const { cas, runsDir, hashes } = await storeWith(t, 4);
  await addRoots(runsDir, [hashes[0]!]);
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let sweeping!: () => void;
  const midSweep = new Promise<void>((resolve) => (sweeping = resolve));
  // The first collector pauses inside its first deletion, holding both locks.
  const paused: Cas = {
    ...cas,
    delete: async (hash) => {
      sweeping();
      await gate;
      return cas.delete(hash);
    },
  };
  const first = runGc({ cas: paused, runsDir, apply: true, concurrency: 1 });
  await midSweep;
  await assert.rejects(runGc({ cas, runsDir, apply: true }), (err: Error & { code?: string }) => {
    assert.equal(err.code, 'GC_BUSY');
    assert.equal(err.message, `GC_BUSY: another garbage collection is running (lock ${join(runsDir, 'GC.lock')})`);
    return true;
  });
  await assert.rejects(runGc({ cas, runsDir }), { code: 'GC_BUSY' }, 'a dry run waits its turn too');
  release();
  assert.deepEqual((await first).deleted_hashes, hashes.slice(1));
  assert.deepEqual((await runGc({ cas, runsDir, apply: true })).errors, [], 'the lock was released');
});

test('no root can be added mid-sweep: a writer waits until the collector is done', async (t) => {
  const { cas, runsDir, hashes } = await storeWith(t, 4);
  await addRoots(runsDir, [hashes[0]!]);
  let sweeping!: () => void;
  const midSweep = new Promise<void>((resolve) => (sweeping = resolve));
  let deletions = 0;
  const slow: Cas = {
    ...cas,
    delete: async (hash) => {
      sweeping();
      await new Promise((resolve) => setTimeout(resolve, 50));
      deletions++;
      return cas.delete(hash);
    },
  };
  const collecting = runGc({ cas: slow, runsDir, apply: true, concurrency: 1 });
  await midSweep;
  await addRoots(runsDir, [hashes[1]!]);
  assert.equal(deletions, 3, 'the writer got the roots lock only after the whole sweep');
  assert.deepEqual((await collecting).deleted_hashes, hashes.slice(1));
});

test('an object that vanishes during the sweep is reported, not an error', async (t) => {
  const { cas, runsDir, hashes } = await storeWith(t, 2);
  await addRoots(runsDir, [hashes[0]!]);
  const racing: Cas = {
    ...cas,
    delete: async (hash) => {
      await cas.delete(hash); // someone else got there first
      return cas.delete(hash);
    },
  };
  const report = await runGc({ cas: racing, runsDir, apply: true });
  assert.deepEqual(report.skipped_hashes, [{ hash: hashes[1], reason: 'vanished' }]);
  assert.deepEqual(report.errors, []);
});

test('a bad grace is refused', async (t) => {
  const { cas, runsDir } = await storeWith(t, 0);
  await assert.rejects(runGc({ cas, runsDir, graceMs: -1 }), { code: 'INPUT_INVALID' });
  await assert.rejects(runGc({ cas, runsDir, graceMs: 1.5 }), { code: 'INPUT_INVALID' });
});

test('an unreadable root source means no deletion, reported as an error', { skip: process.platform === 'win32' }, async (t) => {
  const { cas, runsDir, hashes } = await storeWith(t, 2);
  await addRoots(runsDir, [hashes[0]!], { name: 'GC_PINS' });
  await symlink('RUN_ROOTS.json', join(runsDir, 'RUN_ROOTS.json')); // a loop: reading it fails with ELOOP
  const report = await runGc({ cas, runsDir, apply: true, graceMs: 0 });
  assert.equal(report.errors.length, 1);
  assert.match(report.errors[0]!, /^IO_ERROR: ELOOP/);
  assert.deepEqual(report.root_sources, ['RUN_ROOTS.json (invalid)', 'GC_PINS.json (1 roots)']);
  assert.deepEqual(report.deleted_hashes, []);
  assert.deepEqual(await cas.list(), hashes);
});
