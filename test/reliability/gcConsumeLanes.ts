/**
 * Kill lanes for `gc --apply` and `consume` (issue 7, item 1): the built CLI killed with SIGKILL
 * at a moment spread over a measured run, then the promises checked. GC: every rooted object is
 * intact, the store holds only whole objects, and a rerun finishes the sweep. Consume: the out
 * folder is absent or complete, and a rerun (when it is absent) rebuilds it.
 */
import assert from 'node:assert/strict';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { openCas } from '../../src/index.js';
import { objectPath } from '../../src/cas/index.js';
import { readRoots } from '../../src/roots/index.js';
import { ledgerSealRefs } from '../../src/runs/index.js';
import { sha256Hex } from '../../src/util/index.js';
import { crashTreeFiles, type CrashTreeShape } from './crashTree.js';
import { type Run, ageLocks, checkStore, cliOk, exists, runChild, snapshot, writeFiles } from './kit.js';
import { checkPackTruth, packWithCli, placeIn, storeArgs, type PackPlace } from './packCheck.js';

export interface GcLane {
  place: PackPlace;
  rooted: string[];
  loose: Buffer[];
}

/** A store holding one verified pack (rooted) and `loose` unrooted objects. */
export async function openGcLane(dir: string, shape: CrashTreeShape, loose: number): Promise<GcLane> {
  const root = join(dir, 'root');
  await writeFiles(root, crashTreeFiles(shape, 0));
  const place = placeIn(dir);
  const r = await packWithCli(place, root, ['--max-entry-bytes', String(8 << 20)]);
  assert.equal(r.code, 0, r.stderr);
  // Live: the roots and the pack's seal, which the run ledger keeps live without rooting it.
  const rooted = [...new Set([...(await readRoots(place.runsDir)).all, ...(await ledgerSealRefs(place.runsDir))])].sort();
  const lane = { place, rooted, loose: Array.from({ length: loose }, (_, i) => Buffer.from(`loose object ${i}\n`)) };
  await putLoose(lane);
  return lane;
}

/** Put back every loose object (straight into place: a fixture, laid out by objectPath). */
export async function putLoose(lane: GcLane): Promise<void> {
  const made = new Set<string>();
  for (const data of lane.loose) {
    const path = objectPath(lane.place.casRoot, sha256Hex(data));
    if (!made.has(dirname(path))) {
      await mkdir(dirname(path), { recursive: true });
      made.add(dirname(path));
    }
    await writeFile(path, data);
  }
}

export function gcArgs(lane: GcLane): string[] {
  return ['gc', '--apply', '--grace', '0', ...storeArgs(lane.place)];
}

/** When is a kill: `afterMs` from the start, or `afterMs` after the run's writes began. */
export type KillTiming = { afterMs: number; once?: 'writing' };

/** Run gc with a SIGKILL at `when`; check, rerun, check. Returns what the kill left. */
export async function gcKillRound(lane: GcLane, when: KillTiming): Promise<{ killed: boolean; deletedBeforeKill: number }> {
  const cas = openCas(lane.place.casRoot);
  const before = (await cas.list()).length;
  // The sweep deletes candidates in hash order: the first loose hash going means it has begun.
  const first = objectPath(lane.place.casRoot, lane.loose.map((b) => sha256Hex(b)).sort()[0]!);
  const killWhen = { poll: async () => !(await exists(first)), afterMs: when.afterMs };
  const run = await runChild(gcArgs(lane), { cwd: lane.place.dir, ...(when.once ? { killWhen } : { killAfterMs: when.afterMs }) });
  const killed = run.signal === 'SIGKILL';
  if (!killed) assert.equal(run.code, 0, run.stderr);
  const left = new Set(await cas.list());
  assert.deepEqual(lane.rooted.filter((h) => !left.has(h)), [], 'no rooted object was deleted');
  await checkStore(lane.place.casRoot, lane.place.runsDir, `gc killed ${when.afterMs} ms after ${when.once ?? "the start"}`);
  await ageLocks([lane.place.runsDir]);
  await cliOk(gcArgs(lane), { cwd: lane.place.dir });
  assert.deepEqual(await cas.list(), lane.rooted, 'the rerun finished the sweep: only live objects (roots, the ledger\'s seal) are left');
  for (const hash of lane.rooted) assert.equal(sha256Hex(await cas.get(hash)), hash);
  await putLoose(lane);
  return { killed, deletedBeforeKill: before - left.size };
}

export interface ConsumeLane {
  place: PackPlace;
  expected: Map<string, string>;
  next: number;
}

/** A verified pack of `shape`, and the tree consume must rebuild from it. */
export async function openConsumeLane(dir: string, shape: CrashTreeShape): Promise<ConsumeLane> {
  const root = join(dir, 'root');
  const files = crashTreeFiles(shape, 0);
  delete files['bin/blob.dat']; // not text: not packed
  await writeFiles(root, files);
  const place = placeIn(dir);
  const r = await packWithCli(place, root, ['--max-entry-bytes', String(8 << 20)]);
  assert.equal(r.code, 0, r.stderr);
  await writeFiles(join(dir, 'expected'), files);
  return { place, expected: (await snapshot(join(dir, 'expected')))!, next: 0 };
}

export function consumeArgs(lane: ConsumeLane, out: string): string[] {
  return ['consume', lane.place.out, '--out', out, ...storeArgs(lane.place)];
}

/** Run consume with a SIGKILL at `when`: the out folder is absent or complete. */
export async function consumeKillRound(lane: ConsumeLane, when: KillTiming): Promise<{ killed: boolean; complete: boolean; staged: number }> {
  const name = `rebuilt-${lane.next++}`;
  const out = join(lane.place.dir, name);
  const staging = async () => (await readdir(lane.place.dir)).some((n) => n.startsWith(`${name}.`) && n.endsWith('.tmp'));
  const killWhen = { poll: staging, afterMs: when.afterMs };
  const run: Run = await runChild(consumeArgs(lane, out), { cwd: lane.place.dir, ...(when.once ? { killWhen } : { killAfterMs: when.afterMs }) });
  const killed = run.signal === 'SIGKILL';
  if (!killed) assert.equal(run.code, 0, run.stderr);
  const seen = await snapshot(out);
  const complete = seen !== undefined;
  if (complete) assert.deepEqual([...seen], [...lane.expected], `${name}: present, so complete and byte-exact`);
  // What the killed run staged (a temp folder beside the out folder) never counts as output.
  const staged = (await readdir(lane.place.dir)).filter((n) => n.startsWith(`${name}.`) && n.endsWith('.tmp')).length;
  if (!complete) {
    await cliOk(consumeArgs(lane, out), { cwd: lane.place.dir });
    assert.deepEqual([...(await snapshot(out))!], [...lane.expected], `${name}: the rerun rebuilt it byte-exactly`);
  }
  await rm(out, { recursive: true, force: true });
  return { killed, complete, staged };
}
