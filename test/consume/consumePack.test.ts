import assert from 'node:assert/strict';
import { mkdir, readFile, readdir, symlink, writeFile, chmod } from 'node:fs/promises';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { consumePack, openCas, type Cas } from '../../src/index.js';
import { buildManifest, encodeManifest } from '../../src/manifest/index.js';
import { canonicalJson } from '../../src/util/index.js';
import { tempDir } from '../helpers/tmp.js';

const FILES: Record<string, string> = { 'a.txt': 'alpha\n', 'dir/b.md': '# beta\n', 'dir/sub/c.json': '{}\n', 'empty': '' };

async function setup(t: TestContext) {
  const dir = await tempDir(t);
  const cas = openCas(join(dir, 'cas'));
  const entries = [];
  for (const [path, text] of Object.entries(FILES)) {
    const put = await cas.putBytes(Buffer.from(text));
    entries.push({ path, bytes: put.size, hash: put.hash });
  }
  const manifest = buildManifest({ scope: 'repo', includeDirs: ['.'], repoState: {}, entries });
  const manifestPath = join(dir, 'PACK_MANIFEST.json');
  await writeFile(manifestPath, encodeManifest(manifest));
  const ref = `sha256:${(await cas.putBytes(encodeManifest(manifest))).hash}`;
  return { dir, cas, manifest, manifestPath, ref, entries };
}

async function tree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const f of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (f.isFile()) out[join(f.parentPath, f.name).slice(dir.length + 1).split('\\').join('/')] = await readFile(join(f.parentPath, f.name), 'utf8');
  }
  return out;
}

test('consume rebuilds every file byte-exactly from a manifest file or a sha256: ref', async (t) => {
  const { dir, cas, manifestPath, ref } = await setup(t);
  const a = await consumePack({ cas, source: manifestPath, out: join(dir, 'out1') });
  const b = await consumePack({ cas, source: ref, out: join(dir, 'out2') });
  assert.deepEqual(await tree(join(dir, 'out1')), FILES);
  assert.deepEqual(await tree(join(dir, 'out2')), FILES);
  assert.equal(a.treeHash, b.treeHash);
  assert.equal(a.files, 4);
  assert.equal(a.manifestRef, ref);
});

test('dry run checks everything and writes nothing', async (t) => {
  const { dir, cas, manifestPath } = await setup(t);
  const r = await consumePack({ cas, source: manifestPath, out: join(dir, 'out'), dryRun: true });
  assert.equal(r.dryRun, true);
  assert.deepEqual((await readdir(dir)).sort(), ['PACK_MANIFEST.json', 'cas']);
});

test('an existing out folder, or a symlink as out, is refused', async (t) => {
  const { dir, cas, manifestPath } = await setup(t);
  await mkdir(join(dir, 'exists'));
  await assert.rejects(consumePack({ cas, source: manifestPath, out: join(dir, 'exists') }), { code: 'CONSUME_OUT_EXISTS' });
  await symlink(join(dir, 'elsewhere'), join(dir, 'link'));
  await assert.rejects(consumePack({ cas, source: manifestPath, out: join(dir, 'link') }), { code: 'CONSUME_OUT_EXISTS' });
  assert.deepEqual((await readdir(dir)).sort(), ['PACK_MANIFEST.json', 'cas', 'exists', 'link']);
});

async function damage(cas: Cas, hash: string, how: 'flip' | 'truncate' | 'empty' | 'delete') {
  const path = cas.path(hash);
  await chmod(path, 0o644);
  const bytes = await readFile(path);
  if (how === 'flip') bytes[0]! ^= 1;
  if (how === 'delete') return import('node:fs/promises').then((fs) => fs.unlink(path));
  await writeFile(path, how === 'flip' ? bytes : how === 'truncate' ? bytes.subarray(0, 1) : Buffer.alloc(0));
}

for (const how of ['flip', 'truncate', 'empty', 'delete'] as const) {
  test(`a ${how}d blob is detected and nothing is written`, async (t) => {
    const { dir, cas, manifestPath, entries } = await setup(t);
    await damage(cas, entries[1]!.hash, how);
    const codes = { flip: 'CAS_CORRUPT_OBJECT', truncate: 'CAS_CORRUPT_OBJECT', empty: 'CAS_CORRUPT_OBJECT', delete: 'CAS_NOT_FOUND' };
    await assert.rejects(consumePack({ cas, source: manifestPath, out: join(dir, 'out') }), { code: codes[how] });
    assert.deepEqual((await readdir(dir)).sort(), ['PACK_MANIFEST.json', 'cas']);
  });
}

test('hostile manifests get one clear error each and nothing is written', async (t) => {
  const { dir, cas, manifest } = await setup(t);
  const e0 = manifest.entries[0]!;
  const hostile: [string, unknown, string][] = [
    ['absolute', { ...e0, path: '/tmp/evil' }, 'CONSUME_UNSAFE_PATH'],
    ['dotdot', { ...e0, path: '../evil' }, 'CONSUME_UNSAFE_PATH'],
    ['backslash', { ...e0, path: 'a\\evil' }, 'CONSUME_UNSAFE_PATH'],
    ['drive', { ...e0, path: 'C:/evil' }, 'CONSUME_UNSAFE_PATH'],
    ['nul', { ...e0, path: 'a\0b' }, 'CONSUME_UNSAFE_PATH'],
    ['lying bytes', { ...e0, bytes: e0.bytes + 1 }, 'MANIFEST_INVALID'],
    ['unknown field', { ...e0, mode: 420 }, 'MANIFEST_INVALID'],
  ];
  for (const [name, bad, code] of hostile) {
    const path = join(dir, `${name}.json`);
    const entries = [bad, ...manifest.entries.slice(1)];
    await writeFile(path, canonicalJson({ ...manifest, entries }) + '\n');
    await assert.rejects(consumePack({ cas, source: path, out: join(dir, 'out') }), { code }, name);
  }
  const dup = join(dir, 'dup.json');
  await writeFile(dup, canonicalJson({ ...manifest, entries: [e0, ...manifest.entries] }) + '\n');
  await assert.rejects(consumePack({ cas, source: dup, out: join(dir, 'out') }), { code: 'CONSUME_UNSAFE_PATH' });
  const pretty = join(dir, 'pretty.json');
  await writeFile(pretty, JSON.stringify(manifest, null, 2));
  await assert.rejects(consumePack({ cas, source: pretty, out: join(dir, 'out') }), { code: 'MANIFEST_INVALID' });
  assert.ok(!(await readdir(dir)).includes('out'));
});
