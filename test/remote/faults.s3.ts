/**
 * Faults mid-upload (a 5xx, a reset connection, a request that never answers): the push fails
 * with one coded error, the remote holds no root naming a missing object (objects first, roots
 * last), and a rerun over a healthy connection completes.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { openCas } from '../../src/cas/index.js';
import { openRemote, pushRun, readRemoteLedger } from '../../src/remote/index.js';
import { readRemoteRoots } from '../../src/remote/remoteRoots.js';
import { isPackerError } from '../../src/util/index.js';
import { tempDir } from '../helpers/tmp.js';
import { startFaultProxy, type Fault } from './faultProxy.js';
import { cli, freshRemote, makeTree, s3Env } from './s3Kit.js';

const CASES: { fault: Fault; code: string }[] = [
  { fault: '503', code: 'REMOTE_ERROR' },
  { fault: 'reset', code: 'REMOTE_UNREACHABLE' },
  { fault: 'hang', code: 'REMOTE_UNREACHABLE' },
];

for (const { fault, code } of CASES) {
  test(`a ${fault} mid-upload leaves no root naming a missing object, and a rerun completes`, async (t) => {
    const dir = await tempDir(t);
    const { url } = await freshRemote();
    await makeTree(join(dir, 'tree'), `fault-${fault}`, 20);
    const casRoot = join(dir, 'cas');
    const pack = await cli(['pack', 'tree', '--json', '--quiet', '--cas-root', casRoot, '--runs-dir', join(dir, 'runs')], dir);
    assert.equal(pack.code, 0, pack.stderr);
    const statusRef = (JSON.parse(pack.stdout) as { refs: { statusRef: string } }).refs.statusRef;
    const endpoint = s3Env().AWS_ENDPOINT_URL as string;

    const proxy = await startFaultProxy(endpoint, fault, 5);
    const broken = await openRemote({ url, endpoint: proxy.url, requestTimeoutMs: 1500, maxAttempts: 2 });
    const err = await pushRun({ cas: openCas(casRoot), remote: broken, statusRef, concurrency: 2 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    broken.close();
    await proxy.close();
    assert.ok(isPackerError(err), String(err));
    assert.equal(err.code, code, err.message);
    assert.ok(proxy.uploads() > 5, 'the fault struck mid-upload');

    const direct = await openRemote({ url, endpoint });
    try {
      const roots = await readRemoteRoots(direct);
      for (const h of roots) assert.ok(await direct.hasObject(h), `root ${h} names a missing object`);
      assert.deepEqual(await readRemoteLedger(direct), []);
      const rerun = await pushRun({ cas: openCas(casRoot), remote: direct, statusRef });
      assert.ok(rerun.skipped >= 5, 'what went up before the fault is not sent again');
      const after = await readRemoteRoots(direct);
      for (const h of after) assert.ok(await direct.hasObject(h));
      assert.equal((await readRemoteLedger(direct)).length, 1);
    } finally {
      direct.close();
    }
  });
}
