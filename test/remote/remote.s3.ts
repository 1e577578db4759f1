/**
 * The team store through the built CLI against a real S3 server (radosgw): pack on one machine
 * (a local store), consume, pull and verify on another (an empty local store) by the ref alone; what
 * the remote already has is not sent again; damage on the remote never reaches an output; wrong
 * credentials and a missing bucket are one line each; GC keeps what is rooted and honours leases.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { join } from 'node:path';
import { test } from 'node:test';
import { objectRelPath } from '../../src/cas/index.js';
import { tempDir } from '../helpers/tmp.js';
import { cli, freshRemote, makeTree, putRaw, s3Client, treeBytes } from './s3Kit.js';

async function packed(t: Parameters<typeof tempDir>[0]) {
  const dir = await tempDir(t);
  const { url, bucket } = await freshRemote();
  await makeTree(join(dir, 'tree'), 'alpha');
  const store = (name: string) => ['--cas-root', join(dir, name, 'cas'), '--runs-dir', join(dir, name, 'runs')];
  const pack = await cli(['pack', 'tree', '--remote', url, '--out-dir', 'out', '--json', '--quiet', ...store('laptop')], dir);
  assert.equal(pack.code, 0, pack.stderr);
  const summary = JSON.parse(pack.stdout) as { refs: { manifestRef: string; statusRef: string; outputHashesRef: string }; remote: { transferred: number } };
  return { dir, url, bucket, store, summary };
}

test('a pack pushed from one store is consumed byte-exactly from an empty one, by its ref alone', async (t) => {
  const { dir, url, store, summary } = await packed(t);
  assert.ok(summary.remote.transferred > 0);
  const consume = await cli(['consume', summary.refs.manifestRef, '--remote', url, '--out', 'rebuilt', ...store('agent')], dir);
  assert.equal(consume.code, 0, consume.stderr);
  assert.deepEqual(await treeBytes(join(dir, 'rebuilt')), await treeBytes(join(dir, 'tree')));

  const runs = await cli(['runs', 'list', '--remote', url, '--json'], dir);
  assert.equal(runs.code, 0, runs.stderr);
  const entry = (JSON.parse(runs.stdout) as { statusRef: string; sealRef?: string; createdAt?: string }[])[0];
  assert.equal(entry?.statusRef, summary.refs.statusRef);
  assert.ok(entry?.createdAt, 'the remote ledger records when the run happened');
  assert.ok(entry?.sealRef, 'the remote ledger records the pack\'s seal');
  const seal = await cli(['cas', 'has', entry.sealRef, '--remote', url, ...store('agent')], dir);
  assert.equal(seal.code, 0, 'the seal went up with the run');

  const audit = await cli(['audit', '--remote', url, '--output-hashes', summary.refs.outputHashesRef, '--full', ...store('agent')], dir);
  assert.equal(audit.code, 0, audit.stdout + audit.stderr);
  assert.match(audit.stdout, /PASS/);

  // The pack itself, by the same ref: pulled, then verified against the remote.
  const pull = await cli(['pull', summary.refs.manifestRef, '--remote', url, '--out', 'pack', ...store('agent')], dir);
  assert.equal(pull.code, 0, pull.stderr);
  const sealed = async (pack: string) => {
    const files = await treeBytes(join(dir, pack));
    files.delete('STORE.json'); // where this machine's store is: outside the seal
    return files;
  };
  assert.deepEqual(await sealed('pack'), await sealed('out'), 'the pack rebuilt file by file');
  const alone = await cli(['verify', 'pack', ...store('agent')], dir);
  assert.equal(alone.code, 2, 'without the remote, its ledger, roots and audit are not checked');
  assert.match(alone.stdout, /not checked ledger: no runs dir \(pass --runs-dir, or --remote/);
  const verify = await cli(['verify', 'pack', '--remote', url], dir);
  assert.equal(verify.code, 0, verify.stdout + verify.stderr);
  assert.match(verify.stdout, new RegExp(`ok   roots: \\d+ hashes rooted on ${url}`));
  assert.match(verify.stdout, /ok   ledger: .*in the ledger of s3:/);
});

test('a second push of the same run sends nothing; pull brings a whole run into an empty store', async (t) => {
  const { dir, url, store, summary } = await packed(t);
  const again = await cli(['push', 'out', '--remote', url, '--json', ...store('laptop')], dir);
  assert.equal(again.code, 0, again.stderr);
  const report = JSON.parse(again.stdout) as { transferred: number; skipped: number };
  assert.equal(report.transferred, 0);
  assert.ok(report.skipped > 0);
  const pull = await cli(['pull', summary.refs.statusRef, '--remote', url, '--json', ...store('ci')], dir);
  assert.equal(pull.code, 0, pull.stderr);
  assert.equal((JSON.parse(pull.stdout) as { kind: string }).kind, 'run');
  const has = await cli(['cas', 'has', summary.refs.manifestRef, ...store('ci')], dir);
  assert.equal(has.code, 0);
});

test('a corrupt or truncated remote object is caught on download and never reaches the output', async (t) => {
  const { dir, url, bucket, store, summary } = await packed(t);
  const manifest = await cli(['cas', 'get', summary.refs.manifestRef, ...store('laptop')], dir);
  const entry = (JSON.parse(manifest.stdout) as { entries: { ref: string }[] }).entries[0]!;
  const hash = entry.ref.slice('sha256:'.length);
  for (const [label, bytes] of [['flipped', 'not the bytes you want\n'], ['truncated', '']] as const) {
    await putRaw(bucket, `team/cas/${objectRelPath(hash)}`, bytes);
    const out = join(dir, `rebuilt-${label}`);
    const consume = await cli(['consume', summary.refs.manifestRef, '--remote', url, '--out', out, ...store(`agent-${label}`)], dir);
    assert.equal(consume.code, 1, `${label}: ${consume.stderr}`);
    assert.match(consume.stderr, /^CAS_CORRUPT_OBJECT:/);
    assert.equal(consume.stderr.trim().split('\n').length, 1);
    assert.equal(existsSync(out), false);
    assert.equal(existsSync(join(dir, `agent-${label}`, 'cas', objectRelPath(hash))), false, 'never stored locally');
  }
  const audit = await cli(['audit', '--remote', url, '--full', ...store('agent')], dir);
  assert.equal(audit.code, 1);
  assert.match(audit.stdout, new RegExp(`corrupt: ${hash}`));
  // The packing machine's intact copy does not hide the remote's damage from verify --remote.
  const verify = await cli(['verify', 'out', '--remote', url, ...store('laptop')], dir);
  assert.equal(verify.code, 1, verify.stdout + verify.stderr);
  assert.match(verify.stdout, new RegExp(`FAIL audit: .*\\n\\s+corrupt ${hash}`));
});

test('wrong credentials and a missing bucket: one clear line each, exit 2', async (t) => {
  const dir = await tempDir(t);
  const { url } = await freshRemote();
  const denied = await cli(['runs', 'list', '--remote', url], dir, { AWS_SECRET_ACCESS_KEY: 'wrong-secret' });
  assert.equal(denied.code, 2);
  assert.match(denied.stderr, /^REMOTE_AUTH: /);
  assert.equal(denied.stderr.trim().split('\n').length, 1);
  const missing = await cli(['gc', '--remote', 's3://llmp-no-such-bucket/x'], dir);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /^REMOTE_NO_BUCKET: .*llmp-no-such-bucket/);
  assert.equal(missing.stderr.trim().split('\n').length, 1);
  const bad = await cli(['gc', '--remote', 'http://x'], dir);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^USAGE: /);
});

test('remote gc: Policy B, grace, and a live pack lease keeps a collection away', async (t) => {
  const { dir, url, bucket, store, summary } = await packed(t);
  // An unrooted object, and an empty store's refusal.
  const orphan = join(dir, 'orphan.txt');
  await writeFile(orphan, 'orphan\n');
  const put = await cli(['cas', 'put', orphan, '--remote', url, ...store('laptop')], dir);
  assert.equal(put.code, 0, put.stderr);
  const orphanHash = put.stdout.trim().slice('sha256:'.length);

  const graced = await cli(['gc', '--remote', url, '--apply', '--json'], dir);
  assert.equal(graced.code, 0, graced.stderr);
  assert.deepEqual((JSON.parse(graced.stdout) as { deletedHashes: string[] }).deletedHashes, []);

  await putRaw(bucket, 'team/runs/locks/pack-0000000000000000.lease', '{"kind":"pack"}');
  const busy = await cli(['gc', '--remote', url, '--apply', '--grace', '0'], dir);
  assert.equal(busy.code, 1);
  assert.match(busy.stderr, /^REMOTE_BUSY: .*pack-0000000000000000\.lease is live/);

  await s3Client().send(new DeleteObjectCommand({ Bucket: bucket, Key: 'team/runs/locks/pack-0000000000000000.lease' }));
  const swept = await cli(['gc', '--remote', url, '--apply', '--grace', '0', '--json'], dir);
  assert.equal(swept.code, 0, swept.stderr);
  assert.deepEqual((JSON.parse(swept.stdout) as { deletedHashes: string[] }).deletedHashes, [orphanHash]);
  const audit = await cli(['audit', '--remote', url, '--output-hashes', summary.refs.outputHashesRef, ...store('x')], dir);
  assert.equal(audit.code, 0, audit.stdout);
});
