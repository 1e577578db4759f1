/**
 * Crash safety of `pack`, the quick set (the stress set kills it 50+ times): a run stopped with
 * SIGKILL at the riskiest points, and at a few random moments, never costs the previous pack,
 * never leaves a partial object or a dangling root, and a rerun always succeeds.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tempDir } from '../helpers/tmp.js';
import { checkAfterKill, completeRun, lanePackArgs, nextVariant, openLane } from './crashLane.js';
import { runChild } from './kit.js';
import { KILL_POINTS, runToKillPoint } from './killPoints.js';

const SHAPE = { files: 40, big: 1 };
const QUICK_POINTS = [
  'CAS: before the fourth new object',
  'roots: before STATUS is rooted',
  'publish: between the two renames (old pack aside, new one not in place)',
  'publish: new pack in place, archive not yet',
];

test('pack killed at the riskiest steps: a reader sees the old pack or the new one, a rerun succeeds', async (t) => {
  const lane = await openLane(await tempDir(t), SHAPE);
  for (const label of QUICK_POINTS) {
    const point = KILL_POINTS.find((p) => p.label === label)!;
    const before = await nextVariant(lane);
    const killed = await runToKillPoint(lane, point);
    const outcome = await checkAfterKill(lane, before, killed);
    t.diagnostic(`${label}: reader saw the ${outcome.published ? 'new' : 'previous'} pack${outcome.outMissing ? ' (out dir was missing right after the kill)' : ''}`);
    if (label.startsWith('publish: between')) assert.equal(outcome.outMissing, true, 'the kill point is really between the two renames');
  }
});

test('the built CLI killed at random moments of pack (3 kills)', async (t) => {
  const lane = await openLane(await tempDir(t), SHAPE);
  const baseline = await completeRun(lane);
  for (const fraction of [0.2, 0.5, 0.8]) {
    const before = await nextVariant(lane);
    const killed = await runChild(lanePackArgs(lane), { cwd: lane.dir, killAfterMs: baseline.ms * fraction });
    if (killed.signal !== 'SIGKILL') continue; // finished first: nothing to check but that it succeeded
    const outcome = await checkAfterKill(lane, before, killed);
    t.diagnostic(`killed at ${Math.round(baseline.ms * fraction)} ms of ~${Math.round(baseline.ms)}: reached ${outcome.reached}`);
  }
});
