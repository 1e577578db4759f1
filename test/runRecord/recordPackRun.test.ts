import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { openCas, type Cas } from '../../src/index.js';
import { recordPackRun, type PackEntry } from '../../src/runRecord/index.js';
import { sha256Hex } from '../../src/util/index.js';
import { addRoots, readRoots } from '../../src/roots/index.js';
import { AGS_RECORDED_SCOPE, P2_EXAMPLE_FILES, P2_EXPECTED } from '../fixtures/p2Example.js';
import { tempDir } from '../helpers/tmp.js';

async function storeExamplePayloads(cas: Cas): Promise<PackEntry[]> {
  const entries: PackEntry[] = [];
  for (const [path, bytes] of Object.entries(P2_EXAMPLE_FILES)) {
    if (P2_EXPECTED.omitted.includes(path)) continue;
    entries.push({ path, bytes: bytes.length, hash: (await cas.putBytes(bytes)).hash });
  }
  return entries.reverse(); // any order in; the manifest sorts
}

async function setup(t: import('node:test').TestContext) {
  const dir = await tempDir(t);
  const cas = openCas(join(dir, 'cas'));
  const runsDir = join(dir, 'runs');
  return { dir, cas, runsDir };
}

test('docs/FORMATS.md §11: manifest, records, RUN_ROOTS and RUN_REFS are byte-identical to the original', async (t) => {
  const { dir, cas, runsDir } = await setup(t);
  const entries = await storeExamplePayloads(cas);
  const run = await recordPackRun({
    cas, runsDir, root: dir, scope: AGS_RECORDED_SCOPE, repoState: {}, modes: ['FULL', 'SPLIT', 'LITE'], entries,
  });
  const manifest = run.manifestBytes;
  assert.equal(manifest.length, P2_EXPECTED.manifestBytes);
  assert.equal(sha256Hex(manifest), P2_EXPECTED.manifestSha256);
  assert.ok(manifest.toString('utf8').startsWith(P2_EXPECTED.manifestStart));
  assert.equal(run.manifestRef, `sha256:${P2_EXPECTED.manifestSha256}`);
  assert.equal(run.taskSpecRef, P2_EXPECTED.taskSpecRef);
  assert.equal((await cas.get(run.taskSpecRef)).toString('utf8'), P2_EXPECTED.taskSpecBytes);
  assert.equal(run.outputHashesRef, P2_EXPECTED.outputHashesRef);
  assert.equal(run.statusRef, P2_EXPECTED.statusRef);
  assert.equal((await cas.get(run.statusRef)).toString('utf8'), P2_EXPECTED.statusBytes);
  const roots = await readFile(join(runsDir, 'RUN_ROOTS.json'));
  assert.equal(sha256Hex(roots), P2_EXPECTED.runRootsSha256);
  assert.equal((await readRoots(runsDir)).runRoots.hashes.length, P2_EXPECTED.runRootsCount);
  assert.equal(sha256Hex(run.runRefsBytes), P2_EXPECTED.runRefsSha256);
  assert.equal(run.audit.verdict, 'PASS');
});

test('two runs over the same entries give identical refs and receipts; roots are merged, not replaced', async (t) => {
  const { dir, cas, runsDir } = await setup(t);
  const entries = await storeExamplePayloads(cas);
  const input = { cas, runsDir, root: dir, scope: AGS_RECORDED_SCOPE, repoState: {}, modes: ['FULL', 'SPLIT', 'LITE'] as const, entries };
  const a = await recordPackRun(input);
  const b = await recordPackRun(input);
  assert.deepEqual(
    [a.manifestRef, a.taskSpecRef, a.outputHashesRef, a.statusRef],
    [b.manifestRef, b.taskSpecRef, b.outputHashesRef, b.statusRef],
  );
  assert.deepEqual(a.audit, b.audit);
  const extra = { path: 'LAW/more.md', bytes: 4, hash: (await cas.putBytes(Buffer.from('more'))).hash };
  const c = await recordPackRun({ ...input, entries: [...entries, extra] });
  const roots = (await readRoots(runsDir)).runRoots.hashes;
  for (const h of [a.statusRef, a.taskSpecRef, c.statusRef, extra.hash]) assert.ok(roots.includes(h), h);
});

test('a payload dropped from the roots fails the audit: FAILED status, error code', async (t) => {
  const { dir, cas, runsDir } = await setup(t);
  const entries = await storeExamplePayloads(cas);
  const dropped = entries[0]!.hash;
  await assert.rejects(
    recordPackRun(
      { cas, runsDir, root: dir, scope: AGS_RECORDED_SCOPE, repoState: {}, modes: ['LITE'], entries },
      { addRoots: (runs, hashes, options) => addRoots(runs, hashes.filter((h) => h !== dropped), options) },
    ),
    (err: { code?: string; message?: string }) => err.code === 'PACK_P2_ROOT_AUDIT_FAIL' && err.message!.includes(dropped),
  );
  const { listRuns } = await import('../../src/index.js');
  const { loadStatus } = await import('../../src/records/index.js');
  const [run] = await listRuns(runsDir);
  assert.equal(run?.verdict, 'FAIL');
  const status = await loadStatus(cas, run!.statusRef);
  assert.equal(status.state, 'FAILED');
  assert.equal(status.verdict, 'FAIL');
});

test('an invalid payload hash or a duplicate path fails closed before anything is rooted', async (t) => {
  const { dir, cas, runsDir } = await setup(t);
  const entries = await storeExamplePayloads(cas);
  const base = { cas, runsDir, root: dir, scope: AGS_RECORDED_SCOPE, repoState: {}, modes: ['LITE'] as const };
  await assert.rejects(recordPackRun({ ...base, entries: [...entries, { path: 'x', bytes: 1, hash: 'ABC' }] }), { code: 'PACK_P2_INVALID_REF' });
  await assert.rejects(recordPackRun({ ...base, entries: [...entries, entries[0]!] }), { code: 'PACK_P2_DUPLICATE_MANIFEST_PATH' });
  assert.equal((await readRoots(runsDir)).all.size, 0);
});
