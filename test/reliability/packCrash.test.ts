/**
 * Crash safety of `pack`, the quick set (the stress set kills it 50+ times): a run stopped with
 * SIGKILL at the riskiest points, and at a few random moments, never costs the previous pack,
 * never leaves a partial object or a dangling root, and a rerun always succeeds.
 */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from '../helpers/tmp.js';
import { checkAfterKill, completeRun, lanePackArgs, nextVariant, openLane } from './crashLane.js';
import { crashTreeFiles, packArgs } from './crashTree.js';
import { cliOk, runChild, writeFiles } from './kit.js';
import { KILL_POINTS, runToKillPoint } from './killPoints.js';

const SHAPE = { files: 40, big: 1 };
/** The two crash states a reader could see before publish settled them (every point: stress set). */
const QUICK_POINTS = [
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

test('the built CLI killed at a random moment of pack', async (t) => {
  const lane = await openLane(await tempDir(t), SHAPE);
  const baseline = await completeRun(lane);
  for (const fraction of [0.3 + 0.6 * Math.random()]) {
    const before = await nextVariant(lane);
    const killed = await runChild(lanePackArgs(lane), { cwd: lane.dir, killAfterMs: baseline.ms * fraction });
    if (killed.signal !== 'SIGKILL') continue; // finished first: nothing to check but that it succeeded
    const outcome = await checkAfterKill(lane, before, killed);
    t.diagnostic(`killed at ${Math.round(baseline.ms * fraction)} ms of ~${Math.round(baseline.ms)}: reached ${outcome.reached}`);
  }
});

test("a killed run's staging folder inside the packed root is not packed by the rerun", async (t) => {
  const dir = await tempDir(t);
  const root = join(dir, 'root');
  const out = join(root, 'packs', 'OUT');
  const store = { casRoot: join(dir, 'cas'), runsDir: join(dir, 'runs') };
  const lane = { dir, root, out, store, shape: SHAPE, variant: 1, previous: { dir: undefined, zip: undefined } };
  await writeFiles(root, crashTreeFiles(SHAPE, 1));
  const point = KILL_POINTS.find((p) => p.label.startsWith('render:'))!;
  const killed = await runToKillPoint(lane, point);
  assert.equal(killed.signal, 'SIGKILL', killed.stderr);
  const staged = (await readdir(dirname(out))).filter((n) => n.startsWith('.OUT.'));
  assert.equal(staged.length, 1, 'the killed run left its staging folder');

  await cliOk(packArgs(root, out, store), { cwd: dir });
  const manifest = JSON.parse(await readFile(join(out, 'LITE', 'PACK_MANIFEST.json'), 'utf8'));
  const paths: string[] = manifest.entries.map((e: { path: string }) => e.path);
  assert.deepEqual(paths.filter((p) => p.startsWith('packs/')), [], 'nothing of the killed run is packed');
  assert.equal(paths.length, Object.keys(crashTreeFiles(SHAPE, 1)).length - 1, 'every text file of the tree, nothing else');
});
