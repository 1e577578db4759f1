import assert from 'node:assert/strict';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { removeRoots, verifyPack } from '../../src/index.js';
import { makeP2Pack } from '../helpers/p2Run.js';
import { tempDir } from '../helpers/tmp.js';

const FILES = { 'a.txt': 'alpha\n', 'b/c.md': 'beta\n' };

function failed(report: { checks: { name: string; ok: boolean }[] }): string[] {
  return report.checks.filter((c) => !c.ok).map((c) => c.name);
}

test('a fresh pack verifies; every check is named', async (t) => {
  const dir = await tempDir(t);
  const { cas, runsDir, packDir } = await makeP2Pack(dir, FILES);
  const report = await verifyPack({ cas, runsDir, root: dir, packDir });
  assert.deepEqual(failed(report), []);
  assert.equal(report.ok, true);
  assert.deepEqual(report.checks.map((c) => c.name), ['manifest', 'run refs', 'manifest in store', 'status', 'task spec', 'output hashes', 'payloads', 'roots', 'audit']);
});

test('one flipped byte in a payload object fails payloads and the audit', async (t) => {
  const dir = await tempDir(t);
  const { cas, runsDir, packDir } = await makeP2Pack(dir, FILES);
  const manifest = JSON.parse(await readFile(join(packDir, 'LITE', 'PACK_MANIFEST.json'), 'utf8'));
  const hash = manifest.entries[0].ref.slice(7);
  await chmod(cas.path(hash), 0o644);
  const bytes = await readFile(cas.path(hash));
  bytes[0]! ^= 0x20;
  await writeFile(cas.path(hash), bytes);
  const report = await verifyPack({ cas, runsDir, root: dir, packDir });
  assert.deepEqual(failed(report), ['payloads', 'audit']);
  assert.match(report.checks.find((c) => c.name === 'payloads')!.detail, new RegExp(hash));
});

test('an unrooted payload, an edited manifest and a swapped RUN_REFS each fail', async (t) => {
  const dir = await tempDir(t);
  const { cas, runsDir, packDir, run } = await makeP2Pack(dir, FILES);
  await removeRoots(runsDir, [run.statusRef]);
  assert.deepEqual(failed(await verifyPack({ cas, runsDir, root: dir, packDir })), ['roots']);

  const other = await makeP2Pack(dir, { 'x.txt': 'other\n' }, 'other');
  const manifestPath = join(packDir, 'LITE', 'PACK_MANIFEST.json');
  await writeFile(manifestPath, await readFile(join(other.packDir, 'LITE', 'PACK_MANIFEST.json')));
  assert.ok(failed(await verifyPack({ cas, runsDir, root: dir, packDir })).includes('run refs'));

  await writeFile(manifestPath, (await readFile(manifestPath, 'utf8')).replace('x.txt', 'y.txt'));
  assert.deepEqual(failed(await verifyPack({ cas, runsDir, root: dir, packDir })), ['run refs']);

  await writeFile(manifestPath, (await readFile(manifestPath, 'utf8')).replace('{', '{ '));
  assert.deepEqual(failed(await verifyPack({ cas, runsDir, root: dir, packDir })), ['manifest']);
});
