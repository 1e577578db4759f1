import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from '../helpers/tmp.js';
import { readTree, writeTree } from '../pack/packFixtures.js';
import { ABSENT_MARKERS, AGS_FILES, TEXT_MARKERS, runBuiltWithUmask } from './packCli.js';

test('pack --zip --json writes the whole layout and prints pure JSON', async (t) => {
  const dir = await tempDir(t);
  const root = join(dir, 'root');
  await writeTree(root, AGS_FILES);
  const r = await runBuiltWithUmask(['pack', 'root', '--out-dir', 'OUT', '--zip', '--json'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stderr, /^scope:/m, 'with --json the scope is in the summary, not on stderr');
  const summary = JSON.parse(r.stdout);
  assert.deepEqual(summary.scope, { key: 'ags', title: 'Agent Governance System (AGS)' });
  assert.equal(summary.filesPacked, 10);
  assert.equal(summary.filesOmitted, 3);
  assert.equal(summary.refs.verdict, 'PASS');
  assert.deepEqual(summary.missingAnchors, []);
  const out = join(dir, 'OUT');
  assert.equal(summary.outDir, out);
  assert.equal(summary.archive, `${out}.zip`);

  const tree = await readTree(out);
  const stamp = summary.stamp;
  assert.equal(stamp, summary.digest.slice(0, 12));
  assert.deepEqual((await readdir(out)).sort(), ['FULL', 'LITE', 'SEAL.json', 'SPLIT', 'STORE.json', 'meta', 'repo']);
  assert.deepEqual(await readdir(join(out, 'meta')), [
    'ENTRYPOINTS.md', 'FILE_INDEX.json', 'FILE_TREE.txt', 'OMITTED.json', 'PACK_INFO.json', 'PROVENANCE.json',
    'REPO_OMITTED_BINARIES.json', 'REPO_STATE.json', 'SECRETS.json', 'START_HERE.md', 'TOKENS.json',
  ]);
  assert.deepEqual(await readdir(join(out, 'FULL')), [`AGS-FULL-${stamp}.md`, `AGS-FULL-TREEMAP-${stamp}.md`]);
  assert.deepEqual(await readdir(join(out, 'SPLIT')), [
    'AGS-00_INDEX.md', 'AGS-01_LAW.md', 'AGS-02_CAPABILITY.md', 'AGS-03_NAVIGATION.md', 'AGS-04_DIRECTION.md',
    'AGS-05_THOUGHT.md', 'AGS-06_MEMORY.md', 'AGS-07_ROOT_FILES.md',
  ]);
  assert.deepEqual(await readdir(join(out, 'LITE')), ['AGS-00_INDEX.md', 'PACK_MANIFEST.json', 'RUN_REFS.json']);

  const full = tree.get(`FULL/AGS-FULL-${stamp}.md`)!.toString('utf8');
  const split = [...tree].filter(([p]) => p.startsWith('SPLIT/AGS-0') && !p.includes('INDEX')).map(([, b]) => b.toString('utf8')).join('');
  const lite = [...tree].filter(([p]) => p.startsWith('LITE/')).map(([, b]) => b.toString('utf8')).join('');
  for (const m of TEXT_MARKERS) {
    assert.ok(full.includes(m), `FULL has ${m}`);
    assert.ok(split.includes(m), `SPLIT has ${m}`);
    assert.ok(!lite.includes(m), `LITE has no body (${m})`);
  }
  for (const m of ABSENT_MARKERS) assert.ok(!full.includes(m) && !split.includes(m), `${m} absent`);
  assert.ok(!full.includes('\r') && !split.includes('\r'), 'CR normalised');
  assert.ok(full.includes('MARKER_LAW one\ntwo\n'));
  assert.ok(full.includes('MARKER_PLAN\nold mac line\n'));
  // NAVIGATION/fences.md holds a run of six backticks: its fence has seven.
  const fencesBytes = Buffer.byteLength(AGS_FILES['NAVIGATION/fences.md'] as string);
  assert.ok(full.includes(`## \`NAVIGATION/fences.md\` (${fencesBytes} bytes)\n\n\`\`\`\`\`\`\`md\nMARKER_FENCES\n`));
  assert.ok(full.includes('```` ``` `````` x\n```````\n'));

  const omitted = JSON.parse(tree.get('meta/REPO_OMITTED_BINARIES.json')!.toString());
  assert.deepEqual(omitted.files.map((f: { path: string }) => f.path), ['MEMORY/NOEXT', 'MEMORY/logo.png', 'MEMORY/trailingdot.']);
  const index = JSON.parse(tree.get('meta/FILE_INDEX.json')!.toString());
  assert.ok(index.files.some((f: { path: string }) => f.path === 'LAW/UPPER.MD'));
  const start = tree.get('meta/START_HERE.md')!.toString();
  assert.ok(start.indexOf('1. `README.md`') < start.indexOf('2. `AGENTS.md`'));

  // Nothing machine-specific inside the pack or its archives.
  for (const [path, bytes] of tree) {
    assert.ok(!bytes.includes(dir), `${path} holds no absolute path`);
    assert.ok(!bytes.includes(hostname()) || hostname().length < 4, `${path} holds no host name`);
  }

  // One zip, no zip inside it: `unzip -t` accepts it, it holds every file of the pack, the
  // repo/ byte copies included, and its text entries are deflated.
  assert.ok(![...tree.keys()].some((p) => p.endsWith('.zip')), 'no zip inside the pack');
  assert.equal([...tree.keys()].filter((p) => p.startsWith('repo/')).length, 10);
  for (const [path, bytes] of tree) if (path.startsWith('repo/')) assert.ok(bytes.equals(Buffer.from(AGS_FILES[path.slice(5)]!)), `${path} byte copy`);
  execFileSync('unzip', ['-tq', `${out}.zip`]);
  assert.match(execFileSync('unzip', ['-v', `${out}.zip`]).toString(), /Defl:N/);
  const y = join(dir, 'y');
  await mkdir(y);
  execFileSync('unzip', ['-q', `${out}.zip`, '-d', y]);
  // The archive holds the whole pack, its seal included, but not STORE.json (where the pack went).
  assert.deepEqual(await readTree(y), new Map([...tree].filter(([p]) => p !== 'STORE.json')));
});

test('without --zip the pack keeps repo/ as a folder of byte copies', async (t) => {
  const dir = await tempDir(t);
  const root = join(dir, 'root');
  await writeTree(root, AGS_FILES);
  const r = await runBuiltWithUmask(['pack', root, '--out-dir', join(dir, 'OUT'), '--no-split'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^packed {4}10 files, /m);
  assert.match(r.stdout, /^pack {6}.*OUT$/m);
  const tree = await readTree(join(dir, 'OUT'));
  const copies = [...tree.keys()].filter((p) => p.startsWith('repo/'));
  assert.equal(copies.length, 10);
  for (const p of copies) assert.ok(tree.get(p)!.equals(Buffer.from(AGS_FILES[p.slice(5)]!)));
  assert.ok(![...tree.keys()].some((p) => p.startsWith('SPLIT/')));
  assert.equal(JSON.parse(tree.get('meta/PACK_INFO.json')!.toString()).modes.join(','), 'FULL,LITE');
  await assert.rejects(readFile(join(dir, 'OUT.zip')), { code: 'ENOENT' });
});
