/**
 * The heavy hostile trees (issue 7, item 5): 100 000 tiny files, a 2 GiB sparse file, and files
 * rewritten under the built CLI while it packs. Each ends in a clear error or a pack whose every
 * byte is what its manifest says (verify, then consume compared file by file); none hangs.
 */
import assert from 'node:assert/strict';
import { mkdir, open, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setImmediate as yieldLoop } from 'node:timers/promises';
import { test } from 'node:test';
import { mapLimit } from '../../src/util/index.js';
import { tempDir } from '../helpers/tmp.js';
import { errorLines, exists, sha256, writeFiles } from './kit.js';
import { checkPackTruth, packWithCli, placeIn, readManifest } from './packCheck.js';

const TINY = 100_000;

test(`${TINY} tiny files: refused at the default entry limit, packed exactly once it is raised`, async (t) => {
  const dir = await tempDir(t);
  const root = join(dir, 'root');
  const expected: Record<string, string> = {};
  // 1000 distinct contents: every file is walked, read, copied and listed, without 100 000 fsyncs.
  for (let i = 0; i < TINY; i++) expected[`d${i % 250}/f${i}.txt`] = `tiny file ${i % 1000}\n`;
  for (let d = 0; d < 250; d++) await mkdir(join(root, `d${d}`), { recursive: true });
  await mapLimit(Object.entries(expected), 64, ([path, text]) => writeFile(join(root, path), text));

  const place = placeIn(dir);
  const refused = await packWithCli(place, root, [], { timeoutMs: 120_000 });
  assert.equal(refused.code, 1, refused.stderr);
  assert.deepEqual(errorLines(refused.stderr), [`PACK_LIMIT_EXCEEDED:max_entries (${TINY} > 50000) (raise with --max-entries N or limits.maxEntries in llm-packer.config.json)`]);
  assert.equal(await exists(place.casRoot), false, 'nothing stored before the limits passed');
  assert.equal(await exists(place.out), false);

  const started = performance.now();
  const packed = await packWithCli(place, root, ['--max-entries', String(TINY)], { timeoutMs: 900_000 });
  assert.equal(packed.code, 0, packed.stderr);
  const packMs = performance.now() - started;
  await checkPackTruth(place, expected);
  t.diagnostic(`pack of ${TINY} files ${Math.round(packMs / 1000)} s; verify and consume compared every file`);
});

test('a 2 GiB sparse file with raised limits: streamed, stored and rebuilt byte-exactly; omitted where it is not text', async (t) => {
  const dir = await tempDir(t);
  const root = join(dir, 'root');
  const size = 2 ** 31;
  // An AGS checkout (the ags scope refuses any other tree): four of its bucket folders.
  await writeFiles(root, { 'LAW/small.md': '# small\n', 'CAPABILITY/a.md': '# a\n', 'NAVIGATION/b.md': '# b\n', 'MEMORY/c.md': '# c\n' });
  // Text at both ends, a hole of zeros between: the AGS scope packs by name, so it is packed.
  await writeFile(join(root, 'LAW', 'huge.md'), '# head of a huge file\n');
  await truncate(join(root, 'LAW', 'huge.md'), size);
  const fh = await open(join(root, 'LAW', 'huge.md'), 'r+');
  await fh.write('\n# tail\n', size - 8);
  await fh.close();
  const limits = ['--max-entry-bytes', String(size), '--max-total-bytes', String(size + 1024)];

  const place = placeIn(dir);
  const refused = await packWithCli(place, root, ['--scope', 'ags'], { timeoutMs: 60_000 });
  assert.equal(refused.code, 1);
  assert.match(errorLines(refused.stderr)[0]!, /^PACK_LIMIT_EXCEEDED:max_entry_bytes \(2147483648 > 2097152\)/);

  // LITE only (FULL and SPLIT would copy the same 2 GiB twice more): store, repo/ copy, manifest.
  const packed = await packWithCli(place, root, ['--scope', 'ags', '--no-full', '--no-split', ...limits], { timeoutMs: 900_000 });
  assert.equal(packed.code, 0, packed.stderr);
  const entries = await readManifest(place.out);
  const layout = [['CAPABILITY/a.md', 4], ['MEMORY/c.md', 4], ['NAVIGATION/b.md', 4]] as const;
  const expectedAgs = [...layout, ['LAW/huge.md', size], ['LAW/small.md', 8]].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  assert.deepEqual(entries.map((e) => [e.path, e.bytes]), expectedAgs);
  await checkPackTruth(place); // verify rehashes it; consume rebuilds it and its hash is compared
  const copy = await open(join(place.out, 'repo', 'LAW', 'huge.md'), 'r');
  const tail = Buffer.alloc(8);
  await copy.read(tail, 0, 8, size - 8);
  await copy.close();
  assert.equal(tail.toString(), '\n# tail\n');

  // The repo scope decides text by content: a file of zeros is not text, and is listed, not read.
  const repo = placeIn(dir, 'OUT-repo');
  const r = await packWithCli(repo, root, ['--scope', 'repo', ...limits], { timeoutMs: 300_000 });
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual((await readManifest(repo.out)).map((e) => e.path), ['CAPABILITY/a.md', 'LAW/small.md', 'MEMORY/c.md', 'NAVIGATION/b.md']);
  const omitted = JSON.parse(await readFile(join(repo.out, 'meta', 'REPO_OMITTED_BINARIES.json'), 'utf8'));
  assert.deepEqual(omitted.files, [{ bytes: size, path: 'LAW/huge.md' }]);
  await checkPackTruth(repo);
  await rm(root, { recursive: true, force: true });
});

