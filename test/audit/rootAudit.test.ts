import assert from 'node:assert/strict';
import { chmod, readFile, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { AUDIT_EMPTY_ROOTS_ERROR, rootAudit, type AuditReceipt } from '../../src/audit/index.js';
import { openCas, type Cas } from '../../src/cas/index.js';
import { putOutputHashes } from '../../src/records/index.js';
import { addRoots } from '../../src/roots/index.js';
import { sha256Hex } from '../../src/util/index.js';
import { tempDir } from '../helpers/tmp.js';

interface Fixture {
  root: string;
  cas: Cas;
  runsDir: string;
  /** Three payload objects, sorted by hash. */
  payloads: [string, string, string];
}

async function fixture(t: TestContext): Promise<Fixture> {
  const root = await tempDir(t);
  const cas = openCas(join(root, 'store', 'cas'));
  const payloads = [];
  for (const text of ['one\n', 'two\n', 'three\n']) payloads.push((await cas.putBytes(Buffer.from(text))).hash);
  return { root, cas, runsDir: join(root, 'store', 'runs'), payloads: payloads.sort() as [string, string, string] };
}

function snapshotOf(hashes: string[]): string {
  return sha256Hex([...hashes].sort().join('\n'));
}

/** Every file under `dir` with its bytes and mtime, to prove the audit wrote nothing. */
async function treeState(dir: string): Promise<string[]> {
  const names = (await readdir(dir, { recursive: true })).map(String).sort();
  const out: string[] = [];
  for (const name of names) {
    const path = join(dir, name);
    const st = await stat(path);
    out.push(`${name} ${st.mtimeMs} ${st.isFile() ? sha256Hex(await readFile(path)) : 'dir'}`);
  }
  return out;
}

test('Mode A passes with readable, non-empty roots; the receipt is exact and deterministic', async (t) => {
  const { root, cas, runsDir, payloads } = await fixture(t);
  await addRoots(runsDir, [payloads[0]]);
  const receipt = await rootAudit({ cas, runsDir, root });
  const expected: AuditReceipt = {
    mode: 'audit',
    root_sources: [
      { name: 'RUN_ROOTS', path: 'store/runs/RUN_ROOTS.json', exists: true, content_hash: sha256Hex(await readFile(join(runsDir, 'RUN_ROOTS.json'))) },
      { name: 'GC_PINS', path: 'store/runs/GC_PINS.json', exists: false, content_hash: null },
    ],
    roots_count: 1,
    reachable_hashes_count: 1,
    required_check: { enabled: false, output_hashes_record: null },
    required_total: 0,
    required_missing: [],
    required_unreachable: [],
    errors: [],
    cas_snapshot_hash: snapshotOf(payloads),
    verdict: 'PASS',
  };
  assert.deepEqual(receipt, expected);
  assert.deepEqual(await rootAudit({ cas, runsDir, root }), receipt);
});

test('zero roots fail with the POLICY_LOCK error', async (t) => {
  const { root, cas, runsDir } = await fixture(t);
  const receipt = await rootAudit({ cas, runsDir, root });
  assert.deepEqual(receipt.errors, ['POLICY_LOCK: Empty roots detected. Audit requires at least one root.']);
  assert.equal(AUDIT_EMPTY_ROOTS_ERROR, receipt.errors[0]);
  assert.equal(receipt.roots_count, 0);
  assert.equal(receipt.verdict, 'FAIL');
});

test('a malformed roots file fails the audit with its exact error', async (t) => {
  const cases: [string, string][] = [
    ['not json', 'ROOTS_INVALID: RUN_ROOTS.json is not valid JSON'],
    ['"just a string"', 'ROOTS_INVALID: RUN_ROOTS.json is not a JSON list'],
    ['[null]', 'ROOTS_INVALID: RUN_ROOTS.json item 0 is not a string: null'],
    ['["abc"]', 'ROOTS_INVALID: RUN_ROOTS.json item 0 is not a bare sha256 hash: "abc"'],
  ];
  for (const [text, error] of cases) {
    const { root, cas, runsDir, payloads } = await fixture(t);
    await addRoots(runsDir, payloads, { name: 'GC_PINS' });
    await writeFile(join(runsDir, 'RUN_ROOTS.json'), text);
    const receipt = await rootAudit({ cas, runsDir, root });
    assert.deepEqual(receipt.errors, [error], text);
    assert.equal(receipt.verdict, 'FAIL');
    assert.deepEqual(receipt.root_sources[0], {
      name: 'RUN_ROOTS',
      path: 'store/runs/RUN_ROOTS.json',
      exists: true,
      content_hash: sha256Hex(text),
    });
  }
});

test('Mode B passes when every listed hash is stored and rooted (duplicates counted once)', async (t) => {
  const { root, cas, runsDir, payloads } = await fixture(t);
  const record = await putOutputHashes(cas, [payloads[1], payloads[0], payloads[1]]);
  await addRoots(runsDir, [payloads[0], payloads[1], record]);
  const receipt = await rootAudit({ cas, runsDir, root, outputHashesRef: record });
  assert.deepEqual(receipt.required_check, { enabled: true, output_hashes_record: record });
  assert.equal(receipt.required_total, 2);
  assert.deepEqual(receipt.required_missing, []);
  assert.deepEqual(receipt.required_unreachable, []);
  assert.equal('required_corrupt' in receipt, false);
  assert.equal(receipt.cas_snapshot_hash, snapshotOf([...payloads, record]));
  assert.equal(receipt.verdict, 'PASS');
});

test('Mode B: a required object that is not rooted is listed and fails', async (t) => {
  const { root, cas, runsDir, payloads } = await fixture(t);
  const record = await putOutputHashes(cas, payloads);
  await addRoots(runsDir, [payloads[0], payloads[2], record]);
  const receipt = await rootAudit({ cas, runsDir, root, outputHashesRef: record });
  assert.deepEqual(receipt.required_unreachable, [payloads[1]]);
  assert.deepEqual(receipt.required_missing, []);
  assert.deepEqual(receipt.errors, []);
  assert.equal(receipt.verdict, 'FAIL');
});

test('Mode B: a required object missing from the store is listed and fails', async (t) => {
  const { root, cas, runsDir, payloads } = await fixture(t);
  const absent = sha256Hex('never stored');
  const record = await putOutputHashes(cas, [payloads[0], absent]);
  await addRoots(runsDir, [payloads[0], absent, record]);
  const receipt = await rootAudit({ cas, runsDir, root, outputHashesRef: record });
  assert.deepEqual(receipt.required_missing, [absent]);
  assert.deepEqual(receipt.required_unreachable, []);
  assert.equal(receipt.verdict, 'FAIL');
});

test('Mode B with --full: a corrupt required object is listed in required_corrupt and fails', async (t) => {
  const { root, cas, runsDir, payloads } = await fixture(t);
  const record = await putOutputHashes(cas, payloads);
  await addRoots(runsDir, [...payloads, record]);
  const damaged = cas.path(payloads[2]);
  await chmod(damaged, 0o644);
  await writeFile(damaged, 'tampered\n');

  const quick = await rootAudit({ cas, runsDir, root, outputHashesRef: record });
  assert.equal(quick.verdict, 'PASS', 'without --full the bytes are not read');
  const full = await rootAudit({ cas, runsDir, root, outputHashesRef: record, full: true });
  assert.deepEqual(full.required_corrupt, [payloads[2]]);
  assert.deepEqual(full.required_missing, []);
  assert.equal(full.verdict, 'FAIL');
});

test('Mode B: an OUTPUT_HASHES record that cannot be loaded is an audit error, not a throw', async (t) => {
  const { root, cas, runsDir, payloads } = await fixture(t);
  await addRoots(runsDir, payloads);
  const absent = sha256Hex('no such record');
  await addRoots(runsDir, [absent]);
  const missing = await rootAudit({ cas, runsDir, root, outputHashesRef: absent });
  assert.deepEqual(missing.errors, [`CAS_NOT_FOUND: object ${absent} is not in the store`]);
  assert.equal(missing.verdict, 'FAIL');

  const notAList = (await cas.putBytes(Buffer.from('{"a":1}'))).hash;
  await addRoots(runsDir, [notAList]);
  const wrong = await rootAudit({ cas, runsDir, root, outputHashesRef: notAList });
  assert.deepEqual(wrong.errors, ['RECORD_INVALID: OUTPUT_HASHES must be a JSON array']);
  assert.equal(wrong.verdict, 'FAIL');

  const bad = await rootAudit({ cas, runsDir, root, outputHashesRef: 'nope' });
  assert.deepEqual(bad.errors, [
    'AUDIT_FAIL: the OUTPUT_HASHES record nope is not rooted',
    'INVALID_REFERENCE: "nope" is not a record ref of 64 lowercase hex characters',
  ]);
  assert.equal(bad.verdict, 'FAIL');
});

test('Mode B vouches for a record only if the record itself is rooted', async (t) => {
  const { root, cas, runsDir, payloads } = await fixture(t);
  const record = await putOutputHashes(cas, payloads);
  await addRoots(runsDir, payloads);
  const receipt = await rootAudit({ cas, runsDir, root, outputHashesRef: record });
  assert.deepEqual(receipt.errors, [`AUDIT_FAIL: the OUTPUT_HASHES record ${record} is not rooted`]);
  assert.equal(receipt.verdict, 'FAIL');
});

test('--full rehashes every rooted object in Mode A too', async (t) => {
  const { root, cas, runsDir, payloads } = await fixture(t);
  await addRoots(runsDir, payloads);
  const damaged = cas.path(payloads[1]);
  await chmod(damaged, 0o644);
  await writeFile(damaged, 'tampered\n');
  assert.equal((await rootAudit({ cas, runsDir, root })).verdict, 'PASS', 'without --full the bytes are not read');
  const full = await rootAudit({ cas, runsDir, root, full: true });
  assert.deepEqual(full.rooted_corrupt, [payloads[1]]);
  assert.equal(full.verdict, 'FAIL');
});

test('--full fails on a rooted object that is gone from the store, in Mode A too', async (t) => {
  const { root, cas, runsDir, payloads } = await fixture(t);
  await addRoots(runsDir, payloads);
  await rm(cas.path(payloads[0]), { force: true });
  assert.equal((await rootAudit({ cas, runsDir, root })).verdict, 'PASS', 'Mode A without --full checks only the roots files');
  const full = await rootAudit({ cas, runsDir, root, full: true });
  assert.deepEqual(full.rooted_missing, [payloads[0]]);
  assert.deepEqual(full.rooted_corrupt, []);
  assert.equal(full.verdict, 'FAIL');
});

test('the audit only reads: store and runs dir are byte-identical before and after', async (t) => {
  const { root, cas, runsDir, payloads } = await fixture(t);
  const record = await putOutputHashes(cas, payloads);
  await addRoots(runsDir, payloads.slice(1));
  const before = { cas: await treeState(cas.root), runs: await treeState(runsDir) };
  await rootAudit({ cas, runsDir, root, outputHashesRef: record, full: true });
  await rootAudit({ cas, runsDir, root });
  assert.deepEqual({ cas: await treeState(cas.root), runs: await treeState(runsDir) }, before);
});

test('an unreadable roots file is an audit error, and both sources are still listed', { skip: process.platform === 'win32' }, async (t) => {
  const { root, cas, runsDir, payloads } = await fixture(t);
  await addRoots(runsDir, payloads, { name: 'GC_PINS' });
  await symlink('RUN_ROOTS.json', join(runsDir, 'RUN_ROOTS.json')); // a loop: reading it fails with ELOOP
  const receipt = await rootAudit({ cas, runsDir, root });
  assert.equal(receipt.errors.length, 1);
  assert.match(receipt.errors[0]!, /^IO_ERROR: ELOOP/);
  assert.deepEqual(receipt.root_sources.map((s) => [s.name, s.exists, s.content_hash === null]), [
    ['RUN_ROOTS', true, true],
    ['GC_PINS', true, false],
  ]);
  assert.equal(receipt.verdict, 'FAIL');
});
