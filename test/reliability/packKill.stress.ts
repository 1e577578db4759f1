/**
 * Crash safety of `pack`, the heavy set (issue 7, item 1): the built CLI packing a tree of a few
 * hundred files (two above 4 MiB, so the streamed store runs), every mode and both archives,
 * killed with SIGKILL at 50+ moments spread uniformly over a measured run, on two lanes at once;
 * then at every named step of a run through the self-killing child. After every kill: a reader
 * sees the previous pack or the complete new one, the store holds no partial object and no
 * dangling root, a rerun succeeds and verifies (see crashLane.ts).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from '../helpers/tmp.js';
import { type KillOutcome, adoptFinished, checkAfterKill, completeRun, lanePackArgs, nextVariant, openLane } from './crashLane.js';
import { runChild } from './kit.js';
import { KILL_POINTS, runToKillPoint } from './killPoints.js';

const SHAPE = { files: 240, big: 2 };
const KILLS = 50;
const LANES = 2;

interface LaneReport {
  kills: KillOutcome[];
  finishedFirst: number;
  baselineMs: number;
}

/**
 * Kill `kills` runs of one lane at delays spread evenly over [0, 1.2 × baseline], in random order
 * (a little past the baseline, so a slower run is still caught publishing); a run that finishes
 * before its kill is counted and its kill retried at a random moment of the baseline.
 */
async function runLane(dir: string, kills: number): Promise<LaneReport> {
  const lane = await openLane(dir, SHAPE);
  const baseline = await completeRun(lane);
  // Stratified: one delay in each of `kills` equal slices.
  const span = baseline.ms * 1.2;
  const delays = Array.from({ length: kills }, (_, k) => (span * (k + Math.random())) / kills).sort(() => Math.random() - 0.5);
  const report: LaneReport = { kills: [], finishedFirst: 0, baselineMs: baseline.ms };
  while (report.kills.length < kills) {
    const delay = delays.pop() ?? Math.random() * baseline.ms;
    const before = await nextVariant(lane);
    const run = await runChild(lanePackArgs(lane), { cwd: lane.dir, killAfterMs: delay });
    if (run.signal !== 'SIGKILL') {
      // It finished before the kill: the pack is the new one; try another moment.
      assert.equal(run.code, 0, run.stderr);
      report.finishedFirst++;
      await adoptFinished(lane);
      continue;
    }
    report.kills.push(await checkAfterKill(lane, before, run));
  }
  return report;
}

test(`pack (built CLI) killed with SIGKILL at ${KILLS}+ moments spread over its whole run`, async (t) => {
  const dir = await tempDir(t);
  const reports = await Promise.all(
    Array.from({ length: LANES }, async (_, i) => runLane(join(dir, `lane-${i}`), Math.ceil(KILLS / LANES))),
  );
  const kills = reports.flatMap((r) => r.kills);
  const byStage = new Map<string, number>();
  for (const k of kills) byStage.set(k.reached, (byStage.get(k.reached) ?? 0) + 1);
  t.diagnostic(`${kills.length} kills over runs of ~${reports.map((r) => Math.round(r.baselineMs)).join(' and ')} ms; ${reports.reduce((n, r) => n + r.finishedFirst, 0)} runs finished before their kill`);
  t.diagnostic(`reached: ${[...byStage].map(([s, n]) => `${s} ${n}`).join(', ')}`);
  t.diagnostic(`reader saw the new pack after ${kills.filter((k) => k.published).length} kills, the previous one after ${kills.filter((k) => !k.published).length}; out dir missing right after ${kills.filter((k) => k.outMissing).length}`);
  assert.ok(kills.length >= KILLS);
  assert.ok((byStage.get('cas writes') ?? 0) > 0, 'some kills landed while objects were being written');
});

test(`pack killed just before each of its ${KILL_POINTS.length} durable steps (self-killing child)`, async (t) => {
  const lane = await openLane(await tempDir(t), SHAPE);
  const seen: string[] = [];
  for (const point of KILL_POINTS) {
    const before = await nextVariant(lane);
    const killed = await runToKillPoint(lane, point);
    const outcome = await checkAfterKill(lane, before, killed);
    const late = point.label.startsWith('publish: new pack') || point.label.startsWith('publish: before the backup');
    assert.equal(outcome.published, late, `${point.label}: the reader saw the ${late ? 'new' : 'previous'} pack`);
    seen.push(`${point.label} → ${outcome.published ? 'new' : 'previous'}${outcome.outMissing ? ' (out dir missing until settled)' : ''}`);
  }
  for (const line of seen) t.diagnostic(line);
});
