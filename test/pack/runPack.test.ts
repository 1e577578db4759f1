import assert from 'node:assert/strict';
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { PackerError, runPack, type PackProgress } from '../../src/index.js';
import { backupPathFor } from '../../src/packdir/index.js';
import { tempDir } from '../helpers/tmp.js';
import { leftovers, readTree, writeTree } from './packFixtures.js';

const FILES = {
  'README.md': '# demo MARKER_README\n',
  'src/main.js': 'console.log("MARKER_MAIN");\r\n',
  'src/data.bin': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]),
  'docs/guide.md': 'MARKER_GUIDE\n```js\nx\n```\n',
};

async function setup(t: import('node:test').TestContext) {
  const dir = await tempDir(t);
  const root = join(dir, 'root');
  await writeTree(root, FILES);
  return { dir, root, out: join(dir, 'out') };
}

test('a run writes the layout, and FULL holds every text file but no binary', async (t) => {
  const { root, out, dir } = await setup(t);
  const events: PackProgress['stage'][] = [];
  const s = await runPack({ root, outDir: out, onProgress: (e) => events.push(e.stage) });
  assert.equal(s.scope.key, 'repo');
  assert.equal(s.filesPacked, 3);
  assert.equal(s.filesOmitted, 1);
  assert.equal(s.outDir, out);
  assert.equal(s.refs.verdict, 'PASS');
  assert.deepEqual(s.missingAnchors, ['AGENTS.md']);
  const tree = await readTree(out);
  const full = tree.get(`FULL/REPO-FULL-${s.stamp}.md`)!.toString();
  assert.equal(s.tokens.encoding, 'o200k_base');
  assert.equal(s.tokens.total, countTokens(full, { disallowedSpecial: new Set() }), 'tokens.total is the count of FULL as written');
  for (const marker of ['MARKER_README', 'MARKER_MAIN', 'MARKER_GUIDE']) assert.ok(full.includes(marker), marker);
  assert.ok(!full.includes('\r'));
  assert.ok(!full.includes('PNG'));
  assert.ok(tree.get('repo/src/main.js')!.equals(Buffer.from(FILES['src/main.js'])), 'repo/ holds byte copies');
  assert.ok(!tree.has('repo/src/data.bin'));
  assert.deepEqual([...new Set(events)], ['scope', 'collect', 'screen', 'read', 'render', 'record', 'seal', 'publish']);
  assert.deepEqual(await leftovers(dir), []);
});

test('a failed P.2 step leaves the previous pack untouched and no staging folder', async (t) => {
  const { root, out, dir } = await setup(t);
  await runPack({ root, outDir: out });
  const before = await readTree(out);
  await writeFile(join(root, 'README.md'), 'changed\n');
  const failing = async () => {
    throw new PackerError('PACK_P2_ROOT_AUDIT_FAIL', ' injected');
  };
  await assert.rejects(runPack({ root, outDir: out, zip: true }, { recordPackRun: failing }), { code: 'PACK_P2_ROOT_AUDIT_FAIL' });
  assert.deepEqual(await readTree(out), before);
  assert.deepEqual(await leftovers(dir), []);
  await assert.rejects(stat(`${out}.zip`), { code: 'ENOENT' });
});

test('a limit breach writes nothing: no store, no staging, previous pack intact', async (t) => {
  const { root, out, dir } = await setup(t);
  const fresh = join(dir, 'fresh-store');
  await assert.rejects(runPack({ root, outDir: out, casRoot: fresh, limits: { maxEntries: 1 } }), {
    code: 'PACK_LIMIT_EXCEEDED',
    message: 'PACK_LIMIT_EXCEEDED:max_entries (3 > 1)',
  });
  await assert.rejects(stat(fresh), { code: 'ENOENT' });
  await assert.rejects(stat(out), { code: 'ENOENT' });
  assert.deepEqual(await leftovers(dir), []);
});

test('a backup left by a crash between the two renames is restored before the run', async (t) => {
  const { root, out, dir } = await setup(t);
  await runPack({ root, outDir: out });
  const before = await readTree(out);
  await rename(out, backupPathFor(out));
  // This run fails at its limits, after the recovery: the old pack must be back in place.
  await assert.rejects(runPack({ root, outDir: out, limits: { maxTotalBytes: 1 } }), { code: 'PACK_LIMIT_EXCEEDED' });
  assert.deepEqual(await readTree(out), before);
  assert.deepEqual(await leftovers(dir), []);
});

test('an existing folder that is not a pack is never replaced', async (t) => {
  const { root, out } = await setup(t);
  await mkdir(out);
  await writeFile(join(out, 'precious.txt'), 'keep me');
  await assert.rejects(runPack({ root, outDir: out }), { code: 'USAGE' });
  assert.equal(await readFile(join(out, 'precious.txt'), 'utf8'), 'keep me');
  await assert.rejects(runPack({ root, outDir: root }), { code: 'STORE_LOCATION_CONFLICT' });
  await assert.rejects(runPack({ root, outDir: join(root, 'x'), stamp: '../x' }), { code: 'USAGE' });
});

test('a file that is text at its start but not further on is left out after the read', async (t) => {
  const { root, out } = await setup(t);
  await writeFile(join(root, 'late.txt'), Buffer.concat([Buffer.alloc(9000, 0x61), Buffer.from([0, 0x62])]));
  const s = await runPack({ root, outDir: out });
  assert.equal(s.filesOmitted, 2);
  const omitted = JSON.parse(await readFile(join(out, 'meta', 'REPO_OMITTED_BINARIES.json'), 'utf8'));
  assert.deepEqual(omitted.files.map((f: { path: string }) => f.path), ['late.txt', 'src/data.bin']);
  assert.deepEqual(await readdir(join(out, 'repo')), ['README.md', 'docs', 'src']);
});

test('a large file is streamed: byte copy in repo/, normalised text with a safe fence in FULL', async (t) => {
  const { root, out } = await setup(t);
  const line = 'big ```` line\r\n';
  const big = Buffer.from(line.repeat(Math.ceil((5 << 20) / line.length)));
  await writeFile(join(root, 'big.txt'), big);
  const s = await runPack({ root, outDir: out, modes: { split: false, lite: false }, limits: { maxEntryBytes: 8 << 20 } });
  assert.deepEqual(s.modes, ['FULL']);
  assert.ok((await readFile(join(out, 'repo', 'big.txt'))).equals(big));
  const full = await readFile(join(out, 'FULL', `REPO-FULL-${s.stamp}.md`), 'utf8');
  const start = full.indexOf(`## \`big.txt\` (${big.length} bytes)\n\n\`\`\`\`\`txt\n`);
  assert.ok(start >= 0, 'heading and a five-backtick fence');
  const body = full.slice(full.indexOf('txt\n', start) + 4, full.indexOf('\n`````\n', start) + 1);
  assert.equal(body, big.toString('utf8').replace(/\r\n/g, '\n'));
  await assert.rejects(stat(join(out, 'SPLIT')), { code: 'ENOENT' });
  await assert.rejects(stat(join(out, 'LITE')), { code: 'ENOENT' });
});
