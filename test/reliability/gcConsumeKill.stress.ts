/**
 * `gc --apply` and `consume` killed with SIGKILL, the heavy set (issue 7, item 1): each killed
 * at moments spread uniformly over a measured run, and again at moments spread over the part of
 * the run that deletes or writes. The promises checked after every kill are in gcConsumeLanes.ts.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from '../helpers/tmp.js';
import { type KillTiming, consumeArgs, consumeKillRound, gcArgs, gcKillRound, openConsumeLane, openGcLane, putLoose } from './gcConsumeLanes.js';
import { cliOk } from './kit.js';
import { checkPackTruth } from './packCheck.js';

const KILLS = 12;

/** Half the kills spread over the whole run, half over its writing part (after it began). */
function timings(baselineMs: number): KillTiming[] {
  const half = KILLS / 2;
  return [
    ...Array.from({ length: half }, (_, k) => ({ afterMs: (baselineMs * (k + Math.random())) / half })),
    ...Array.from({ length: half }, (_, k) => ({ afterMs: (baselineMs * 0.3 * (k + Math.random())) / half, once: 'writing' as const })),
  ];
}

test(`gc --apply --grace 0 killed ${KILLS} times: rooted objects intact, reruns finish`, async (t) => {
  const lane = await openGcLane(await tempDir(t), { files: 60, big: 1 }, 3000);
  const baseline = await cliOk(gcArgs(lane), { cwd: lane.place.dir });
  await putLoose(lane);
  const rounds = [];
  for (const when of timings(baseline.ms)) rounds.push(await gcKillRound(lane, when));
  await checkPackTruth(lane.place);
  const mid = rounds.filter((r) => r.killed && r.deletedBeforeKill > 0 && r.deletedBeforeKill < lane.loose.length);
  t.diagnostic(`${rounds.filter((r) => r.killed).length} kills (${mid.length} mid-sweep, after ${mid.map((r) => r.deletedBeforeKill).join(', ')} deletions) over a ~${Math.round(baseline.ms)} ms collection of ${lane.loose.length} objects`);
  assert.ok(mid.length >= KILLS / 4);
});

test(`consume killed ${KILLS} times: the out folder is absent or complete, reruns rebuild it`, async (t) => {
  const lane = await openConsumeLane(await tempDir(t), { files: 240, big: 2 });
  const baseline = await cliOk(consumeArgs(lane, join(lane.place.dir, 'timed')), { cwd: lane.place.dir });
  const rounds = [];
  for (const when of timings(baseline.ms)) rounds.push(await consumeKillRound(lane, when));
  const killed = rounds.filter((r) => r.killed);
  t.diagnostic(`${killed.length} kills over a ~${Math.round(baseline.ms)} ms consume: ${killed.filter((r) => r.staged > 0).length} mid-write, out complete after ${killed.filter((r) => r.complete).length}, absent after ${killed.filter((r) => !r.complete).length}`);
  assert.ok(killed.filter((r) => r.staged > 0).length >= KILLS / 4);
});
