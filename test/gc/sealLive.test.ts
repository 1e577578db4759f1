/** The seal of a pack is live for GC through the run ledger, without being a root (Policy B holds). */
import assert from 'node:assert/strict';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { forgetRun, openCas, runGc, runPack } from '../../src/index.js';
import { readLedger } from '../../src/runs/index.js';
import { sha256Hex } from '../../src/util/index.js';
import { writeTree } from '../pack/packFixtures.js';
import { tempDir } from '../helpers/tmp.js';

async function packed(t: import('node:test').TestContext) {
  const dir = await tempDir(t);
  const root = join(dir, 'root');
  await writeTree(root, { 'a.txt': 'alpha\n', 'b.md': 'beta\n' });
  const casRoot = join(dir, 'cas');
  const runsDir = join(dir, 'runs');
  const summary = await runPack({ root, outDir: join(dir, 'pack'), casRoot, runsDir, zip: true });
  const sealRef = sha256Hex(await readFile(join(dir, 'pack', 'SEAL.json')));
  return { dir, cas: openCas(casRoot), casRoot, runsDir, summary, sealRef };
}

test('the ledger records the seal and the zip hash; GC keeps the seal, though RUN_ROOTS does not list it', async (t) => {
  const { dir, cas, runsDir, sealRef } = await packed(t);
  const [run] = await readLedger(runsDir);
  assert.equal(run!.seal_ref, sealRef);
  assert.equal(run!.archive_sha256, sha256Hex(await readFile(join(dir, 'pack.zip'))));
  assert.ok(!(await readFile(join(runsDir, 'RUN_ROOTS.json'), 'utf8')).includes(sealRef));
  const report = await runGc({ cas, runsDir, apply: true, graceMs: 0 });
  assert.deepEqual(report.errors, []);
  assert.ok(!report.deleted_hashes.includes(sealRef));
  assert.ok(await cas.has(sealRef));
});

test('Policy B: a ledger of seals but no roots deletes nothing', async (t) => {
  const { cas, runsDir } = await packed(t);
  await rm(join(runsDir, 'RUN_ROOTS.json'));
  const before = (await cas.list()).length;
  const report = await runGc({ cas, runsDir, apply: true, graceMs: 0 });
  assert.match(report.errors.join('\n'), /POLICY_LOCK/);
  assert.deepEqual(report.deleted_hashes, []);
  assert.equal((await cas.list()).length, before);
});

test('a forgotten run lets its seal go; an unreadable ledger deletes nothing', async (t) => {
  const { cas, casRoot, runsDir, summary, sealRef } = await packed(t);
  await forgetRun({ casRoot, runsDir, statusRef: summary.refs.statusRef });
  await runPack({ root: join(runsDir, '..', 'root'), outDir: join(runsDir, '..', 'other'), casRoot, runsDir, modes: { lite: false } });
  const report = await runGc({ cas, runsDir, apply: true, graceMs: 0 });
  assert.ok(report.deleted_hashes.includes(sealRef) || !(await cas.has(sealRef)));

  const { writeFile } = await import('node:fs/promises');
  await writeFile(join(runsDir, 'RUNS.json'), '{not json');
  const broken = await runGc({ cas, runsDir, apply: true, graceMs: 0 });
  assert.notDeepEqual(broken.errors, []);
  assert.deepEqual(broken.deleted_hashes, []);
});
