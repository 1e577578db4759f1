/**
 * `pack --remote` killed with SIGKILL at random moments (at least 20 times): after every kill the
 * remote holds no root naming a missing object and no ledger entry naming a missing seal or pack
 * file, and at the end a rerun succeeds, its files consume byte-exactly from an empty store and
 * its pack, pulled there by the same ref, verifies against the remote.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { openRemote } from '../../src/remote/index.js';
import { ledgerLive } from '../../src/remote/ledgerLive.js';
import { readRemoteLedger } from '../../src/remote/remoteLedger.js';
import { readRemoteRoots } from '../../src/remote/remoteRoots.js';
import { BIN } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { cli, freshRemote, makeTree, s3Env, treeBytes } from './s3Kit.js';

const KILLS = 20;

function killAfter(argv: string[], cwd: string, ms: number): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...argv], { cwd, env: { ...process.env, ...s3Env() }, stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

test(`pack --remote killed ${KILLS} times at random moments never leaves a root naming a missing object`, async (t) => {
  const dir = await tempDir(t);
  const { url } = await freshRemote();
  const endpoint = s3Env().AWS_ENDPOINT_URL as string;
  const remote = await openRemote({ url, endpoint });
  t.after(() => remote.close());
  const argv = (round: number) => {
    const tree = join(dir, `tree${round % 4}`);
    return ['pack', tree, '--remote', url, '--quiet', '--cas-root', join(dir, 'cas'), '--runs-dir', join(dir, 'runs'), '--out-dir', join(dir, `out${round % 4}`)];
  };
  for (let i = 0; i < 4; i++) await makeTree(join(dir, `tree${i}`), `kill-${i}`, 40);

  const started = Date.now();
  const baseline = await cli(argv(0), dir);
  assert.equal(baseline.code, 0, baseline.stderr);
  const span = Math.max(1000, (Date.now() - started) * 1.2);

  let completed = 0;
  for (let k = 0; k < KILLS; k++) {
    const code = await killAfter(argv(k + 1), dir, Math.floor(Math.random() * span));
    if (code === 0) completed++;
    const roots = await readRemoteRoots(remote);
    for (const h of roots) assert.ok(await remote.hasObject(h), `after kill ${k}: root ${h} names a missing object`);
    for (const e of await readRemoteLedger(remote)) {
      if (e.seal_ref) assert.ok(await remote.hasObject(e.seal_ref), `after kill ${k}: the ledger names a missing seal ${e.seal_ref}`);
    }
    for (const h of await ledgerLive(remote)) assert.ok(await remote.hasObject(h), `after kill ${k}: a pack file ${h} the ledger keeps is missing`);
  }
  t.diagnostic(`${KILLS} kills over ${Math.round(span)} ms; ${completed} runs finished before their kill`);
  for (let i = 0; i < 4; i++) {
    const rerun = await cli([...argv(i), '--json'], dir);
    assert.equal(rerun.code, 0, rerun.stderr);
    const ref = (JSON.parse(rerun.stdout) as { refs: { manifestRef: string } }).refs.manifestRef;
    const out = join(dir, `rebuilt${i}`);
    const consume = await cli(['consume', ref, '--remote', url, '--out', out, '--cas-root', join(dir, 'empty-cas'), '--runs-dir', join(dir, 'empty-runs')], dir);
    assert.equal(consume.code, 0, consume.stderr);
    assert.deepEqual(await treeBytes(out), await treeBytes(join(dir, `tree${i}`)));
  }
  const last = await cli([...argv(3), '--json'], dir);
  const ref = (JSON.parse(last.stdout) as { refs: { manifestRef: string } }).refs.manifestRef;
  const pack = join(dir, 'pulled');
  const empty = ['--cas-root', join(dir, 'empty-cas'), '--runs-dir', join(dir, 'empty-runs')];
  const pull = await cli(['pull', ref, '--remote', url, '--out', pack, ...empty], dir);
  assert.equal(pull.code, 0, pull.stderr);
  const verify = await cli(['verify', pack, '--remote', url, ...empty], dir);
  assert.equal(verify.code, 0, verify.stdout + verify.stderr);
});
