/**
 * `runs list` says when each run happened and where its pack went (issue 10, item 6), through the
 * built CLI; `--json` and `runs show` use camelCase keys (issue 15); ledger entries written before
 * time and place were kept stay readable.
 */
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { runBuilt } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const store = ['--cas-root', 'cas', '--runs-dir', 'runs'];

test('runs list: one line per run with its time and pack folder; --json in camelCase; old entries still listed', async (t) => {
  const dir = await tempDir(t);
  await mkdir(join(dir, 'root'));
  await writeFile(join(dir, 'root', 'a.txt'), 'a\n');
  const before = Date.now();
  const packs: { outDir: string; refs: { statusRef: string; manifestRef: string } }[] = [];
  for (const out of ['P1', 'P2']) {
    const r = await runBuilt(['pack', 'root', '--out-dir', out, ...store, '--json', '--quiet'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    packs.push(JSON.parse(r.stdout));
  }
  const after = Date.now();

  const json = await runBuilt(['runs', 'list', ...store, '--json'], { cwd: dir });
  assert.equal(json.code, 0, json.stderr);
  const runs = JSON.parse(json.stdout) as Record<string, unknown>[];
  assert.equal(runs.length, 2);
  runs.forEach((run, i) => {
    for (const key of Object.keys(run)) assert.match(key, /^[a-z][A-Za-z0-9]*$/, `camelCase key: ${key}`);
    assert.equal(run.statusRef, packs[i]!.refs.statusRef);
    assert.equal(run.manifestRef, packs[i]!.refs.manifestRef);
    assert.equal(run.packDir, join(dir, `P${i + 1}`));
    assert.equal(run.packDir, packs[i]!.outDir);
    assert.equal(run.fileCount, 1);
    const at = Date.parse(String(run.createdAt));
    assert.ok(at >= before - 1000 && at <= after + 1000, `createdAt ${String(run.createdAt)} is when the run happened`);
  });

  const human = await runBuilt(['runs', 'list', ...store], { cwd: dir });
  assert.equal(human.code, 0, human.stderr);
  const lines = human.stdout.trimEnd().split('\n');
  assert.equal(lines.length, 2);
  lines.forEach((line, i) => {
    const when = String(runs[i]!.createdAt).slice(0, 19).replace('T', ' ');
    assert.equal(line, `${when}Z  PASS  repo  1 file  ${join(dir, `P${i + 1}`)}  ${packs[i]!.refs.statusRef}`);
  });

  // One tree packed the same way twice: one STATUS, two runs; `show` gives the newest (where the pack is now).
  assert.equal(packs[0]!.refs.statusRef, packs[1]!.refs.statusRef);
  const show = await runBuilt(['runs', 'show', packs[0]!.refs.statusRef, ...store], { cwd: dir });
  assert.equal(show.code, 0, show.stderr);
  assert.deepEqual(JSON.parse(show.stdout), runs[1]);

  // An entry written before time and place were kept: still valid, shown with '-'.
  const ledger = JSON.parse(await readFile(join(dir, 'runs', 'RUNS.json'), 'utf8')) as Record<string, unknown>[];
  assert.ok(ledger.every((e) => typeof e.created_at === 'string' && typeof e.pack_dir === 'string'), 'the ledger file keeps snake_case keys');
  delete ledger[0]!.created_at;
  delete ledger[0]!.pack_dir;
  await writeFile(join(dir, 'runs', 'RUNS.json'), JSON.stringify(ledger, null, 2));
  const old = await runBuilt(['runs', 'list', ...store], { cwd: dir });
  assert.equal(old.code, 0, old.stderr);
  assert.equal(old.stdout.split('\n')[0], `-  PASS  repo  1 file  -  ${packs[0]!.refs.statusRef}`);
});
