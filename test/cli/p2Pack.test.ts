/**
 * Issue 5 end to end, through the built CLI: docs/FORMATS.md §11 reproduced by `pack`, identical refs on a
 * second run, consume byte-exact, verify passing then failing on a flipped object byte, and two
 * packs sharing one store surviving `gc --apply --grace 0`.
 */
import assert from 'node:assert/strict';
import { chmod, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { objectPath } from '../../src/cas/index.js';
import { P2_EXAMPLE_FILES, P2_EXPECTED, writeP2Example } from '../fixtures/p2Example.js';
import { runBuilt } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

interface Summary {
  outDir: string;
  refs: { manifestRef: string; taskSpecRef: string; outputHashesRef: string; statusRef: string; verdict: string };
}

async function pack(dir: string, root: string, out: string, extra: string[] = []): Promise<Summary> {
  const r = await runBuilt(['pack', root, '--out-dir', out, '--json', '--quiet', ...extra], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as Summary;
}

async function treeBytes(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) out[join(e.parentPath, e.name).slice(dir.length + 1).split('\\').join('/')] = (await readFile(join(e.parentPath, e.name))).toString('base64');
  }
  return out;
}

test('pack reproduces docs/FORMATS.md §11; a second pack gives the same refs; consume and verify agree', async (t) => {
  const dir = await tempDir(t);
  const root = join(dir, 'tree');
  await writeP2Example(root);
  const a = await pack(dir, 'tree', 'out-a');
  const runs = join(root, 'CAPABILITY', 'RUNS');
  const { sha256Hex } = await import('../../src/util/index.js');
  assert.equal(sha256Hex(await readFile(join(dir, 'out-a', 'LITE', 'PACK_MANIFEST.json'))), P2_EXPECTED.manifestSha256);
  assert.equal(sha256Hex(await readFile(join(dir, 'out-a', 'LITE', 'RUN_REFS.json'))), P2_EXPECTED.runRefsSha256);
  assert.equal(sha256Hex(await readFile(join(runs, 'RUN_ROOTS.json'))), P2_EXPECTED.runRootsSha256);
  assert.deepEqual(
    [a.refs.taskSpecRef, a.refs.outputHashesRef, a.refs.statusRef, a.refs.verdict],
    [P2_EXPECTED.taskSpecRef, P2_EXPECTED.outputHashesRef, P2_EXPECTED.statusRef, 'PASS'],
  );

  const b = await pack(dir, 'tree', 'out-b');
  assert.deepEqual(b.refs, a.refs);
  assert.deepEqual(await treeBytes(join(dir, 'out-b')), await treeBytes(join(dir, 'out-a')));

  const consumed = await runBuilt(['consume', 'out-a', '--out', 'rebuilt', '--root', 'tree'], { cwd: dir });
  assert.equal(consumed.code, 0, consumed.stderr);
  const want = Object.fromEntries(
    Object.entries(P2_EXAMPLE_FILES).filter(([p]) => !P2_EXPECTED.omitted.includes(p)).map(([p, b]) => [p, b.toString('base64')]),
  );
  assert.deepEqual(await treeBytes(join(dir, 'rebuilt')), want);

  const ok = await runBuilt(['verify', 'out-a', '--root', 'tree'], { cwd: dir });
  assert.equal(ok.code, 0, ok.stdout + ok.stderr);
  const victim = objectPath(join(root, 'CAPABILITY', 'CAS', 'storage'), a.refs.manifestRef.slice(7));
  await chmod(victim, 0o644);
  const bytes = await readFile(victim);
  bytes[10]! ^= 1;
  await writeFile(victim, bytes);
  const bad = await runBuilt(['verify', 'out-a', '--root', 'tree'], { cwd: dir });
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /^VERIFY_FAILED:/);
  assert.match(bad.stdout, /FAIL manifest in store/);
});

test('two packs of different trees share a store; gc --apply --grace 0 keeps both consumable', async (t) => {
  const dir = await tempDir(t);
  const store = ['--cas-root', 'store/cas', '--runs-dir', 'store/runs', '--scope', 'repo'];
  await writeFile(join(dir, 'junk'), 'x');
  for (const [name, files] of [['one', { 'a.txt': 'one\n', 'shared.md': 'same\n' }], ['two', { 'b.txt': 'two\n', 'shared.md': 'same\n' }]] as const) {
    const root = join(dir, name);
    const { mkdir } = await import('node:fs/promises');
    await mkdir(root);
    for (const [p, text] of Object.entries(files)) await writeFile(join(root, p), text);
    await pack(dir, name, `pack-${name}`, store);
  }
  const stray = await runBuilt(['cas', 'put', 'junk', '--cas-root', 'store/cas'], { cwd: dir });
  const gc = await runBuilt(['gc', '--apply', '--grace', '0', '--json', '--cas-root', 'store/cas', '--runs-dir', 'store/runs'], { cwd: dir });
  assert.equal(gc.code, 0, gc.stderr);
  assert.deepEqual(JSON.parse(gc.stdout).deleted_hashes, [stray.stdout.trim().slice(7)]);
  for (const name of ['one', 'two']) {
    const r = await runBuilt(['consume', `pack-${name}`, '--out', `back-${name}`, '--cas-root', 'store/cas'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(await treeBytes(join(dir, `back-${name}`)), await treeBytes(join(dir, name)));
  }
  const runs = await runBuilt(['runs', 'list', '--json', '--runs-dir', 'store/runs'], { cwd: dir });
  assert.deepEqual(JSON.parse(runs.stdout).map((r: { verdict: string }) => r.verdict), ['PASS', 'PASS']);
});
