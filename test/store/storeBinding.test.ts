/**
 * A store knows its roots (issue 10 item 3, issue 16 locations): through the built CLI, a runs
 * dir that does not hold a store's roots deletes nothing, git-tracked objects are never swept,
 * dry runs create nothing, and the store may not lie inside the out dir.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { openCas } from '../../src/index.js';
import { runBuilt } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const exists = (p: string) => stat(p).then(() => true, () => false);

/** A packed tree `name` under `dir` with its own store `name-store/{cas,runs}`. */
async function packed(dir: string, name: string): Promise<{ cas: string; runs: string }> {
  const root = join(dir, name);
  await mkdir(root, { recursive: true });
  await writeFile(join(root, 'a.txt'), `${name} a\n`);
  await writeFile(join(root, 'b.txt'), `${name} b\n`);
  const cas = join(dir, `${name}-store`, 'cas');
  const runs = join(dir, `${name}-store`, 'runs');
  const r = await runBuilt(['pack', name, '--scope', 'repo', '--cas-root', cas, '--runs-dir', runs, '--out-dir', `${name}-pack`], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  return { cas, runs };
}

test('a foreign runs dir deletes nothing: gc, audit and pack refuse the pair (exit 2, STORE_NOT_BOUND, hint names bind)', async (t) => {
  const dir = await tempDir(t);
  const one = await packed(dir, 'one');
  const two = await packed(dir, 'two');
  const before = await openCas(one.cas).list();
  for (const argv of [
    ['gc', '--apply', '--grace', '0', '--cas-root', one.cas, '--runs-dir', two.runs],
    ['audit', '--cas-root', one.cas, '--runs-dir', two.runs],
    ['pack', 'one', '--scope', 'repo', '--cas-root', one.cas, '--runs-dir', two.runs, '--out-dir', 'x'],
  ]) {
    const r = await runBuilt(argv, { cwd: dir });
    assert.equal(r.code, 2, `${argv[0]}: ${r.stderr}`);
    assert.match(r.stderr, /^STORE_NOT_BOUND: the runs dir .* does not hold the roots of the store .*llm-packer bind --cas-root /m);
    const lines = r.stderr.trim().split('\n').filter((l) => !l.startsWith('scope: '));
    assert.equal(lines.length, 1, 'one line');
  }
  assert.deepEqual(await openCas(one.cas).list(), before, 'nothing deleted');
  assert.equal(await exists(join(dir, 'x')), false, 'no pack written');
});

test('a store made by the previous release (unbound) next to a foreign runs dir is refused, not swept', async (t) => {
  const dir = await tempDir(t);
  const one = await packed(dir, 'one');
  const two = await packed(dir, 'two');
  // As the previous release left them: no binding files at all.
  await rm(join(one.cas, 'llm-packer-store.json'));
  await rm(join(two.runs, 'STORE_BINDING.json'));
  const before = await openCas(one.cas).list();
  const r = await runBuilt(['gc', '--apply', '--grace', '0', '--cas-root', one.cas, '--runs-dir', two.runs], { cwd: dir });
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /^STORE_NOT_BOUND: .*roots are not in the store/);
  assert.deepEqual(await openCas(one.cas).list(), before);
});

test('an unbound pair made by the previous release keeps working; its first gc --apply binds it', async (t) => {
  const dir = await tempDir(t);
  const one = await packed(dir, 'one');
  await rm(join(one.cas, 'llm-packer-store.json'));
  await rm(join(one.runs, 'STORE_BINDING.json'));
  const dry = await runBuilt(['gc', '--cas-root', one.cas, '--runs-dir', one.runs], { cwd: dir });
  assert.equal(dry.code, 0, dry.stderr);
  assert.equal(await exists(join(one.runs, 'STORE_BINDING.json')), false, 'a dry run writes nothing');
  const apply = await runBuilt(['gc', '--apply', '--cas-root', one.cas, '--runs-dir', one.runs], { cwd: dir });
  assert.equal(apply.code, 0, apply.stderr);
  assert.equal(await exists(join(one.runs, 'STORE_BINDING.json')), true);
  assert.equal(await exists(join(one.cas, 'llm-packer-store.json')), true);
  const fsck = await runBuilt(['cas', 'fsck', '--cas-root', one.cas], { cwd: dir });
  assert.equal(fsck.code, 0, `the binding file is no stray object: ${fsck.stdout}`);
});