test('files rewritten while the built CLI packs them: every pack agrees with its manifest (8 rounds)', async (t) => {
  const dir = await tempDir(t);
  const root = join(dir, 'root');
  const big = Buffer.from(`streamed ${'b'.repeat(100)}\n`.repeat(50_000)); // 5.5 MB
  const files: Record<string, string | Buffer> = { 'live/big.txt': big };
  for (let i = 0; i < 150; i++) files[`calm/f${i}.md`] = `calm ${i}\n`.repeat(80);
  await writeFiles(root, files);
  const outcomes: string[] = [];
  for (let round = 0; round < 8; round++) {
    let running = true;
    let versions = 0;
    const mutator = (async () => {
      while (running) {
        versions++;
        await writeFile(join(root, 'live', 'small.txt'), `version ${versions}\n${'s'.repeat((versions * 7919) % 30_000)}`);
        const fh = await open(join(root, 'live', 'big.txt'), 'r+');
        await fh.write(`[patch ${versions}]`.padEnd(32 << 10, 'p'), (versions * 104_729) % (big.length - (32 << 10)));
        await fh.close();
        await yieldLoop();
      }
    })();
    const place = placeIn(join(dir, `round-${round}`));
    await mkdir(place.dir);
    const r = await packWithCli(place, root, ['--max-entry-bytes', String(8 << 20), ...(round % 2 ? ['--zip'] : [])], { timeoutMs: 300_000 });
    running = false;
    await mutator;
    if (r.code === 0) {
      const entries = await checkPackTruth(place);
      for (const path of ['live/big.txt', 'live/small.txt']) {
        const e = entries.find((x) => x.path === path);
        if (e && round % 2 === 0) assert.equal(`sha256:${sha256(await readFile(join(place.out, 'repo', path)))}`, e.ref, `${path}: repo/ copy`);
      }
      outcomes.push(`PASS (${versions} rewrites)`);
    } else {
      assert.equal(r.code, 1, r.stderr);
      assert.match(errorLines(r.stderr)[0]!, /^(CAS_SOURCE_CHANGED|PACK_LIMIT_EXCEEDED|PACK_P2_MISSING_SOURCE):/);
      assert.equal(await exists(place.out), false);
      outcomes.push(errorLines(r.stderr)[0]!.split(':')[0]!);
    }
  }
  t.diagnostic(outcomes.join('; '));
});
