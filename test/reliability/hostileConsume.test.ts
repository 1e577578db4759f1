/**
 * Hostile input to `consume` through the CLI (issue 7, item 4): each manifest below is valid but
 * for one trap, and its objects are in the store with the right sizes, so only the check stands
 * between the trap and the disk. Each gets one error line, and the whole temp folder (in and
 * around the out folder) is byte-identical before and after.
 */
import assert from 'node:assert/strict';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { openCas } from '../../src/index.js';
import { fileExt } from '../../src/manifest/index.js';
import { canonicalJson, compareCodePoints, mapLimit } from '../../src/util/index.js';
import { runInProcess } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { errorLines, runChild, snapshot } from './kit.js';

/** Cases also run through the built binary in a child process (all run through the CLI's main()). */
const BINARY_TOO = new Set(['absolute path', '.. at the start', 'bytes that lie (more)', 'pretty JSON', 'out is a symlink to a folder']);

/** The same object with its keys in reverse order (so JSON.stringify does not sort them). */
function reversedKeys(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).reverse());
}

type Entry = { bytes: number; ext: string; kind: string; path: string; ref: string; [k: string]: unknown };

test('hostile manifests and out folders: one clear error each, nothing written inside or outside', async (t) => {
  const dir = await tempDir(t);
  const casRoot = join(dir, 'cas');
  const cas = openCas(casRoot);
  const put = async (text: string) => {
    const { hash, size } = await cas.putBytes(Buffer.from(text));
    return { bytes: size, ref: `sha256:${hash}` };
  };
  const evil = await put('EVIL payload\n');
  const good = await put('a good file\n');
  const entry = (path: string, blob = evil): Entry => ({ ...blob, ext: fileExt(path), kind: 'FILE', path });
  const manifestOf = (entries: Entry[]) => ({ buckets: [], entries, repo_state: {}, scope: 'repo', version: 'P2.0' });
  const canonical = (entries: Entry[]) => `${canonicalJson(manifestOf(entries))}\n`;
  const sorted = (entries: Entry[]) => [...entries].sort((a, b) => compareCodePoints(a.path, b.path));
  const withGood = (e: Entry) => canonical(sorted([e, entry('z-good.txt', good)]));

  await mkdir(join(dir, 'elsewhere'));
  await symlink(join(dir, 'elsewhere'), join(dir, 'out-link'));
  await symlink(join(dir, 'nowhere'), join(dir, 'out-dangling'));
  await writeFile(join(dir, 'good.json'), withGood(entry('ok.txt')));

  const cases: { name: string; manifest?: string; out?: string; code: number; error: RegExp }[] = [
    { name: 'absolute path', manifest: withGood(entry(join(dir, 'evil-abs.txt'))), code: 2, error: /^CONSUME_UNSAFE_PATH: unsafe path ".*": absolute path$/ },
    { name: '.. at the start', manifest: withGood(entry('../evil.txt')), code: 2, error: /^CONSUME_UNSAFE_PATH: unsafe path "\.\.\/evil\.txt": "\.\." segment$/ },
    { name: '.. in the middle', manifest: withGood(entry('a/../../evil.txt')), code: 2, error: /^CONSUME_UNSAFE_PATH: .*"\.\." segment$/ },
    { name: '. segment', manifest: withGood(entry('a/./evil.txt')), code: 2, error: /^CONSUME_UNSAFE_PATH: .*"\." segment$/ },
    { name: 'empty segment', manifest: withGood(entry('a//evil.txt')), code: 2, error: /^CONSUME_UNSAFE_PATH: .*empty segment$/ },
    { name: 'backslash', manifest: withGood(entry('..\\evil.txt')), code: 2, error: /^CONSUME_UNSAFE_PATH: .*backslash$/ },
    { name: 'drive letter', manifest: withGood(entry('C:/evil.txt')), code: 2, error: /^CONSUME_UNSAFE_PATH: .*drive letter$/ },
    { name: 'drive-relative', manifest: withGood(entry('c:evil.txt')), code: 2, error: /^CONSUME_UNSAFE_PATH: .*drive letter$/ },
    { name: 'NUL byte', manifest: withGood(entry('a\0b.txt')), code: 2, error: /^CONSUME_UNSAFE_PATH: .*NUL byte$/ },
    { name: 'duplicate path', manifest: canonical([entry('dup.txt', good), entry('dup.txt')]), code: 2, error: /^CONSUME_UNSAFE_PATH: duplicate path "dup\.txt"$/ },
    { name: 'paths differing by case', manifest: canonical([entry('README.md', good), entry('Readme.md')]), code: 2, error: /^CONSUME_UNSAFE_PATH: paths differ only by case/ },
    { name: 'folders differing by case', manifest: canonical([entry('A/x.txt', good), entry('a/y.txt')]), code: 2, error: /^CONSUME_UNSAFE_PATH: paths differ only by case: "A" and "a" \(a pack made with --allow-unportable-paths: consume it with --allow-unportable-paths where the file system can hold these names\)$/ },
    { name: 'bytes that lie (more)', manifest: withGood({ ...entry('ok.txt'), bytes: evil.bytes + 1 }), code: 2, error: /^MANIFEST_INVALID: ok\.txt: manifest says \d+ bytes, object [0-9a-f]{64} has \d+$/ },
    { name: 'bytes that lie (fewer)', manifest: withGood({ ...entry('ok.txt'), bytes: 1 }), code: 2, error: /^MANIFEST_INVALID: ok\.txt: manifest says 1 bytes/ },
    { name: 'unknown entry field', manifest: withGood({ ...entry('ok.txt'), mode: 420 }), code: 2, error: /^MANIFEST_INVALID: entries\.0: Unrecognized key: "mode"$/ },
    { name: 'unknown top-level field', manifest: `${canonicalJson({ ...manifestOf([entry('ok.txt')]), x: 1 })}\n`, code: 2, error: /^MANIFEST_INVALID: \(root\): Unrecognized key: "x"$/ },
    { name: 'pretty JSON', manifest: `${JSON.stringify(manifestOf([entry('ok.txt')]), null, 2)}\n`, code: 2, error: /^MANIFEST_INVALID: not canonical JSON/ },
    { name: 'keys out of order', manifest: `${JSON.stringify(reversedKeys(manifestOf([entry('ok.txt')])))}\n`, code: 2, error: /^MANIFEST_INVALID: not canonical JSON/ },
    { name: 'no final newline', manifest: canonicalJson(manifestOf([entry('ok.txt')])), code: 2, error: /^MANIFEST_INVALID: not canonical JSON/ },
    { name: 'escaped slash', manifest: withGood(entry('ok.txt')).replace('"ok.txt"', '"ok\\u002etxt"'), code: 2, error: /^MANIFEST_INVALID: not canonical JSON/ },
    { name: 'entries out of order', manifest: canonical([entry('b.txt'), entry('a.txt', good)]), code: 2, error: /^MANIFEST_INVALID: entries not sorted by path at "a\.txt"$/ },
    { name: 'wrong ext', manifest: withGood({ ...entry('ok.txt'), ext: '.md' }), code: 2, error: /^MANIFEST_INVALID: entries\[0\]\.ext is "\.md", expected "\.txt"$/ },
    { name: 'ref not in the store', manifest: withGood({ ...entry('ok.txt'), ref: `sha256:${'0'.repeat(64)}` }), code: 1, error: /^CAS_NOT_FOUND: ok\.txt: object 0{64} is not in the store$/ },
    { name: 'bad ref', manifest: withGood({ ...entry('ok.txt'), ref: 'sha256:XYZ' }), code: 2, error: /^MANIFEST_INVALID: entries\.0\.ref: not a sha256:<64 lowercase hex> ref$/ },
    { name: 'not JSON', manifest: '{"entries": [', code: 2, error: /^MANIFEST_INVALID: not UTF-8 JSON$/ },
    { name: 'not UTF-8', manifest: Buffer.from([0x7b, 0xff, 0x7d]).toString('latin1'), code: 2, error: /^MANIFEST_INVALID: not UTF-8 JSON$/ },
    { name: 'out is a symlink to a folder', out: 'out-link', code: 2, error: /^CONSUME_OUT_EXISTS: out-link already exists; consume never overwrites$/ },
    { name: 'out is a dangling symlink', out: 'out-dangling', code: 2, error: /^CONSUME_OUT_EXISTS: out-dangling already exists/ },
    { name: 'out exists', out: 'elsewhere', code: 2, error: /^CONSUME_OUT_EXISTS: elsewhere already exists/ },
  ];

  // Every case gets its own manifest file and out name, so the runs can go side by side and a
  // stray write would say which case made it.
  const sourceOf = (i: number) => (cases[i]!.manifest === undefined ? 'good.json' : `case-${i}.json`);
  for (const [i, c] of cases.entries()) {
    if (c.manifest === undefined) continue;
    await writeFile(join(dir, sourceOf(i)), c.name === 'not UTF-8' ? Buffer.from(c.manifest, 'latin1') : c.manifest);
  }
  const before = await snapshot(dir);
  await mapLimit([...cases.keys()], 3, async (i) => {
    const c = cases[i]!;
    const out = c.out ?? `out-${i}`;
    const argv = ['consume', sourceOf(i), '--out', out, '--cas-root', casRoot];
    // The CLI's own main(), in this process; a few through the built binary as well.
    const r = BINARY_TOO.has(c.name) ? await runChild(argv, { cwd: dir, timeoutMs: 30_000 }) : await runInProcess(argv, dir);
    assert.equal(r.code, c.code, `${c.name}: exit ${r.code}\n${r.stderr}`);
    assert.equal(r.stdout, '', `${c.name}: nothing on stdout`);
    const lines = errorLines(r.stderr);
    assert.equal(lines.length, 1, `${c.name}: one line, got ${JSON.stringify(lines)}`);
    assert.match(lines[0]!, c.error, c.name);
  });
  assert.deepEqual(await snapshot(dir), before, 'nothing written anywhere in the temp folder');
  // The same manifest without a trap goes through, so the traps above are what stopped each run.
  const ok = await runChild(['consume', 'good.json', '--out', 'out', '--cas-root', casRoot], { cwd: dir });
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal((await snapshot(join(dir, 'out')))?.size, 2);
  t.diagnostic(`${cases.length} hostile inputs refused, 0 bytes written`);
});
