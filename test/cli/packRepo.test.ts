import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from '../helpers/tmp.js';
import { writeTree } from '../pack/packFixtures.js';
import { runBuiltWithUmask } from './packCli.js';

test('the repo scope packs exactly what `git ls-files -co --exclude-standard` lists', async (t) => {
  const dir = await tempDir(t);
  const repo = join(dir, 'repo');
  await writeTree(repo, {
    '.gitignore': '*.log\nbuild/\n',
    'README.md': '# repo MARKER_README\n',
    'src/index.ts': 'export const x = 1; // MARKER_INDEX\n',
    'src/app.log': 'ignored log\n',
    'src/nested/.gitignore': 'secret.txt\n!keep.log\n',
    'src/nested/secret.txt': 'IGNORED_SECRET\n',
    'src/nested/keep.log': 'kept by negation MARKER_KEEP\n',
    'src/nested/ok.txt': 'MARKER_OK\n',
    'build/out.js': 'IGNORED_BUILD\n',
    'assets/icon.bin': Buffer.from([0, 1, 2, 3]),
    'untracked.md': 'MARKER_UNTRACKED\n',
  });
  const env = { ...process.env, HOME: dir, XDG_CONFIG_HOME: dir, GIT_CONFIG_NOSYSTEM: '1' };
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, env }).toString();
  git('init', '-q', '-b', 'main');
  git('add', '.gitignore', 'README.md', 'src/index.ts', 'src/nested/.gitignore', 'assets/icon.bin');
  git('-c', 'user.name=t', '-c', 'user.email=t@example.invalid', 'commit', '-q', '-m', 'init');
  const expected = git('ls-files', '-co', '--exclude-standard').split('\n').filter(Boolean).sort();

  const r = await runBuiltWithUmask(['pack', '.', '--out-dir', join(dir, 'OUT'), '--json'], { cwd: repo, env });
  assert.equal(r.code, 0, r.stderr);
  const summary = JSON.parse(r.stdout);
  assert.deepEqual(summary.scope, { key: 'repo', title: 'Repository' });
  const out = join(dir, 'OUT');
  const index = JSON.parse(await readFile(join(out, 'meta', 'FILE_INDEX.json'), 'utf8'));
  const omitted = JSON.parse(await readFile(join(out, 'meta', 'REPO_OMITTED_BINARIES.json'), 'utf8'));
  const packed = index.files.map((f: { path: string }) => f.path);
  assert.deepEqual(omitted.files.map((f: { path: string }) => f.path), ['assets/icon.bin']);
  assert.deepEqual([...packed, 'assets/icon.bin'].sort(), expected);
  assert.equal(summary.filesPacked, expected.length - 1);

  const full = await readFile(join(out, 'FULL', `REPO-FULL-${summary.stamp}.md`), 'utf8');
  for (const m of ['MARKER_README', 'MARKER_INDEX', 'MARKER_KEEP', 'MARKER_OK', 'MARKER_UNTRACKED']) assert.ok(full.includes(m), m);
  for (const m of ['IGNORED_SECRET', 'IGNORED_BUILD', 'ignored log']) assert.ok(!full.includes(m), m);

  // SPLIT: one section per top-level folder, root files last.
  const splitIndex = await readFile(join(out, 'SPLIT', 'REPO-00_INDEX.md'), 'utf8');
  assert.match(splitIndex, /`REPO-01_src\.md`: src, 4 files/);
  assert.match(splitIndex, /`REPO-02_ROOT_FILES\.md`: ROOT_FILES, 3 files/);

  // The git state is recorded in meta/ and the manifest; the store under .llm-packer/ is not packed.
  const head = git('rev-parse', 'HEAD').trim();
  const state = JSON.parse(await readFile(join(out, 'meta', 'REPO_STATE.json'), 'utf8'));
  assert.deepEqual(state.repo_state, { branch: 'main', commit: head });
  const manifest = JSON.parse(await readFile(join(out, 'LITE', 'PACK_MANIFEST.json'), 'utf8'));
  assert.deepEqual(manifest.repo_state, { branch: 'main', commit: head });
  const again = await runBuiltWithUmask(['pack', '.', '--out-dir', join(dir, 'OUT'), '--json'], { cwd: repo, env });
  assert.equal(again.code, 0, again.stderr);
  assert.equal(JSON.parse(again.stdout).digest, summary.digest, 'the store written by the first run is not packed by the second');
});
