/**
 * Concurrency (issue 7, item 2; issue 10): four packs of different trees into one store (one CAS,
 * one runs dir, four out dirs) at the same time, while a loop runs `gc --apply --grace 0`. Even
 * with no grace, a collector never takes a run's objects before the run roots them: a pack holds
 * a lease from its first stored object to its roots, and a collector refuses (`GC_BUSY`) while a
 * lease is live (src/roots/packLease.ts). So every run succeeds, consumes byte-exactly and
 * verifies; no collection deletes an object that was rooted when it began, and at the end the
 * roots of every run are present. Several rounds.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { openCas } from '../../src/index.js';
import { readRoots } from '../../src/roots/index.js';
import { tempDir } from '../helpers/tmp.js';
import { crashTreeFiles } from './crashTree.js';
import { type Run, errorLines, exists, runChild, writeFiles } from './kit.js';
import { type PackPlace, checkPackTruth, readManifest } from './packCheck.js';

const ROUNDS = 4;
const PACKS = 4;
const SHAPE = { files: 90, big: 1 };

interface Success {
  place: PackPlace;
  refs: { manifestRef: string; taskSpecRef: string; outputHashesRef: string; statusRef: string };
}

/** `gc --apply --grace 0` again and again until `stop()`; each run's deletions are checked against the roots it began with. */
function gcLoop(store: { casRoot: string; runsDir: string }, cwd: string) {
  let running = true;
  const stats = { runs: 0, deleted: 0, busy: 0 };
  const done = (async () => {
    while (running) {
      const rootedBefore = (await readRoots(store.runsDir)).all;
      const r = await runChild(['gc', '--apply', '--grace', '0', '--json', '--cas-root', store.casRoot, '--runs-dir', store.runsDir], { cwd, timeoutMs: 180_000 });
      if (r.code !== 0) {
        // Zero roots before the first run rooted anything, or a pack's live lease, are the only refusals expected here.
        assert.match(r.stderr, /POLICY_LOCK: Empty roots detected|GC_BUSY: \d+ pack\(s\) are storing objects/, `gc failed: ${r.stderr}`);
        stats.busy++;
        continue;
      }
      const report = JSON.parse(r.stdout) as { deleted_hashes: string[] };
      const wrong = report.deleted_hashes.filter((h) => rootedBefore.has(h));
      assert.deepEqual(wrong, [], 'gc deleted an object that was rooted when it began');
      stats.runs++;
      stats.deleted += report.deleted_hashes.length;
    }
  })();
  return { stop: async () => ((running = false), await done, stats) };
}

function checkCleanFailure(r: Run, place: PackPlace): Promise<boolean> {
  assert.equal(r.code, 1, `a pack failed with exit ${r.code}: ${r.stderr}`);
  // --json: the failure itself is the one JSON document on stdout; no summary, no PASS claimed.
  assert.equal(typeof JSON.parse(r.stdout).code, 'string', 'a failed run prints no summary (no PASS claimed)');
  const lines = errorLines(r.stderr);
  assert.equal(lines.length, 1, `one error line: ${JSON.stringify(lines)}`);
  assert.match(lines[0]!, /^[A-Z][A-Z0-9_]+:/);
  return exists(place.out).then((there) => (assert.equal(there, false, 'a failed run published nothing'), true));
}

test(`${PACKS} packs into one store at once, ${ROUNDS} rounds, while gc --apply --grace 0 loops`, async (t) => {
  const dir = await tempDir(t);
  const store = { casRoot: join(dir, 'cas'), runsDir: join(dir, 'runs') };
  const successes: Success[] = [];
  const failures: string[] = [];
  const gcTotals = { runs: 0, deleted: 0 };
  for (let round = 0; round < ROUNDS; round++) {
    const places = await Promise.all(
      Array.from({ length: PACKS }, async (_, i) => {
        const root = join(dir, `r${round}`, `tree-${i}`);
        const files = crashTreeFiles(SHAPE, round * PACKS + i); // neighbours share most files: concurrent puts of one object
        delete files['bin/blob.dat'];
        await writeFiles(root, files);
        const place: PackPlace = { dir, out: join(dir, `r${round}`, `OUT-${i}`), ...store };
        return { root, files, place };
      }),
    );
    const gc = gcLoop(store, dir);
    const runs = await Promise.all(
      places.map(({ root, place }) =>
        runChild(['pack', root, '--out-dir', place.out, '--quiet', '--json', '--cas-root', store.casRoot, '--runs-dir', store.runsDir, '--max-entry-bytes', String(8 << 20)], { cwd: dir, timeoutMs: 300_000 }),
      ),
    );
    const stats = await gc.stop();
    gcTotals.runs += stats.runs;
    gcTotals.deleted += stats.deleted;
    for (const [i, r] of runs.entries()) {
      const { place, files } = places[i]!;
      if (r.code === 0) {
        const summary = JSON.parse(r.stdout);
        assert.equal(summary.refs.verdict, 'PASS');
        await checkPackTruth(place, files);
        successes.push({ place, refs: summary.refs });
      } else {
        await checkCleanFailure(r, place);
        failures.push(errorLines(r.stderr)[0]!.split(':')[0]!);
      }
    }
  }

  // The end: every successful run's refs and payloads are rooted, present, and still verify.
  const roots = (await readRoots(store.runsDir)).all;
  const present = new Set(await openCas(store.casRoot).list());
  const needed = new Set<string>();
  for (const s of successes) {
    const entries = await readManifest(s.place.out);
    const refs = [s.refs.taskSpecRef, s.refs.outputHashesRef, s.refs.statusRef, s.refs.manifestRef.slice(7), ...entries.map((e) => e.ref.slice(7))];
    for (const h of refs) needed.add(h);
    await checkPackTruth(s.place);
  }
  assert.deepEqual([...needed].filter((h) => !roots.has(h) || !present.has(h)), [], 'every successful run is rooted and stored');
  // Roots that name nothing can only come from failed runs (their objects went before they were rooted).
  const dangling = [...roots].filter((h) => !present.has(h));
  assert.deepEqual(dangling.filter((h) => needed.has(h)), []);
  const ledger = JSON.parse(await readFile(join(store.runsDir, 'RUNS.json'), 'utf8')) as { verdict: string; status_ref: string }[];
  assert.deepEqual(
    ledger.filter((e) => e.verdict === 'PASS').map((e) => e.status_ref).sort(),
    successes.map((s) => s.refs.statusRef).sort(),
    'the ledger records PASS for exactly the successful runs',
  );
  t.diagnostic(`${ROUNDS * PACKS} concurrent packs: ${successes.length} succeeded (consumed byte-exactly, verified), ${failures.length} failed cleanly (${[...new Set(failures)].join(', ') || 'none'})`);
  t.diagnostic(`${gcTotals.runs} collections deleted ${gcTotals.deleted} unrooted objects, none rooted; ${dangling.length} roots left by failed runs name no object`);
  assert.deepEqual(failures, [], 'with leases, no collection makes a pack fail');
  assert.ok(gcTotals.runs > 0, 'the loop collected at least once (or the test proved nothing about collections)');
});
