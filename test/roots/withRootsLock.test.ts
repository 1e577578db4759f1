import assert from 'node:assert/strict';
import { readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { ROOTS_LOCK_NAME, addRoots, readRootFile, withRootsLock } from '../../src/roots/index.js';
import { prettyJson, sha256Hex } from '../../src/util/index.js';
import { tempDir } from '../helpers/tmp.js';
import { startChild } from './children.js';

const CHILD = new URL('./rootsChild.ts', import.meta.url);

/** What a pack's writer does while we hold the lock: write the file itself (we hold the lock). */
async function addRootsFromOutside(runsDir: string, hash: string): Promise<void> {
  await writeFile(join(runsDir, 'RUN_ROOTS.json'), prettyJson([hash]));
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

test('8 processes adding disjoint roots at once lose none', async (t) => {
  const runsDir = join(await tempDir(t), 'runs');
  const sets = Array.from({ length: 8 }, (_, c) => Array.from({ length: 30 }, (_, i) => sha256Hex(`child ${c} root ${i}`)));
  const children = sets.map((hashes) => startChild(CHILD, ['add', runsDir, ...hashes]));
  await Promise.all(children.map((c) => c.waitFor('ready')));
  for (const c of children) c.proc.stdin.write('go\n');
  const exits = await Promise.all(children.map((c) => c.exited));
  for (const e of exits) assert.equal(e.code, 0, e.stderr);

  const all = sets.flat().sort();
  assert.equal(all.length, 240);
  assert.equal(await readFile(join(runsDir, 'RUN_ROOTS.json'), 'utf8'), prettyJson(all));
  assert.deepEqual(await readdir(runsDir), ['RUN_ROOTS.json']); // no temp file, no lock left
});

test('a writer waits for the holder, then merges', async (t) => {
  const runsDir = await tempDir(t);
  const [A, B] = [sha256Hex('held'), sha256Hex('waiting')];
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let acquired!: () => void;
  const inLock = new Promise<void>((resolve) => (acquired = resolve));
  const holder = withRootsLock(runsDir, async () => {
    acquired();
    await gate;
    await addRootsFromOutside(runsDir, A);
  });
  await inLock;
  let addedEarly = false;
  const added = addRoots(runsDir, [B]).then(() => (addedEarly = true));
  await sleep(150);
  assert.equal(addedEarly, false);
  assert.equal(await exists(join(runsDir, 'RUN_ROOTS.json')), false);
  release();
  await holder;
  await added;
  assert.deepEqual((await readRootFile(runsDir, 'RUN_ROOTS')).hashes, [A, B].sort());
});

test('the lock is not re-entrant: a nested writer fails at once instead of waiting on itself', async (t) => {
  const runsDir = await tempDir(t);
  await assert.rejects(
    withRootsLock(runsDir, () => addRoots(runsDir, [sha256Hex('nested')])),
    (err: Error & { code?: string }) => {
      assert.equal(err.code, 'ROOTS_LOCKED');
      assert.match(err.message, /already held by this caller \(not re-entrant\)$/);
      return true;
    },
  );
  assert.equal(await exists(join(runsDir, 'RUN_ROOTS.json')), false);
  assert.equal(await exists(join(runsDir, ROOTS_LOCK_NAME)), false);
  await addRoots(runsDir, [sha256Hex('after')]); // released: usable again
});

test('a lock left by a SIGKILLed holder is reclaimed after the stale timeout', async (t) => {
  const runsDir = await tempDir(t);
  const holder = startChild(CHILD, ['hold', runsDir, '2000']);
  await holder.waitFor('locked');
  assert.equal(await exists(join(runsDir, ROOTS_LOCK_NAME)), true);
  holder.proc.kill('SIGKILL');
  assert.equal((await holder.exited).signal, 'SIGKILL');
  assert.equal(await exists(join(runsDir, ROOTS_LOCK_NAME)), true); // nobody cleaned up after it

  const h = sha256Hex('after the kill');
  await addRoots(runsDir, [h], { staleMs: 2000 });
  assert.deepEqual((await readRootFile(runsDir, 'RUN_ROOTS')).hashes, [h]);
  assert.equal(await exists(join(runsDir, ROOTS_LOCK_NAME)), false);
});

test('a holder whose lock was taken over refuses to publish', async (t) => {
  const runsDir = await tempDir(t);
  await assert.rejects(
    withRootsLock(
      runsDir,
      async (lock) => {
        lock.assertHeld();
        await rm(join(runsDir, ROOTS_LOCK_NAME), { recursive: true }); // as a stale takeover would
        await sleep(1500); // the holder notices at its next refresh (every staleMs / 2)
        lock.assertHeld();
      },
      { staleMs: 2000 },
    ),
    { code: 'ROOTS_LOCKED' },
  );
});
