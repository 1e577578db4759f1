import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from '../helpers/tmp.js';
import { readTree, writeTree } from '../pack/packFixtures.js';
import { AGS_FILES, runBuiltWithUmask } from './packCli.js';

test('two runs give byte-identical packs and zips whatever TZ, LC_ALL, umask and listing order', async (t) => {
  const dir = await tempDir(t);
  // Two copies of the tree, created in opposite orders (some file systems list in creation order).
  const entries = Object.entries(AGS_FILES);
  await writeTree(join(dir, 'a'), Object.fromEntries(entries));
  await writeTree(join(dir, 'b'), Object.fromEntries([...entries].reverse()));
  const runs = [
    { root: 'a', out: 'OUT1', env: { TZ: 'UTC', LC_ALL: 'C', LANG: 'C' }, umask: '022' },
    { root: 'b', out: 'OUT2', env: { TZ: 'Pacific/Kiritimati', LC_ALL: 'tr_TR.UTF-8', LANG: 'tr_TR.UTF-8' }, umask: '077' },
  ];
  const summaries = [];
  for (const run of runs) {
    const r = await runBuiltWithUmask(['pack', run.root, '--out-dir', run.out, '--zip', '--json', '--scope', 'ags'], {
      cwd: dir,
      env: run.env,
      umask: run.umask,
    });
    assert.equal(r.code, 0, r.stderr);
    summaries.push(JSON.parse(r.stdout));
  }
  assert.deepEqual(summaries[0].refs, summaries[1].refs);
  assert.equal(summaries[0].digest, summaries[1].digest);
  // STORE.json says where each run's store is (../a/…, ../b/…): the one file that depends on
  // where things are, outside the seal and the zip. Everything else is byte-identical.
  const withoutLocator = (tree: Map<string, Buffer>) => new Map([...tree].filter(([p]) => p !== 'STORE.json'));
  const one = withoutLocator(await readTree(join(dir, 'OUT1')));
  const two = withoutLocator(await readTree(join(dir, 'OUT2')));
  assert.ok(one.has('SEAL.json'));
  assert.deepEqual([...one.keys()], [...two.keys()]);
  for (const [path, bytes] of one) assert.ok(bytes.equals(two.get(path)!), `${path} differs`);
  assert.ok((await readFile(join(dir, 'OUT1.zip'))).equals(await readFile(join(dir, 'OUT2.zip'))), 'external zips differ');
  execFileSync('unzip', ['-tq', join(dir, 'OUT1.zip')]);
});
