/**
 * `gc --apply` and `consume` killed with SIGKILL mid-run (the quick set; the stress set kills
 * each more often): nothing rooted is lost, the store keeps only whole objects, a consume out
 * folder is absent or complete, and every rerun succeeds.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tempDir } from '../helpers/tmp.js';
import { consumeKillRound, gcKillRound, openConsumeLane, openGcLane } from './gcConsumeLanes.js';
import { checkPackTruth } from './packCheck.js';

test('gc --apply killed mid-sweep: rooted objects intact, only whole objects, a rerun finishes', async (t) => {
  const lane = await openGcLane(await tempDir(t), { files: 30, big: 0 }, 800);
  const rounds = [];
  // Once deleting has begun.
  for (const afterMs of [0]) rounds.push(await gcKillRound(lane, { afterMs, once: 'writing' }));
  await checkPackTruth(lane.place);
  t.diagnostic(rounds.map((r) => (r.killed ? `killed after ${r.deletedBeforeKill} deletions` : 'finished first')).join('; '));
  assert.ok(rounds.some((r) => r.killed), 'a collector was killed');
});

test('consume killed mid-write: the out folder is absent or complete, a rerun rebuilds it', async (t) => {
  const lane = await openConsumeLane(await tempDir(t), { files: 80, big: 1 });
  const rounds = [];
  // Once the staging folder exists.
  for (const afterMs of [0]) rounds.push(await consumeKillRound(lane, { afterMs, once: 'writing' }));
  t.diagnostic(rounds.map((r) => (r.killed ? `killed: out ${r.complete ? 'complete' : 'absent'}, ${r.staged} staged folder left` : 'finished first')).join('; '));
  assert.ok(rounds.some((r) => r.killed), 'a consume was killed');
});
