/**
 * Scopes without surprises and the tool's own files (issue 10 items 4 and 5), through the built CLI.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { runBuilt } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

async function gitRepo(t: TestContext): Promise<string> {
  const dir = await tempDir(t);
  await mkdir(join(dir, 'src'));
  await writeFile(join(dir, 'README.md'), '# r\n');
  await writeFile(join(dir, 'src', 'x.ts'), 'export const x = 1;\n');
  execFileSync('git', ['init', '-q'], { cwd: dir });
  execFileSync('git', ['add', '.'], { cwd: dir });
  execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', 'commit', '-qm', 'init'], { cwd: dir });
  return dir;
}

const manifestRef = (stdout: string) => /^manifest {2}(sha256:[0-9a-f]{64})/m.exec(stdout)?.[1];

test('pack . twice on an unchanged git repository: same manifest ref, and git status stays clean', async (t) => {
  const dir = await gitRepo(t);
  const first = await runBuilt(['pack', '.'], { cwd: dir });
  assert.equal(first.code, 0, first.stderr);
  assert.equal(await readFile(join(dir, '.llm-packer', '.gitignore'), 'utf8'), '# written by llm-packer: nothing in here belongs in git\n*\n');
  assert.equal(execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: dir }).toString(), '');
  const second = await runBuilt(['pack', '.'], { cwd: dir });
  assert.equal(second.code, 0, second.stderr);
  assert.ok(manifestRef(first.stdout));
  assert.equal(manifestRef(second.stdout), manifestRef(first.stdout));
});

test('an AGS scope on a plain repository: exit 2, a clear error, nothing created', async (t) => {
  const dir = await gitRepo(t);
  for (const scope of ['ags', 'lab', 'cat_cas']) {
    const r = await runBuilt(['pack', '.', '--scope', scope], { cwd: dir });
    assert.equal(r.code, 2, scope);
    assert.match(r.stderr, new RegExp(`^PACK_SCOPE_NOT_AGS: the ${scope} scope packs an AGS checkout`, 'm'));
  }
  assert.deepEqual((await readdir(dir)).sort(), ['.git', 'README.md', 'src']);
  const after = await runBuilt(['pack', '.'], { cwd: dir });
  assert.match(after.stderr, /^scope: repo /m, 'the default did not move');
});

test('one AGS-looking folder does not make a repository an AGS checkout', async (t) => {
  const dir = await gitRepo(t);
  await mkdir(join(dir, 'MEMORY'));
  await writeFile(join(dir, 'MEMORY', 'notes.md'), 'n\n');
  const r = await runBuilt(['pack', '.', '--json'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).scope.key, 'repo');
  assert.match(JSON.parse(r.stdout).outDir, /\.llm-packer\/packs\//);
});

test('a pack of 0 files is an error (exit 1) unless --allow-empty', async (t) => {
  const dir = await tempDir(t);
  await mkdir(join(dir, 'root'));
  await writeFile(join(dir, 'root', '.gitignore'), '*\n');
  const r = await runBuilt(['pack', 'root', '--out-dir', 'out'], { cwd: dir });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^PACK_EMPTY: the repo scope selected no file to pack in .* \(.*--allow-empty.*\)$/m);
  assert.deepEqual((await readdir(dir)).sort(), ['root'], 'no out dir');
  const ok = await runBuilt(['pack', 'root', '--out-dir', 'out', '--allow-empty', '--json'], { cwd: dir });
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(JSON.parse(ok.stdout).filesPacked, 0);
});

test('the tool\'s own files never enter a pack: the AGS ledger and store are left out of a repo-scope pack', async (t) => {
  const dir = await tempDir(t);
  const root = join(dir, 'ags');
  for (const b of ['LAW', 'CAPABILITY', 'NAVIGATION', 'THOUGHT', 'MEMORY']) {
    await mkdir(join(root, b), { recursive: true });
    await writeFile(join(root, b, 'doc.md'), `${b}\n`);
  }
  await writeFile(join(root, 'CAPABILITY', 'RUNS.py'), 'source\n');
  const ags = await runBuilt(['pack', 'ags'], { cwd: dir });
  assert.equal(ags.code, 0, ags.stderr);
  assert.match(ags.stderr, /^scope: ags /m);
  const runs = await readdir(join(root, 'CAPABILITY', 'RUNS'));
  assert.ok(runs.includes('RUNS.json') && runs.includes('RUN_ROOTS.json'), runs.join());
  await mkdir(join(root, 'CAPABILITY', 'RUNS', 'keep'));
  await writeFile(join(root, 'CAPABILITY', 'RUNS', 'keep', 'code.py'), 'kept\n');
  const repo = await runBuilt(['pack', 'ags', '--scope', 'repo', '--out-dir', 'repo-pack'], { cwd: dir });
  assert.equal(repo.code, 0, repo.stderr);
  const manifest = JSON.parse(await readFile(join(dir, 'repo-pack', 'LITE', 'PACK_MANIFEST.json'), 'utf8')) as { entries: { path: string }[] };
  const paths = manifest.entries.map((e) => e.path);
  assert.deepEqual(paths.filter((p) => /RUNS\.json|RUN_ROOTS|STORE_BINDING|CAS\/storage|_packs|\.llm-packer/.test(p)), []);
  assert.ok(paths.includes('CAPABILITY/RUNS/keep/code.py'), 'a source file in the AGS runs dir is still packed');
  assert.ok(paths.includes('CAPABILITY/RUNS.py'));
});