test('bind: a new runs dir is bound explicitly; rebinding a bound store needs --force', async (t) => {
  const dir = await tempDir(t);
  const one = await packed(dir, 'one');
  const fresh = join(dir, 'fresh-runs');
  const refused = await runBuilt(['bind', '--cas-root', one.cas, '--runs-dir', fresh], { cwd: dir });
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /^STORE_NOT_BOUND: the store .* is bound to the runs dir .*one-store\/runs \(.*--force\)$/m);
  assert.equal(await exists(fresh), false, 'nothing created');
  const same = await runBuilt(['bind', '--cas-root', one.cas, '--runs-dir', one.runs], { cwd: dir });
  assert.equal(same.code, 0, same.stderr);
  assert.match(same.stdout, /^already bound: /);
  const forced = await runBuilt(['bind', '--cas-root', one.cas, '--runs-dir', fresh, '--force', '--json'], { cwd: dir });
  assert.equal(forced.code, 0, forced.stderr);
  assert.equal(JSON.parse(forced.stdout).previousRunsDir, one.runs);
  const old = await runBuilt(['gc', '--cas-root', one.cas, '--runs-dir', one.runs], { cwd: dir });
  assert.equal(old.code, 2, 'the old runs dir no longer roots the store');
  const now = await runBuilt(['audit', '--cas-root', one.cas, '--runs-dir', fresh], { cwd: dir });
  assert.equal(now.code, 1, 'bound, but the new runs dir has no roots yet (POLICY_LOCK)');
  assert.match(now.stderr, /^POLICY_LOCK/m);
});

test('gc never deletes an object that git tracks (real git ls-files), and says so', async (t) => {
  const dir = await tempDir(t);
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', ...args], { cwd: dir });
  git('init', '-q');
  await writeFile(join(dir, 'tracked.txt'), 'committed into the store\n');
  await writeFile(join(dir, 'loose.txt'), 'not tracked\n');
  const put = await runBuilt(['cas', 'put', 'tracked.txt', 'loose.txt', '--cas-root', 'store'], { cwd: dir });
  const [tracked, loose] = put.stdout.trim().split('\n').map((r) => r.slice(7)) as [string, string];
  await writeFile(join(dir, 'keep.txt'), 'rooted\n');
  const keep = (await runBuilt(['cas', 'put', 'keep.txt', '--cas-root', 'store'], { cwd: dir })).stdout.trim().slice(7);
  assert.equal((await runBuilt(['pins', 'add', keep, '--runs-dir', 'runs'], { cwd: dir })).code, 0);
  git('add', '-f', `store/${tracked[0]}/${tracked.slice(1, 3)}/${tracked}`);
  git('commit', '-qm', 'a store object in git');
  const r = await runBuilt(['gc', '--apply', '--grace', '0', '--json', '--cas-root', 'store', '--runs-dir', 'runs'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout);
  assert.deepEqual(report.deleted_hashes, [loose]);
  assert.deepEqual(report.skipped_hashes, [{ hash: tracked, reason: 'tracked by git' }]);
  assert.equal(await openCas(join(dir, 'store')).has(tracked), true);
  assert.equal(execFileSync('git', ['ls-files', '--deleted'], { cwd: dir }).toString(), '', 'no tracked file deleted');
});

test('dry runs create nothing: gc --root /typo is bad input, gc on a missing store writes no folder', async (t) => {
  const dir = await tempDir(t);
  const typo = await runBuilt(['gc', '--root', join(dir, 'typo')], { cwd: dir });
  assert.equal(typo.code, 2);
  assert.match(typo.stderr, /^INPUT_NOT_FOUND: the root .*typo does not exist/);
  const empty = await runBuilt(['gc'], { cwd: dir });
  assert.equal(empty.code, 1);
  assert.match(empty.stderr, /^POLICY_LOCK/);
  assert.deepEqual(await readdir(dir), [], 'no .llm-packer, no runs dir, no lock folder');
  assert.equal(await exists(join(dir, 'typo')), false);
});

test('store, runs dir and packs dir may not lie inside the out dir (nor it in them); the packs dir may not be the root', async (t) => {
  const dir = await tempDir(t);
  const root = join(dir, 'root');
  await mkdir(root);
  await writeFile(join(root, 'a.txt'), 'a\n');
  const first = await runBuilt(['pack', 'root', '--out-dir', 'out', '--cas-root', 'cas', '--runs-dir', 'runs'], { cwd: dir });
  assert.equal(first.code, 0, first.stderr);
  const cases: string[][] = [
    ['--out-dir', 'out', '--cas-root', 'out/cas', '--runs-dir', 'runs'],
    ['--out-dir', 'out', '--cas-root', 'cas', '--runs-dir', 'out/runs'],
    ['--out-dir', 'cas/out', '--cas-root', 'cas', '--runs-dir', 'runs'],
    ['--packs-dir', 'root', '--cas-root', 'cas', '--runs-dir', 'runs'],
    ['--packs-dir', 'x', '--cas-root', 'x', '--runs-dir', 'runs'],
  ];
  for (const flags of cases) {
    const r = await runBuilt(['pack', 'root', ...flags], { cwd: dir });
    assert.equal(r.code, 2, `${flags.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /^STORE_LOCATION_CONFLICT: /m);
  }
  const verify = await runBuilt(['verify', 'out', '--cas-root', 'cas', '--runs-dir', 'runs'], { cwd: dir });
  assert.equal(verify.code, 0, `the first pack and its store are intact: ${verify.stdout}${verify.stderr}`);
  assert.deepEqual((await readdir(root)).sort(), ['a.txt'], 'nothing written into the root');
});
