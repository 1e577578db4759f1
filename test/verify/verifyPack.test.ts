import assert from 'node:assert/strict';
import { chmod, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { openCas, removeRoots, runPack, verifyPack, type VerifyReport } from '../../src/index.js';
import { writeTree } from '../pack/packFixtures.js';
import { tempDir } from '../helpers/tmp.js';

const FILES = { 'a.txt': 'alpha\n', 'b/c.md': 'beta\n' };

function failed(report: VerifyReport): string[] {
  return report.checks.filter((c) => !c.ok && !c.skipped).map((c) => c.name);
}

async function made(t: import('node:test').TestContext, modes: { full?: boolean; split?: boolean; lite?: boolean } = {}) {
  const dir = await tempDir(t);
  const root = join(dir, 'root');
  await writeTree(root, FILES);
  const casRoot = join(dir, 'cas');
  const runsDir = join(dir, 'runs');
  const packDir = join(dir, 'pack');
  const summary = await runPack({ root, outDir: packDir, casRoot, runsDir, modes });
  const cas = openCas(casRoot);
  const verify = () => verifyPack({ cas, runsDir, root, packDir });
  return { dir, cas, runsDir, packDir, summary, verify };
}

const ALL_STEPS = [
  'seal', 'files', 'seal in store', 'ledger', 'archive', 'run refs', 'manifest', 'manifest in store',
  'status', 'task spec', 'output hashes', 'payloads', 'roots', 'audit',
];

test('a fresh pack verifies; every step is named', async (t) => {
  const { verify } = await made(t);
  const report = await verify();
  assert.deepEqual(failed(report), []);
  assert.equal(report.ok, true);
  assert.equal(report.complete, true);
  assert.deepEqual(report.checks.map((c) => c.name), ALL_STEPS);
});

test('a pack without LITE verifies: run refs and manifest come from the store', async (t) => {
  const { verify } = await made(t, { lite: false });
  const report = await verify();
  assert.deepEqual(failed(report), []);
  assert.equal(report.ok, true);
  assert.match(report.checks.find((c) => c.name === 'manifest')!.detail, /from the store/);
});

test('one flipped byte in a payload object fails payloads and the audit', async (t) => {
  const { cas, packDir, verify } = await made(t);
  const manifest = JSON.parse(await readFile(join(packDir, 'LITE', 'PACK_MANIFEST.json'), 'utf8'));
  const hash = manifest.entries[0].ref.slice(7);
  await chmod(cas.path(hash), 0o644);
  const bytes = await readFile(cas.path(hash));
  bytes[0]! ^= 0x20;
  await writeFile(cas.path(hash), bytes);
  const report = await verify();
  assert.deepEqual(failed(report), ['payloads', 'audit']);
  const payloads = report.checks.find((c) => c.name === 'payloads')!;
  assert.equal(payloads.code, 'CAS_CORRUPT_OBJECT');
  assert.match(payloads.problems!.join('\n'), new RegExp(hash));
});

test('an unrooted STATUS fails roots; an edited manifest fails files (coded SEAL_MISMATCH) and manifest', async (t) => {
  const { runsDir, packDir, summary, verify } = await made(t);
  await removeRoots(runsDir, [summary.refs.statusRef]);
  assert.deepEqual(failed(await verify()), ['roots']);

  const manifestPath = join(packDir, 'LITE', 'PACK_MANIFEST.json');
  await chmod(manifestPath, 0o644);
  await writeFile(manifestPath, (await readFile(manifestPath, 'utf8')).replace('a.txt', 'z.txt'));
  const report = await verify();
  assert.deepEqual(failed(report), ['files', 'manifest']);
  const files = report.checks.find((c) => c.name === 'files')!;
  assert.equal(files.code, 'SEAL_MISMATCH');
  assert.deepEqual(files.problems, ['changed LITE/PACK_MANIFEST.json (content differs)']);
});

test('without a store the seal and files are checked and every other step says what it lacked', async (t) => {
  const { packDir } = await made(t);
  const report = await verifyPack({ packDir });
  assert.equal(report.ok, false);
  assert.equal(report.complete, false);
  assert.deepEqual(failed(report), []);
  const ran = report.checks.filter((c) => c.ok).map((c) => c.name);
  assert.deepEqual(ran, ['seal', 'files', 'run refs', 'manifest']);
  assert.match(report.checks.find((c) => c.name === 'seal in store')!.detail, /^not checked: no store/);
});

test('a pack with no seal fails with SEAL_INVALID; a relative pack path is refused', async (t) => {
  const { packDir, verify } = await made(t);
  await rm(join(packDir, 'SEAL.json'));
  const seal = (await verify()).checks[0]!;
  assert.equal(seal.code, 'SEAL_INVALID');
  await assert.rejects(verifyPack({ packDir: 'pack' }), { code: 'USAGE' });
});
