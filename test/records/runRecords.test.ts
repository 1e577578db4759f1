import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { openCas, type Cas } from '../../src/cas/index.js';
import {
  loadOutputHashes,
  loadStatus,
  loadTaskSpec,
  putOutputHashes,
  putStatus,
  putTaskSpec,
  type TaskSpec,
} from '../../src/records/index.js';
import { damageObject } from '../fixtures/damageObject.js';
import { tempDir } from '../helpers/tmp.js';

// docs/FORMATS.md §11, by hand.
const TASK_SPEC: TaskSpec = {
  excluded_dir_parts: ['.git', 'BUILD', 'LAB', 'ORIGINAL', 'Original', 'RESEARCH', '__pycache__', '_generated', '_packs', '_runs', 'node_modules', 'research'],
  grammar_version: '1.0',
  include_dirs: ['LAW', 'CAPABILITY', 'NAVIGATION', 'DIRECTION', 'THOUGHT', 'MEMORY', '.github'],
  manifest_version: 'P2.0',
  modes: ['FULL', 'SPLIT', 'LITE'],
  repo_state: {},
  scope: 'ags',
};
const TASK_SPEC_REF = '8058b24d1847d781af7e7daafbc8d0475648ee6dfd61442687a8ee3855851f5e';
const STATUS = {
  cas_snapshot_hash: 'a81bc627fe7e128c87f3d563953eccac1489a602117a5e120ce672f36b4a16b5',
  manifest_ref: 'sha256:0ae64388e2899839262d58be9fb89424a25c01b99b465cf1968baf74ba2dab76',
  output_hashes_ref: '52696f9a07e98b391d2e585f7239e99a0637b5a60269e586b7d449ff9cb9c3ac',
  state: 'COMPLETED',
  task_spec_ref: TASK_SPEC_REF,
  verdict: 'PASS',
};
const STATUS_REF = '612d2de42fd697ca6088eee2452ccef0d90c2d869fab20116c182296f446182e';
const H1 = 'a'.repeat(64);
const H2 = 'b'.repeat(64);

async function store(t: TestContext): Promise<Cas> {
  return openCas(join(await tempDir(t), 'store'));
}

/** Put raw bytes (as a buggy or foreign writer would) and return the bare ref. */
async function putRaw(cas: Cas, text: string | Buffer): Promise<string> {
  return (await cas.putBytes(typeof text === 'string' ? Buffer.from(text, 'utf8') : text)).hash;
}

test('the TASK_SPEC of docs/FORMATS.md §11 gets ref 8058b24d… and loads back', async (t) => {
  const cas = await store(t);
  const ref = await putTaskSpec(cas, TASK_SPEC);
  assert.equal(ref, TASK_SPEC_REF);
  assert.equal((await cas.get(ref)).toString('utf8').endsWith('"scope":"ags"}'), true, 'no trailing newline');
  assert.deepEqual(await loadTaskSpec(cas, ref), TASK_SPEC);
});

test('the STATUS of docs/FORMATS.md §11 gets ref 612d2de4… and loads back', async (t) => {
  const cas = await store(t);
  const ref = await putStatus(cas, { ...STATUS });
  assert.equal(ref, STATUS_REF);
  assert.deepEqual(await loadStatus(cas, ref), STATUS);
  assert.deepEqual(await loadStatus(cas, await putStatus(cas, { state: 'FAILED' })), { state: 'FAILED' });
});

test('OUTPUT_HASHES keeps order and duplicates, byte for byte', async (t) => {
  const cas = await store(t);
  const hashes = [H2, H1, H2, H2, H1];
  const ref = await putOutputHashes(cas, hashes);
  assert.equal((await cas.get(ref)).toString('utf8'), JSON.stringify(hashes));
  assert.deepEqual(await loadOutputHashes(cas, ref), hashes);
  assert.deepEqual(await loadOutputHashes(cas, await putOutputHashes(cas, [])), []);
});

