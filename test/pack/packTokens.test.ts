import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { DOMParser } from '@xmldom/xmldom';
import fc from 'fast-check';
import { countTokens as o200k } from 'gpt-tokenizer/encoding/o200k_base';
import { countTokens as cl100k } from 'gpt-tokenizer/encoding/cl100k_base';
import { OUTPUT_STYLES, PackerError, runPack, type OutputStyle, type RunPackOptions } from '../../src/index.js';
import { tempDir } from '../helpers/tmp.js';
import { hostileText } from '../tokens/tokenText.js';
import { readTree, writeTree } from './packFixtures.js';

const AS_TEXT = { disallowedSpecial: new Set<string>() };
const fresh = (text: string, encoding = 'o200k_base') => (encoding === 'o200k_base' ? o200k : cl100k)(text, AS_TEXT);

const treeArb = fc.dictionary(
  fc.constantFrom('a.md', 'b.ts', 'src/c.py', 'src/deep/d.txt', 'e.json', 'x/y.xml', 'z/w.js', '`t`.md'),
  hostileText(25).map((t) => t.replace(/\0/g, '')),
  { minKeys: 1, maxKeys: 6 },
);

async function pack(t: { after: (fn: () => unknown) => void }, files: Record<string, string>, options: Partial<RunPackOptions> = {}) {
  const dir = await tempDir(t as never);
  const root = join(dir, 'root');
  await writeTree(root, files);
  const outDir = join(dir, 'out');
  const summary = await runPack({ root, outDir, casRoot: join(dir, 'cas'), runsDir: join(dir, 'runs'), tokenWorkers: 0, ...options });
  return { dir, root, outDir, summary, tree: await readTree(outDir) };
}

for (const style of OUTPUT_STYLES) {
  test(`${style}: tokens.total is the exact count of the FULL file as written, on hostile contents`, async (t) => {
    await fc.assert(
      fc.asyncProperty(treeArb, fc.constantFrom('o200k_base', 'cl100k_base') as fc.Arbitrary<'o200k_base' | 'cl100k_base'>, async (files, encoding) => {
        const { summary, tree } = await pack(t, files, { style: style as OutputStyle, encoding });
        const full = tree.get(summary.fullFile!.slice(summary.outDir.length + 1))!.toString('utf8');
        assert.equal(summary.tokens.total, fresh(full, encoding));
        const meta = JSON.parse(tree.get('meta/TOKENS.json')!.toString()) as { total: number; split: { file: string; tokens: number }[] };
        assert.equal(meta.total, summary.tokens.total);
        for (const s of meta.split) assert.equal(s.tokens, fresh(tree.get(s.file)!.toString('utf8'), encoding), s.file);
        if (style === 'json') JSON.parse(full);
        if (style === 'xml') {
          const errors: string[] = [];
          new DOMParser({ onError: (level, msg) => void (level !== 'warning' && errors.push(msg)) }).parseFromString(full, 'text/xml');
          assert.deepEqual(errors, []);
        }
      }),
      { numRuns: 6 },
    );
  });
}

