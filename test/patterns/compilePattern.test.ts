/**
 * The one door for user patterns (src/patterns): the same answers as picomatch and git on
 * ordinary patterns, linear time on the patterns that make them backtrack, and one clear error
 * naming the pattern and its source for what it refuses.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import picomatch from 'picomatch';
import { compilePattern, parseGitignore } from '../../src/patterns/index.js';

const SRC = { file: 'llm-packer.config.json' };

test('globs answer as picomatch (dot: true) on ordinary patterns', () => {
  const patterns = ['*.md', 'src/**', 'src/**/*.ts', '**/*.ts', '**/test/**', 'a/*/c', 'a/?.txt', 'docs/[a-c]*.md', 'docs/[^a]*', '*', '**', '{src,lib}/**/*.{js,ts}', '.github/**', 'x/**/y/**/z'];
  const paths = ['a.md', 'dir/a.md', 'src/a.ts', 'src/x/y/b.ts', 'lib/q.js', 'lib/q.ts', 'a/b/c', 'a/bb/c', 'a/x.txt', 'a/xy.txt', 'docs/b1.md', 'docs/a1.md', 'docs/d/e.md', '.github/w.yml', 'x/y/z', 'x/1/y/2/z', 'test/t.ts', 'p/test/q/r.ts', '.env'];
  for (const pattern of patterns) {
    const ours = compilePattern(pattern, SRC);
    const theirs = picomatch(pattern, { dot: true, windows: false });
    for (const path of paths) assert.equal(ours(path), theirs(path), `${pattern} on ${path}`);
  }
});

test('property: globs of letters, /, * and ? answer as picomatch', () => {
  const piece = fc.constantFrom('a', 'b', '/', '*', '?', '.');
  const pattern = fc.array(piece, { minLength: 1, maxLength: 6 }).map((p) => p.join('')).filter((p) => !p.includes('**') && !p.includes('//') && !p.startsWith('/') && !p.endsWith('/'));
  const path = fc.array(fc.constantFrom('a', 'b', '.a', 'ab', 'b.a'), { minLength: 1, maxLength: 4 }).map((p) => p.join('/'));
  fc.assert(
    fc.property(pattern, path, (p, s) => {
      assert.equal(compilePattern(p, SRC)(s), picomatch(p, { dot: true, windows: false })(s), `${p} on ${s}`);
    }),
    { numRuns: 500 },
  );
});

test('gitignore lines: comments, negation, folder-only, anchoring, escapes, trailing spaces, CRLF, BOM', () => {
  const rules = parseGitignore('\uFEFF# c\n\n*.log\r\n!keep.log\nbuild/\n/top\nfoo\\ \nbar  \n\\#x\n\\!y\nq/**/z\n[\n', '.gitignore');
  const shape = rules.map((r) => [r.line, r.negate, r.dirOnly, r.basename]);
  assert.deepEqual(shape, [[3, false, false, true], [4, true, false, true], [5, false, true, true], [6, false, false, false], [7, false, false, true], [8, false, false, true], [9, false, false, true], [10, false, false, true], [11, false, false, false], [12, false, false, true]]);
  const t = (i: number, s: string) => rules[i]!.test(s);
  assert.ok(t(0, 'a.log') && !t(0, 'a.log.txt'));
  assert.ok(t(3, 'top') && !t(3, 'x/top'));
  assert.ok(t(4, 'foo ') && !t(4, 'foo'));
  assert.ok(t(5, 'bar') && !t(5, 'bar '));
  assert.ok(t(6, '#x') && t(7, '!y'));
  assert.ok(t(8, 'q/z') && t(8, 'q/a/b/z') && !t(8, 'qq/z'));
  assert.equal(t(9, '['), false, 'an unclosed [ matches nothing, as in git');
});

test('patterns that make picomatch and ignore backtrack for minutes answer at once', () => {
  // picomatch needs ~5 s for 3 stars and ~55 s for 4 on this name; ignore needs minutes for 9 `**`.
  const name = 'a'.repeat(200);
  assert.equal(compilePattern(`${'*a'.repeat(12)}*b`, SRC)(name), false);
  assert.equal(compilePattern(`${'*a'.repeat(12)}*`, SRC)(name), true);
  const deep = Array.from({ length: 200 }, () => 'a').join('/');
  const [rule] = parseGitignore(`${'**/a/'.repeat(9)}b\n`, '.gitignore');
  assert.equal(rule!.test(deep), false);
  assert.equal(rule!.test(`${deep}/b`), true);
});

test('refused patterns name themselves and their source: too long, brace bombs, extglobs', () => {
  assert.throws(() => parseGitignore(`ok\n${'x'.repeat(5000)}\n`, 'sub/.gitignore'), (err: Error & { code?: string }) => {
    assert.equal(err.code, 'PATTERN_INVALID');
    assert.match(err.message, /^PATTERN_INVALID: pattern "x{77}\.\.\." \(from sub\/\.gitignore:2\): longer than 4096 characters \(5000\)$/);
    return true;
  });
  assert.throws(() => compilePattern('{a,b}'.repeat(9), SRC), /PATTERN_INVALID: .*\(from llm-packer\.config\.json\): \{…\} alternatives expand to more than 256 patterns/);
  assert.throws(() => compilePattern('+(a|b)*', SRC), /PATTERN_INVALID: .*extended globs/);
  assert.throws(() => compilePattern('a[b', SRC), /PATTERN_INVALID: .*unclosed \[/);
  assert.equal(compilePattern('{a,b}'.repeat(8), SRC)('ab'.repeat(4)), true, '256 alternatives are fine');
});