test('writers refuse what loaders would refuse', async (t) => {
  const cas = await store(t);
  await assert.rejects(putTaskSpec(cas, {}), { code: 'RECORD_INVALID' });
  await assert.rejects(putTaskSpec(cas, [] as unknown as TaskSpec), { code: 'RECORD_INVALID' });
  await assert.rejects(putTaskSpec(cas, { ratio: 0.5 }), { code: 'CANONICAL_JSON_UNSUPPORTED' });
  await assert.rejects(putStatus(cas, { verdict: 'PASS' } as never), { code: 'RECORD_INVALID' });
  await assert.rejects(putStatus(cas, { state: 1 } as never), { code: 'RECORD_INVALID' });
  await assert.rejects(putOutputHashes(cas, [H1, `sha256:${H2}`]), { code: 'RECORD_INVALID' });
  await assert.rejects(putOutputHashes(cas, [H1.toUpperCase()]), { code: 'RECORD_INVALID' });
  assert.deepEqual(await cas.list(), [], 'nothing was stored');
});

test('loaders refuse the wrong JSON type with RECORD_INVALID', async (t) => {
  const cas = await store(t);
  for (const text of ['[]', '"x"', '1', 'null', '{}']) {
    await assert.rejects(loadTaskSpec(cas, await putRaw(cas, text)), { code: 'RECORD_INVALID' }, `TASK_SPEC ${text}`);
  }
  for (const text of ['{}', '[]', '{"State":"COMPLETED"}', '{"state":1}', '{"state":null}', '{"state":["COMPLETED"]}', '"COMPLETED"']) {
    await assert.rejects(loadStatus(cas, await putRaw(cas, text)), { code: 'RECORD_INVALID' }, `STATUS ${text}`);
  }
  const badHashes = [
    `{"0":"${H1}"}`,
    `"${H1}"`,
    `["${H1}",1]`,
    `["${H1}","sha256:${H2}"]`,
    `["${H1.toUpperCase()}"]`,
    `["${H1.slice(1)}"]`,
    `[null]`,
    `[["${H1}"]]`,
  ];
  for (const text of badHashes) {
    await assert.rejects(loadOutputHashes(cas, await putRaw(cas, text)), { code: 'RECORD_INVALID' }, `OUTPUT_HASHES ${text}`);
  }
});

test('loaders refuse bytes that are not UTF-8 JSON with RECORD_DECODE', async (t) => {
  const cas = await store(t);
  const undecodable = ['', '{"state":', '{state:"x"}', '{"state":"x"} trailing', Buffer.from([0x7b, 0xff, 0x7d]), Buffer.from('{"state":"\xe9"}', 'latin1')];
  for (const raw of undecodable) {
    const ref = await putRaw(cas, raw);
    for (const load of [loadTaskSpec, loadStatus, loadOutputHashes]) {
      await assert.rejects(load(cas, ref), { code: 'RECORD_DECODE' }, `${load.name} ${JSON.stringify(raw)}`);
    }
  }
});

test('loaders refuse a missing object, a corrupt one and a malformed ref', async (t) => {
  const cas = await store(t);
  for (const load of [loadTaskSpec, loadStatus, loadOutputHashes]) {
    await assert.rejects(load(cas, H1), { code: 'CAS_NOT_FOUND' });
    await assert.rejects(load(cas, `sha256:${H1}`), { code: 'INVALID_REFERENCE' });
    await assert.rejects(load(cas, H1.toUpperCase()), { code: 'INVALID_REFERENCE' });
  }
  const refs = [await putTaskSpec(cas, TASK_SPEC), await putStatus(cas, STATUS), await putOutputHashes(cas, [H1, H1])];
  for (const ref of refs) await damageObject(cas.path(ref), 'flip');
  await assert.rejects(loadTaskSpec(cas, refs[0]!), { code: 'CAS_CORRUPT_OBJECT' });
  await assert.rejects(loadStatus(cas, refs[1]!), { code: 'CAS_CORRUPT_OBJECT' });
  await assert.rejects(loadOutputHashes(cas, refs[2]!), { code: 'CAS_CORRUPT_OBJECT' });
});