test('--split-tokens: every part within N (fresh count), every byte of text kept, the same parts twice', async (t) => {
  const long = Array.from({ length: 400 }, (_, i) => `line ${i}: ${'word '.repeat(i % 13)}\n`).join('');
  const files = { 'a.md': '# small\n', 'big/huge.txt': long, 'big/one-line.txt': 'x'.repeat(3000), 'c.ts': 'export const c = 1;\n' };
  for (const style of OUTPUT_STYLES) {
    const limit = 300;
    const first = await pack(t, files, { splitTokens: limit, style });
    const parts = [...first.tree].filter(([p]) => p.startsWith('SPLIT/') && !p.includes('00_INDEX'));
    assert.ok(parts.length > 5, `${style}: ${parts.length} parts`);
    for (const [p, bytes] of parts) assert.ok(fresh(bytes.toString()) <= limit, `${style} ${p}: ${fresh(bytes.toString())} > ${limit}`);
    assert.deepEqual(first.summary.tokens.split.map((s) => s.tokens), parts.map(([, b]) => fresh(b.toString())));
    const second = await pack(t, files, { splitTokens: limit, style });
    assert.deepEqual([...second.tree].filter(([p]) => p.startsWith('SPLIT/')), [...first.tree].filter(([p]) => p.startsWith('SPLIT/')));
    if (style === 'markdown') {
      const all = parts.map(([, b]) => b.toString()).join('');
      assert.match(all, /## `big\/huge\.txt` \(\d+ bytes; piece 1 of \d+, lines 1-\d+ of 400; continues in the next piece\)/);
      for (const marker of ['line 0:', 'line 399:', '# small', 'export const c']) assert.ok(all.includes(marker), marker);
      assert.equal((all.match(/x/g) ?? []).length >= 3000, true, 'the one long line is cut inside, not dropped');
    }
  }
});

test('--split-tokens too small for a part of its own headings: a usage error, nothing published', async (t) => {
  await assert.rejects(pack(t, { 'a.md': 'hello\n' }, { splitTokens: 5 }), (err: unknown) => err instanceof PackerError && err.code === 'USAGE');
});

test('--token-budget: over it, nothing is published and the error names the largest files and folders', async (t) => {
  const files = { 'docs/big.md': 'many words here '.repeat(400), 'a.txt': 'tiny\n' };
  const dir = await tempDir(t);
  await writeTree(join(dir, 'root'), files);
  const outDir = join(dir, 'out');
  const err = await runPack({ root: join(dir, 'root'), outDir, casRoot: join(dir, 'cas'), runsDir: join(dir, 'runs'), tokenBudget: 100, tokenWorkers: 0 }).catch((e: unknown) => e);
  assert.ok(err instanceof PackerError && err.code === 'PACK_TOKEN_BUDGET', String(err));
  assert.equal(err.exitCode, 1);
  assert.match(err.message, /over the budget of 100; largest files: "docs\/big\.md" \d+, "a\.txt" \d+; largest folders: "docs\/" \d+/);
  await assert.rejects(access(outDir));
  const ok = await pack(t, files, { tokenBudget: 100_000 });
  assert.ok(ok.summary.tokens.total <= 100_000);
});

test('a second pack on the same store counts nothing again', async (t) => {
  const dir = await tempDir(t);
  const root = join(dir, 'root');
  await writeTree(root, { 'a.md': 'alpha\n', 'b/c.ts': 'const b = 2;\n', 'd.txt': 'delta\n' });
  const base = { root, casRoot: join(dir, 'cas'), runsDir: join(dir, 'runs'), tokenWorkers: 1 };
  const cold = await runPack({ ...base, outDir: join(dir, 'o1') });
  const warm = await runPack({ ...base, outDir: join(dir, 'o2') });
  assert.deepEqual(cold.tokens.cache, { hits: 0, misses: 3 });
  assert.deepEqual(warm.tokens.cache, { hits: 3, misses: 0 });
  assert.equal(warm.tokens.total, cold.tokens.total);
});

test('git context: uncommitted changes recorded; --include-diff and --include-log in FULL and meta', async (t) => {
  const dir = await tempDir(t);
  const root = join(dir, 'root');
  await writeTree(root, { 'a.md': 'one\n' });
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=Ann', '-c', 'user.email=ann@example.org', ...args], {
      cwd: root,
      env: { ...process.env, GIT_AUTHOR_DATE: '2024-01-02T03:04:05Z', GIT_COMMITTER_DATE: '2024-01-02T03:04:05Z' },
    });
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('commit', '-qm', 'add a');
  await writeTree(root, { 'a.md': 'two\n' });
  const base = { root, casRoot: join(dir, 'cas'), runsDir: join(dir, 'runs'), packsDir: join(dir, 'packs'), includeDiff: true, includeLog: 3, tokenWorkers: 0 };
  const s = await runPack({ ...base, outDir: join(dir, 'o1') });
  const tree = await readTree(s.outDir);
  const full = (await readFile(s.fullFile!)).toString();
  assert.match(full, /## Git: working tree diff against HEAD \(\d+ bytes\)\n\n```\ndiff --git a\/a\.md b\/a\.md\n[^]*-one\n\+two\n```/);
  assert.match(full, /## Git: the last 1 commits[^]*Author: Ann <ann@example\.org>\nDate: {3}2024-01-02T03:04:05\+00:00\n\n {4}add a\n\na\.md\n/);
  assert.equal(s.tokens.total, fresh(full));
  assert.match(tree.get('meta/GIT_DIFF.patch')!.toString(), /^diff --git a\/a\.md b\/a\.md/);
  assert.equal((JSON.parse(tree.get('meta/GIT_LOG.json')!.toString()) as { commits: unknown[] }).commits.length, 1);
  const provenance = JSON.parse(tree.get('meta/PROVENANCE.json')!.toString()) as { git: unknown };
  assert.deepEqual(provenance.git, { uncommitted_changes: true, untracked_files: 0 });
  const again = await runPack({ ...base, outDir: join(dir, 'o2') });
  assert.deepEqual(await readTree(again.outDir), tree, 'the same repository state gives the same pack');
});
