/**
 * The path-rule fuzz (issue 16), shared by the quick test and the stress test: random trees and
 * manifests from a generator that favours what breaks file systems — case and NFC/NFD twins,
 * names near the length limit, Windows device names, `.git` and its aliases, a file and a folder
 * of one name — and two properties:
 *  - consume either rebuilds a manifest exactly or refuses it with exit 2 and writes nothing;
 *  - pack never reports PASS for a tree its own consume would refuse.
 */
import assert from 'node:assert/strict';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import fc from 'fast-check';
import { consumePack, isPackerError, openCas, runPack } from '../../src/index.js';
import { fileExt } from '../../src/manifest/index.js';
import { canonicalJson, compareCodePoints, sha256Hex } from '../../src/util/index.js';

const nameAtom = fc.oneof(
  { weight: 10, arbitrary: fc.constantFrom('a', 'b', 'lib', 'src', 'x.md', 'y.ts', 'b c', 'caf\u00E9', 'n'.repeat(238)) },
  { weight: 3, arbitrary: fc.constantFrom('A', 'README', 'readme', 'Src', 'X.md', 'cafe\u0301') },
  { weight: 1, arbitrary: fc.constantFrom('.git', '.GIT', 'git~1', 'GIT~1', '.git.', '.git ', '.g\u200Cit', '\uFEFF.git', '.gitignore', '.github') },
  { weight: 1, arbitrary: fc.constantFrom('CON', 'con.txt', 'nul', 'COM1.md', 'lpt9', 'aux.c', 'console', 'nul_', 'x.', 'y ', 'a:b', 'a\\b', 'C:', 'q?', 'p*') },
  { weight: 1, arbitrary: fc.integer({ min: 230, max: 255 }).map((n) => 'n'.repeat(n)) },
  { weight: 1, arbitrary: fc.integer({ min: 110, max: 130 }).map((n) => '\u00E9'.repeat(n)) },
);

/** A path of 1 to 3 names (a name may not hold `/` or NUL, so every path can be a Linux file). */
const pathArb = fc.array(nameAtom, { minLength: 1, maxLength: 3 }).map((names) => names.join('/'));

/** A few paths, often sharing folders, sometimes one a folder of another. */
export const pathsArb = fc
  .uniqueArray(pathArb, { minLength: 1, maxLength: 5 })
  .chain((paths) => fc.oneof({ weight: 4, arbitrary: fc.constant(paths) }, { weight: 1, arbitrary: fc.constant([...paths, `${paths[0]}/inner.txt`]) }))
  .map((paths) => [...new Set(paths)].sort(compareCodePoints));

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/')).sort(compareCodePoints);
}

async function snapshot(dir: string): Promise<string> {
  return JSON.stringify(await readdir(dir, { recursive: true }).then((n) => n.map(String).sort()));
}

/** Property 1: consume rebuilds exactly or refuses with exit 2, writing nothing. */
export async function consumeRebuildsOrRefuses(work: string, paths: readonly string[]): Promise<'rebuilt' | 'refused'> {
  const cas = openCas(join(work, 'cas'));
  const entries = [];
  for (const [i, path] of paths.entries()) {
    const { hash, size } = await cas.putBytes(Buffer.from(`file ${i}\n`));
    entries.push({ bytes: size, ext: fileExt(path), kind: 'FILE', path, ref: `sha256:${hash}` });
  }
  const source = join(work, 'm.json');
  await writeFile(source, `${canonicalJson({ buckets: [], entries, repo_state: {}, scope: 'repo', version: 'P2.0' })}\n`);
  const out = join(work, 'out');
  const before = await snapshot(work);
  try {
    await consumePack({ cas, source, out });
  } catch (err) {
    assert.ok(isPackerError(err), `a coded error, got ${String(err)}`);
    assert.equal(err.exitCode, 2, `refused with exit 2: ${err.message}`);
    assert.equal(await snapshot(work), before, `nothing written for ${JSON.stringify(paths)}`);
    return 'refused';
  }
  assert.deepEqual(await listFiles(out), [...paths], 'exactly the manifest paths');
  for (const [i, path] of paths.entries()) assert.equal(await readFile(join(out, path), 'utf8'), `file ${i}\n`, path);
  return 'rebuilt';
}

/** Property 2: a tree pack accepts is one its consume rebuilds exactly; otherwise pack refuses. */
export async function packNeverPassesWhatConsumeRefuses(work: string, paths: readonly string[]): Promise<'packed' | 'refused' | 'unwritable' | 'empty'> {
  const root = join(work, 'root');
  const files = new Map<string, string>();
  try {
    for (const [i, path] of paths.entries()) {
      await mkdir(join(root, ...path.split('/').slice(0, -1)), { recursive: true });
      await writeFile(join(root, path), `file ${i} ${path}\n`);
      files.set(path, `file ${i} ${path}\n`);
    }
  } catch {
    // A file and a folder of one name cannot both be written here either: nothing to pack.
    return 'unwritable';
  }
  const store = { casRoot: join(work, 'cas'), runsDir: join(work, 'runs') };
  let verdict: string;
  try {
    verdict = (await runPack({ root, outDir: join(work, 'pack'), ...store })).refs.verdict;
  } catch (err) {
    assert.ok(isPackerError(err), String(err));
    // A tree whose only files the walk never takes (a file named `.git`) is empty: no PASS either.
    if (err.code === 'PACK_EMPTY') return 'empty';
    assert.equal(err.code, 'PACK_UNPORTABLE_PATH', err.message);
    return 'refused';
  }
  assert.equal(verdict, 'PASS');
  const out = join(work, 'rebuilt');
  await consumePack({ cas: openCas(store.casRoot), source: join(work, 'pack'), out });
  const rebuilt = await listFiles(out);
  // The walk never takes `.git` itself; everything else it took is rebuilt byte for byte.
  for (const path of rebuilt) assert.equal(sha256Hex(await readFile(join(out, path))), sha256Hex(Buffer.from(files.get(path)!)), path);
  assert.deepEqual(rebuilt, [...files.keys()].filter((p) => rebuilt.includes(p)));
  return 'packed';
}

/** Run both properties `runs` times each in fresh folders under `dir`; returns the outcome counts. */
export async function fuzzPaths(dir: string, runs: { consume: number; pack: number }): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  let n = 0;
  const fresh = async () => {
    const work = join(dir, `w${n++}`);
    await mkdir(work);
    return work;
  };
  const tally = (k: string): void => {
    counts[k] = (counts[k] ?? 0) + 1;
  };
  await fc.assert(fc.asyncProperty(pathsArb, async (paths) => tally(`consume ${await consumeRebuildsOrRefuses(await fresh(), paths)}`)), { numRuns: runs.consume });
  await fc.assert(fc.asyncProperty(pathsArb, async (paths) => tally(`pack ${await packNeverPassesWhatConsumeRefuses(await fresh(), paths)}`)), { numRuns: runs.pack });
  await rm(dir, { recursive: true, force: true });
  return counts;
}
