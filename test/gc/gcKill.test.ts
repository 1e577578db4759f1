import assert from 'node:assert/strict';
import { mkdir, stat, utimes, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { objectPath, openCas } from '../../src/cas/index.js';
import { GC_LOCK_NAME, runGc } from '../../src/gc/index.js';
import { ROOTS_LOCK_NAME, addRoots } from '../../src/roots/index.js';
import { mapLimit, sha256Hex } from '../../src/util/index.js';
import { tempDir } from '../helpers/tmp.js';
import { startChild } from '../roots/children.js';

const GC_CHILD = new URL('./gcChild.ts', import.meta.url);
const LOOSE = 1500;
const ROOTED = 200;

/** Write objects straight into place (fast fixture, laid out by the library's own objectPath). */
async function writeObjects(casRoot: string, contents: string[]): Promise<string[]> {
  return mapLimit(contents, 16, async (text) => {
    const data = Buffer.from(text);
    const hash = sha256Hex(data);
    const path = objectPath(casRoot, hash);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, data);
    return hash;
  });
}

/** The stale timeout passing: a lock folder whose holder died stops being refreshed. */
async function ageLocks(runsDir: string): Promise<void> {
  const past = new Date(Date.now() - 60_000);
  for (const name of [GC_LOCK_NAME, ROOTS_LOCK_NAME]) {
    await utimes(join(runsDir, name), past, past).catch(() => undefined);
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

test('GC killed with SIGKILL mid-sweep, then rerun: every rooted object intact, no partial objects', async (t) => {
  const dir = await tempDir(t);
  const casRoot = join(dir, 'cas');
  const runsDir = join(dir, 'runs');
  const cas = openCas(casRoot);
  const rooted = (await writeObjects(casRoot, Array.from({ length: ROOTED }, (_, i) => `rooted ${i}\n`))).sort();
  await addRoots(runsDir, rooted);

  const loose = Array.from({ length: LOOSE }, (_, i) => `loose ${i}\n`);
  const looseHashes = loose.map((text) => sha256Hex(text));
  let kills = 0;
  let partial = 0;
  for (let attempt = 0; kills < 3 && attempt < 8; attempt++) {
    // Put back what the last collector deleted, so each one starts from a few thousand objects.
    const present = new Set(await cas.list());
    await writeObjects(casRoot, loose.filter((_, i) => !present.has(looseHashes[i]!)));
    const before = (await cas.list()).length;
    const child = startChild(GC_CHILD, [casRoot, runsDir]);
    await child.waitFor('sweeping');
    await sleep(Math.floor(Math.random() * 40));
    child.proc.kill('SIGKILL');
    const exit = await child.exited;
    if (exit.signal !== 'SIGKILL') {
      assert.equal(exit.code, 0, exit.stderr); // it finished before the kill: try again
      continue;
    }
    kills++;
    const after = await cas.list();
    if (after.length > ROOTED && after.length < before) partial++;
    const left = new Set(after);
    assert.deepEqual(rooted.filter((h) => !left.has(h)), [], 'no rooted object was deleted');
    await ageLocks(runsDir);
  }
  assert.equal(kills, 3, 'three collectors were killed mid-run');
  t.diagnostic(`${kills} kills, ${partial} of them after some but not all deletions`);

  // Only whole objects are left (every file hashes to its name), and no temp files.
  const fsck = await cas.fsck();
  assert.deepEqual(
    { corrupt: fsck.corrupt, misnamed: fsck.misnamed, tempFiles: fsck.tempFiles },
    { corrupt: [], misnamed: [], tempFiles: [] },
  );

  const rerun = await runGc({ cas, runsDir, apply: true, graceMs: 0 });
  assert.deepEqual(rerun.errors, []);
  assert.deepEqual(await cas.list(), rooted, 'the rerun finished the job');
  for (const hash of rooted) assert.equal(sha256Hex(await cas.get(hash)), hash);
  assert.equal(await exists(join(runsDir, GC_LOCK_NAME)), false);
  assert.equal(await exists(join(runsDir, ROOTS_LOCK_NAME)), false);
});
