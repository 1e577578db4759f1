import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forgetRun, listRuns, runGc } from '../../src/index.js';
import { readRoots } from '../../src/roots/index.js';
import { makeP2Pack } from '../helpers/p2Run.js';
import { tempDir } from '../helpers/tmp.js';

test('runs are listed in order; forget removes only the roots no other run holds', async (t) => {
  const dir = await tempDir(t);
  const first = await makeP2Pack(dir, { 'shared.txt': 'shared\n', 'only-a.txt': 'a\n' }, 'a');
  const second = await makeP2Pack(dir, { 'shared.txt': 'shared\n', 'only-b.txt': 'b\n' }, 'b');
  const runs = await listRuns(first.runsDir);
  assert.deepEqual(runs.map((r) => r.statusRef), [first.run.statusRef, second.run.statusRef]);
  assert.deepEqual(runs.map((r) => [r.verdict, r.scope, r.fileCount]), [['PASS', 'repo', 2], ['PASS', 'repo', 2]]);

  const shared = (await first.cas.putBytes(Buffer.from('shared\n'))).hash;
  const onlyA = (await first.cas.putBytes(Buffer.from('a\n'))).hash;
  const result = await forgetRun({ casRoot: first.cas.root, runsDir: first.runsDir, statusRef: first.run.statusRef });
  const roots = (await readRoots(first.runsDir)).all;
  assert.ok(roots.has(shared), 'a root another run needs stays');
  assert.ok(!roots.has(onlyA));
  assert.ok(result.removedRoots.includes(onlyA) && result.removedRoots.includes(first.run.statusRef));
  assert.deepEqual((await listRuns(first.runsDir)).map((r) => r.statusRef), [second.run.statusRef]);

  const gc = await runGc({ cas: first.cas, runsDir: first.runsDir, apply: true, graceMs: 0 });
  assert.ok(gc.deleted_hashes.includes(onlyA));
  assert.ok(!gc.deleted_hashes.includes(shared));
  await assert.rejects(forgetRun({ casRoot: first.cas.root, runsDir: first.runsDir, statusRef: first.run.statusRef }), { code: 'RUN_NOT_FOUND' });
});
