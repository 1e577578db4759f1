/**
 * Packs and collectors keep out of each other's way (src/roots/packLease.ts): a collector refuses
 * while a pack holds a lease, a pack waits while a collector holds GC.lock, and a lease left by a
 * process that has ended is removed by the next collector, never obeyed.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { openCas } from '../../src/cas/index.js';
import { runGc } from '../../src/gc/index.js';
import { GC_LOCK_NAME, PACK_LEASES_DIR, addRoots, withDirLock, withPackLease } from '../../src/roots/index.js';
import { PackerError } from '../../src/util/index.js';
import { tempDir } from '../helpers/tmp.js';

async function storeWithLoose(dir: string) {
  const cas = openCas(join(dir, 'cas'));
  const runsDir = join(dir, 'runs');
  const { hash: rooted } = await cas.putBytes(Buffer.from('rooted\n'));
  const { hash: loose } = await cas.putBytes(Buffer.from('stored by a pack, not rooted yet\n'));
  await addRoots(runsDir, [rooted]);
  return { cas, runsDir, rooted, loose };
}

test('gc --apply refuses with GC_BUSY while a pack holds a lease, and deletes nothing', async (t) => {
  const { cas, runsDir, loose } = await storeWithLoose(await tempDir(t));
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  let entered!: () => void;
  const inside = new Promise<void>((r) => (entered = r));
  const pack = withPackLease(runsDir, async () => {
    entered();
    await held;
  });
  await inside;
  await assert.rejects(runGc({ cas, runsDir, apply: true, graceMs: 0 }), (err: unknown) => {
    assert.ok(err instanceof PackerError);
    assert.equal(err.code, 'GC_BUSY');
    assert.match(err.message, /not rooted yet; nothing was deleted/);
    assert.match(err.hint ?? '', new RegExp(`process ${process.pid}`));
    return true;
  });
  assert.ok((await cas.list()).includes(loose), 'the pack\'s object is still there');
  const dry = await runGc({ cas, runsDir, graceMs: 0 });
  assert.deepEqual(dry.candidate_hashes, [loose], 'a dry run still reports');
  release();
  await pack;
  assert.deepEqual(await readdir(join(runsDir, PACK_LEASES_DIR)), [], 'the lease is gone with the pack');
  const after = await runGc({ cas, runsDir, apply: true, graceMs: 0 });
  assert.deepEqual(after.deleted_hashes, [loose]);
});

test('a pack waits while a collector holds GC.lock, then goes on', async (t) => {
  const { runsDir } = await storeWithLoose(await tempDir(t));
  const order: string[] = [];
  let waited = '';
  const gc = withDirLock({ lockPath: join(runsDir, GC_LOCK_NAME), retries: 0, onBusy: () => new PackerError('GC_BUSY', ' busy') }, async () => {
    const pack = withPackLease(runsDir, async () => void order.push('pack stores'), { onWait: (holder) => (waited = holder) });
    await sleep(300);
    order.push('gc ends');
    return { pack }; // not the promise itself: the lock would wait for it, and it for the lock
  });
  await (await gc).pack;
  assert.deepEqual(order, ['gc ends', 'pack stores']);
  assert.match(waited, new RegExp(`process ${process.pid}`));
});

test('a pack gives up with GC_BUSY after its wait, naming the collector', async (t) => {
  const { runsDir } = await storeWithLoose(await tempDir(t));
  await withDirLock({ lockPath: join(runsDir, GC_LOCK_NAME), retries: 0, onBusy: () => new PackerError('GC_BUSY', ' busy') }, async () => {
    await assert.rejects(withPackLease(runsDir, async () => assert.fail('stored while a collector ran'), { waitMs: 200 }), (err: unknown) => {
      assert.ok(err instanceof PackerError);
      assert.equal(err.code, 'GC_BUSY');
      return true;
    });
  });
});

test('the lease of a pack that has ended is removed by the next collector, which then sweeps', async (t) => {
  const { cas, runsDir, loose } = await storeWithLoose(await tempDir(t));
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  const deadPid = Number(child.stdout.toString());
  const lease = join(runsDir, PACK_LEASES_DIR, 'pack-killed');
  await mkdir(lease, { recursive: true });
  const owner = { pid: deadPid, host: hostname(), boot_id: null, start: null, token: 'killed' };
  await writeFile(join(lease, 'owner.json'), JSON.stringify(owner));
  const report = await runGc({ cas, runsDir, apply: true, graceMs: 0 });
  assert.deepEqual(report.deleted_hashes, [loose]);
  assert.deepEqual(await readdir(join(runsDir, PACK_LEASES_DIR)), []);
});
