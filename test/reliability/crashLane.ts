/**
 * One crash lane: a tree, a store and an out dir that already holds a pack. `killedRun` packs the
 * next variant of the tree in a child the caller kills; `checkAfterKill` then proves what
 * issue 7 promises: a reader (`verify`) sees the previous pack or the complete new one, never a
 * mix or nothing; no object is partial and every root is present; a rerun succeeds and verifies.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { openCas } from '../../src/index.js';
import { readRoots } from '../../src/roots/index.js';
import { type CrashTreeShape, packArgs, writeCrashTree } from './crashTree.js';
import { type Run, ageLocks, checkStore, cliOk, exists, snapshot } from './kit.js';

/** A pack as a reader sees it: the out dir and the external archive beside it. */
interface PackState {
  dir: Map<string, string> | undefined;
  zip: Map<string, string> | undefined;
}

export interface Lane {
  dir: string;
  root: string;
  out: string;
  store: { casRoot: string; runsDir: string };
  shape: CrashTreeShape;
  variant: number;
  previous: PackState;
}

/** What the evidence says the killed run had reached. */
export type Reached = 'start' | 'cas writes' | 'roots and audit' | 'records and archive' | 'publish';

export interface KillOutcome {
  reached: Reached;
  /** The reader saw the complete new pack (else the previous one). */
  published: boolean;
  /** Right after the kill the out dir itself was missing (a crash between publish's renames). */
  outMissing: boolean;
  /** New objects the killed run left in the store. */
  objectsAdded: number;
}

function sameState(a: PackState, b: PackState): boolean {
  const eq = (x?: Map<string, string>, y?: Map<string, string>) =>
    x === undefined || y === undefined ? x === y : JSON.stringify([...x]) === JSON.stringify([...y]);
  return eq(a.dir, b.dir) && eq(a.zip, b.zip);
}

async function packState(out: string): Promise<PackState> {
  return { dir: await snapshot(out), zip: await snapshot(`${out}.zip`) };
}

async function ledgerLength(runsDir: string): Promise<number> {
  try {
    return (JSON.parse(await readFile(join(runsDir, 'RUNS.json'), 'utf8')) as unknown[]).length;
  } catch {
    return 0;
  }
}

/** Make the lane and publish its first pack (variant 0). */
export async function openLane(dir: string, shape: CrashTreeShape): Promise<Lane> {
  const lane: Lane = {
    dir,
    root: join(dir, 'root'),
    out: join(dir, 'packs', 'OUT'),
    store: { casRoot: join(dir, 'cas'), runsDir: join(dir, 'runs') },
    shape,
    variant: 0,
    previous: { dir: undefined, zip: undefined },
  };
  await writeCrashTree(lane.root, shape, 0);
  await cliOk(packArgs(lane.root, lane.out, lane.store), { cwd: dir });
  lane.previous = await packState(lane.out);
  return lane;
}

export interface Before {
  roots: number;
  objects: number;
  ledger: number;
}

/** Write the next variant and note what the store holds before the run that will be killed. */
export async function nextVariant(lane: Lane): Promise<Before> {
  lane.variant += 1;
  await writeCrashTree(lane.root, lane.shape, lane.variant);
  return {
    roots: (await readRoots(lane.store.runsDir)).all.size,
    objects: (await openCas(lane.store.casRoot).list()).length,
    ledger: await ledgerLength(lane.store.runsDir),
  };
}

/** The pack command line of this lane's next run (for a child the caller kills). */
export function lanePackArgs(lane: Lane): string[] {
  return packArgs(lane.root, lane.out, lane.store);
}

/** Pack the next variant to the end (a baseline run to time); the lane's pack becomes that one. */
export async function completeRun(lane: Lane): Promise<Run> {
  await nextVariant(lane);
  const run = await cliOk(lanePackArgs(lane), { cwd: lane.dir });
  lane.previous = await packState(lane.out);
  return run;
}

/** A run meant to be killed finished first: its pack is now the lane's previous pack. */
export async function adoptFinished(lane: Lane): Promise<void> {
  lane.previous = await packState(lane.out);
}

/** Everything issue 7 asks after a kill; `killed` is the killed child's result. */
export async function checkAfterKill(lane: Lane, before: Before, killed: Run): Promise<KillOutcome> {
  const where = `variant ${lane.variant}`;
  assert.equal(killed.signal, 'SIGKILL', `${where}: the run was meant to be killed, it ended with ${killed.code}\n${killed.stderr}`);
  const outMissing = !(await exists(lane.out));
  const objects = (await openCas(lane.store.casRoot).list()).length;
  const rootsAfter = (await readRoots(lane.store.runsDir)).all.size;
  const ledgerAfter = await ledgerLength(lane.store.runsDir);
  const rawChanged = !outMissing && !sameState(await packState(lane.out), lane.previous);
  // Locks of the killed run go stale after 10 s; move them into the past instead of waiting.
  await ageLocks([dirname(lane.out), lane.store.runsDir]);

  // A reader: it must see a whole pack that verifies, the previous one or the new one.
  await cliOk(['verify', lane.out, '--cas-root', lane.store.casRoot, '--runs-dir', lane.store.runsDir], { cwd: lane.dir });
  const seen = await packState(lane.out);
  await checkStore(lane.store.casRoot, lane.store.runsDir, `${where}, after the kill`);

  // A rerun succeeds, publishes the new pack, and that pack verifies.
  await cliOk(lanePackArgs(lane), { cwd: lane.dir });
  const fresh = await packState(lane.out);
  await cliOk(['verify', lane.out, '--cas-root', lane.store.casRoot, '--runs-dir', lane.store.runsDir], { cwd: lane.dir });
  await checkStore(lane.store.casRoot, lane.store.runsDir, `${where}, after the rerun`);
  const published = sameState(seen, fresh);
  assert.ok(published || sameState(seen, lane.previous), `${where}: the reader saw neither the previous pack nor the new one`);
  assert.notEqual(fresh.dir, undefined);
  lane.previous = fresh;

  let reached: Reached = 'start';
  if (objects > before.objects) reached = 'cas writes';
  if (rootsAfter > before.roots) reached = 'roots and audit';
  if (ledgerAfter > before.ledger) reached = 'records and archive';
  if (outMissing || rawChanged) reached = 'publish';
  return { reached, published, outMissing, objectsAdded: objects - before.objects };
}
