/**
 * verify with a team store (an in-memory RemoteStore; test/remote/*.s3.ts run the same path
 * against radosgw): a pack pushed from one machine is pulled by its ref alone onto a machine with
 * an empty store and no runs dir, and verifies there against the remote's ledger, roots and
 * objects; what the remote lacks is a named failure, never a pass.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { openCas, pushRun, runPack, verifyPack, type VerifyReport } from '../../src/index.js';
import { pullPack, runRemoteGc } from '../../src/remote/index.js';
import { writeTree } from '../pack/packFixtures.js';
import { memoryRemote } from '../helpers/memoryRemote.js';
import { tempDir } from '../helpers/tmp.js';

function failed(report: VerifyReport): string[] {
  return report.checks.filter((c) => !c.ok).map((c) => `${c.name}: ${c.detail}`);
}

async function pushed(t: TestContext, zip = false) {
  const dir = await tempDir(t);
  const root = join(dir, 'root');
  await writeTree(root, { 'a.txt': 'alpha\n', 'b/c.md': 'beta\n' });
  const laptop = { casRoot: join(dir, 'laptop', 'cas'), runsDir: join(dir, 'laptop', 'runs') };
  const packDir = join(dir, 'laptop', 'pack');
  const summary = await runPack({ root, outDir: packDir, ...laptop, ...(zip ? { zip: true } : {}) });
  const remote = memoryRemote();
  await pushRun({ cas: openCas(laptop.casRoot), runsDir: laptop.runsDir, remote, statusRef: summary.refs.statusRef, packDir });
  const agent = { cas: openCas(join(dir, 'agent', 'cas')), runsDir: join(dir, 'agent', 'runs') };
  return { dir, remote, summary, packDir, agent };
}

test('a pack pulled by its manifest ref onto an empty store verifies against the remote', async (t) => {
  const { dir, remote, summary, packDir, agent } = await pushed(t);
  const out = join(dir, 'agent', 'pack');
  const pulled = await pullPack({ cas: agent.cas, remote, ref: summary.refs.manifestRef, out, runsDir: agent.runsDir });
  assert.equal(pulled.statusRef, summary.refs.statusRef);
  assert.deepEqual(await readFile(join(out, 'SEAL.json')), await readFile(join(packDir, 'SEAL.json')));
  assert.equal(existsSync(agent.runsDir), false, 'the agent has no runs dir of its own');

  const local = await verifyPack({ packDir: out, cas: agent.cas });
  assert.equal(local.complete, false, 'without the remote the ledger, roots and audit cannot be checked');

  const report = await verifyPack({ packDir: out, cas: agent.cas, remote });
  assert.deepEqual(failed(report), []);
  assert.equal(report.ok, true);
  assert.match(report.checks.find((c) => c.name === 'ledger')!.detail, /in the ledger of s3:\/\/team\/test/);
  assert.match(report.checks.find((c) => c.name === 'roots')!.detail, /rooted on s3:\/\/team\/test/);
  assert.match(report.checks.find((c) => c.name === 'audit')!.detail, /PASS/);
});

test('the archive travels with the pack and is checked on the other machine', async (t) => {
  const { dir, remote, summary, agent } = await pushed(t, true);
  const out = join(dir, 'agent', 'pack');
  const pulled = await pullPack({ cas: agent.cas, remote, ref: summary.refs.statusRef, out });
  assert.equal(pulled.archive, `${out}.zip`);
  const report = await verifyPack({ packDir: out, cas: agent.cas, remote });
  assert.deepEqual(failed(report), []);
  assert.match(report.checks.find((c) => c.name === 'archive')!.detail, /pack\.zip sha256:/);
});

test('verify --remote fails by name when the remote lost the run\'s roots or an object', async (t) => {
  const { dir, remote, summary, agent } = await pushed(t);
  const out = join(dir, 'agent', 'pack');
  await pullPack({ cas: agent.cas, remote, ref: summary.refs.statusRef, out });
  remote.docs.set('RUN_ROOTS.json', { text: '[]\n', etag: 'gone' });
  const unrooted = await verifyPack({ packDir: out, cas: agent.cas, remote });
  assert.equal(unrooted.ok, false);
  assert.equal(unrooted.checks.find((c) => c.name === 'roots')!.code, 'ROOTS_INVALID');
  assert.equal(unrooted.checks.find((c) => c.name === 'audit')!.code, 'AUDIT_FAIL');

  const payload = summary.refs.manifestRef.slice('sha256:'.length);
  remote.objects.set(payload, Buffer.from('not the manifest\n'));
  const damaged = await verifyPack({ packDir: out, cas: agent.cas, remote });
  assert.match(damaged.checks.find((c) => c.name === 'audit')!.problems!.join('\n'), new RegExp(`corrupt ${payload}`));
});

test('a remote collection keeps the pack files its ledger\'s seals list; pull refuses a run pushed without its pack', async (t) => {
  const { dir, remote, summary, agent } = await pushed(t);
  const report = await runRemoteGc({ remote, apply: true, graceMs: 0 });
  assert.deepEqual(report.deletedHashes, []);
  const out = join(dir, 'agent', 'pack');
  await pullPack({ cas: agent.cas, remote, ref: summary.refs.statusRef, out });
  assert.equal((await verifyPack({ packDir: out, cas: agent.cas, remote })).ok, true);

  const bare = memoryRemote('s3://team/bare');
  const laptopCas = openCas(join(dir, 'laptop', 'cas'));
  await pushRun({ cas: laptopCas, remote: bare, statusRef: summary.refs.statusRef });
  await assert.rejects(pullPack({ cas: agent.cas, remote: bare, ref: summary.refs.statusRef, out: join(dir, 'agent', 'bare') }), { code: 'RUN_NOT_FOUND', message: /has no sealed pack/ });
  await assert.rejects(pullPack({ cas: agent.cas, remote, ref: 'sha256:' + '0'.repeat(64), out: join(dir, 'agent', 'none') }), { code: 'RUN_NOT_FOUND', message: /no run on s3:\/\/team\/test has/ });
  // Pushed by its STATUS ref with the ledger at hand: the seal went up, the pack's own files did not.
  const sealOnly = memoryRemote('s3://team/seal-only');
  await pushRun({ cas: laptopCas, remote: sealOnly, runsDir: join(dir, 'laptop', 'runs'), statusRef: summary.refs.statusRef });
  const fresh = openCas(join(dir, 'fresh', 'cas'));
  await assert.rejects(pullPack({ cas: fresh, remote: sealOnly, ref: summary.refs.statusRef, out: join(dir, 'fresh', 'pack') }), {
    code: 'CAS_NOT_FOUND',
    message: /files of the pack of run .* are not on s3:\/\/team\/seal-only/,
  });
  assert.equal(existsSync(join(dir, 'fresh', 'pack')), false);
});
