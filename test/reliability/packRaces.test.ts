/**
 * Trees that change under a running pack (issue 7, item 5): a file deleted between the walk and
 * its read fails the run cleanly; files rewritten while they are read (a small one, and one above
 * 4 MiB on the streamed path) give a pack whose manifest, store, FULL text and repo/ copies all
 * hold the same bytes, or a clean failure; never a PASS over bytes the manifest does not name.
 */
import assert from 'node:assert/strict';
import { open, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setImmediate as yieldLoop } from 'node:timers/promises';
import { test } from 'node:test';
import { addRoots, isPackerError, openCas, runPack, type RunPackOptions } from '../../src/index.js';
import { recordPackRun } from '../../src/runRecord/index.js';
import { collectFiles } from '../../src/walk/index.js';
import { tempDir } from '../helpers/tmp.js';
import { checkStore, exists, listAll, sha256, writeFiles } from './kit.js';
import { checkPackTruth, placeIn } from './packCheck.js';

const BIG = (5 << 20) + 12_345;
const LIMITS = { maxEntryBytes: 16 << 20, maxTotalBytes: 64 << 20 };

function bigText(tag: string): Buffer {
  const line = `${tag} ${'b'.repeat(90)}\n`;
  return Buffer.from(line.repeat(Math.ceil(BIG / line.length))).subarray(0, BIG);
}

test('a file deleted between the walk and its read: PACK_P2_MISSING_SOURCE, nothing published', async (t) => {
  const dir = await tempDir(t);
  const root = join(dir, 'root');
  await writeFiles(root, { 'a.txt': 'a\n', 'gone.txt': 'deleted mid-run\n', 'big/gone.txt': bigText('gone') });
  const place = placeIn(dir);
  const options: RunPackOptions = { root, outDir: place.out, casRoot: place.casRoot, runsDir: place.runsDir, limits: LIMITS };
  for (const victim of ['gone.txt', 'big/gone.txt']) {
    const deleteAfterWalk: typeof collectFiles = async (input) => {
      const selection = await collectFiles(input);
      assert.ok(selection.files.some((f) => f.path === victim));
      await unlink(join(root, victim));
      return selection;
    };
    await assert.rejects(runPack(options, { collectFiles: deleteAfterWalk }), (err) => {
      assert.ok(isPackerError(err));
      assert.equal(err.message, `PACK_P2_MISSING_SOURCE:${victim}`);
      return true;
    });
    assert.equal(await exists(place.out), false, 'no pack published');
    assert.deepEqual((await listAll(dir)).filter((n) => n.endsWith('.tmp')), [], 'no staging left behind');
    if (await exists(place.casRoot)) await checkStore(place.casRoot, place.runsDir, `after deleting ${victim}`);
    await writeFile(join(root, victim), victim.startsWith('big/') ? bigText('back') : 'back\n');
  }
});

/** Rewrite `small` whole and patch `big` in place, as fast as the event loop allows, until stopped. */
function mutate(small: string, big: string): { stop: () => Promise<number> } {
  let running = true;
  let versions = 0;
  const done = (async () => {
    while (running) {
      versions++;
      await writeFile(small, `version ${versions}\n${'s'.repeat((versions * 7919) % 20_000)}\n`);
      const fh = await open(big, 'r+');
      try {
        const patch = Buffer.from(`[patch ${versions}]`.padEnd(64 << 10, 'p'));
        await fh.write(patch, 0, patch.length, (versions * 104_729) % (BIG - patch.length));
      } finally {
        await fh.close();
      }
      await yieldLoop();
    }
  })();
  return { stop: async () => ((running = false), await done, versions) };
}

test('files rewritten while they are packed: the manifest, the store, FULL and repo/ agree', async (t) => {
  const dir = await tempDir(t);
  const root = join(dir, 'root');
  const files: Record<string, string | Buffer> = { 'live/big.txt': bigText('big') };
  for (let i = 0; i < 60; i++) files[`calm/f${i}.md`] = `calm ${i}\n`.repeat(50);
  await writeFiles(root, files);
  const outcomes: string[] = [];
  for (let round = 0; round < 2; round++) {
    const place = placeIn(join(dir, `round-${round}`));
    const mutator = mutate(join(root, 'live', 'small.txt'), join(root, 'live', 'big.txt'));
    let summary;
    try {
      summary = await runPack({ root, outDir: place.out, casRoot: place.casRoot, runsDir: place.runsDir, limits: LIMITS, modes: { split: false } });
    } catch (err) {
      assert.ok(isPackerError(err) && ['CAS_SOURCE_CHANGED', 'PACK_LIMIT_EXCEEDED'].includes(err.code), String(err));
      assert.equal(await exists(place.out), false, 'no pack published after a failure');
      outcomes.push(err.code);
      continue;
    } finally {
      outcomes.push(`${await mutator.stop()} rewrites`);
    }
    assert.equal(summary.refs.verdict, 'PASS');
    const entries = await checkPackTruth(place);
    const full = await readFile(join(place.out, 'FULL', `REPO-FULL-${summary.stamp}.md`), 'utf8');
    const cas = openCas(place.casRoot);
    for (const path of ['live/big.txt', 'live/small.txt']) {
      const entry = entries.find((e) => e.path === path);
      if (entry === undefined) continue; // small.txt may not exist yet when the walk ran
      const stored = await cas.get(entry.ref.slice('sha256:'.length));
      assert.equal(stored.length, entry.bytes, `${path}: stored size is the manifest's`);
      assert.ok((await readFile(join(place.out, 'repo', path))).equals(stored), `${path}: repo/ copy is the stored bytes`);
      assert.ok(full.includes(stored.toString('utf8')), `${path}: FULL holds the stored text`);
    }
    outcomes.push(`PASS, big.txt ${sha256(await readFile(join(place.out, 'repo', 'live', 'big.txt'))).slice(0, 8)}`);
    await rm(join(root, 'live', 'small.txt'), { force: true });
  }
  t.diagnostic(outcomes.join('; '));
});

test('a collector with no grace taking the run records before they are rooted: the pack still verifies', async (t) => {
  const dir = await tempDir(t);
  const root = join(dir, 'root');
  await writeFiles(root, { 'a.txt': 'a\n', 'b.md': '# b\n' });
  for (const victim of ['TASK_SPEC', 'STATUS'] as const) {
    const place = placeIn(join(dir, victim));
    const cas = openCas(place.casRoot);
    // What `gc --apply --grace 0` may do between a record's store and its rooting: delete it.
    const collectFirst: typeof addRoots = async (runsDir, hashes, options) => {
      const isStatus = hashes.length === 1;
      if (isStatus === (victim === 'STATUS')) assert.equal(await cas.delete(hashes[0]!), true);
      return addRoots(runsDir, hashes, options);
    };
    const summary = await runPack(
      { root, outDir: place.out, casRoot: place.casRoot, runsDir: place.runsDir },
      { recordPackRun: (input) => recordPackRun(input, { addRoots: collectFirst }) },
    );
    assert.equal(summary.refs.verdict, 'PASS');
    await checkPackTruth(place);
    await checkStore(place.casRoot, place.runsDir, `after losing ${victim} before its rooting`);
  }
});
