import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { buildManifest, encodeManifest, parseManifest, unsafePathReason } from '../../src/manifest/index.js';
import { findPathClash, nameProblem } from '../../src/paths/index.js';
import { canonicalJson, compareCodePoints } from '../../src/util/index.js';

const H = 'a'.repeat(64);
const entry = (path: string) => ({ path, bytes: 1, hash: H });

test('buildManifest sorts by code point, derives ext and buckets, drops a detached branch', () => {
  const m = buildManifest({
    scope: 'lab',
    includeDirs: ['THOUGHT/LAB'],
    repoState: { commit: 'c'.repeat(40), branch: 'HEAD' },
    entries: [entry('z.md'), entry('\u{1F600}.txt'), entry('\uFF01.txt'), entry('A/B.MD')],
  });
  assert.deepEqual(m.entries.map((e) => e.path), ['A/B.MD', 'z.md', '\uFF01.txt', '\u{1F600}.txt']);
  assert.equal(m.entries[0]!.ext, '.md');
  assert.deepEqual(m.buckets, []);
  assert.deepEqual(m.repo_state, { commit: 'c'.repeat(40) });
  assert.deepEqual(buildManifest({ scope: 's', includeDirs: ['x/MEMORY', '.github', 'LAW'], repoState: {}, entries: [] }).buckets, ['LAW', 'MEMORY', '.github']);
});

test('manifest round trip: parse(encode(m)) equals m for generated path sets', () => {
  // Segments the shared path rule accepts (src/paths): the rule itself is tested in test/paths.
  const segment = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }).filter((s) => !s.includes('/') && nameProblem(s) === undefined);
  fc.assert(
    fc.property(fc.uniqueArray(fc.array(segment, { minLength: 1, maxLength: 3 }).map((p) => p.join('/')), { maxLength: 12 }), (paths) => {
      fc.pre(findPathClash(paths) === undefined);
      const m = buildManifest({ scope: 'repo', includeDirs: ['.'], repoState: {}, entries: paths.map(entry) });
      const back = parseManifest(encodeManifest(m));
      assert.equal(canonicalJson(back), canonicalJson(m));
      for (let i = 1; i < back.entries.length; i++) assert.ok(compareCodePoints(back.entries[i - 1]!.path, back.entries[i]!.path) < 0);
    }),
  );
});

function bytesOf(value: unknown, newline = true): Buffer {
  return Buffer.from(canonicalJson(value) + (newline ? '\n' : ''));
}
const good = () => buildManifest({ scope: 'repo', includeDirs: ['.'], repoState: {}, entries: [entry('a.txt'), entry('b/c.md')] });

test('parseManifest refuses what a packer never writes, each with its code', () => {
  const cases: [string, unknown, string, boolean?][] = [
    ['unknown top-level field', { ...good(), extra: 1 }, 'MANIFEST_INVALID'],
    ['unknown entry field', { ...good(), entries: [{ ...good().entries[0], mode: 1 }] }, 'MANIFEST_INVALID'],
    ['bad ref', { ...good(), entries: [{ ...good().entries[0], ref: 'sha256:XYZ' }] }, 'MANIFEST_INVALID'],
    ['negative bytes', { ...good(), entries: [{ ...good().entries[0], bytes: -1 }] }, 'MANIFEST_INVALID'],
    ['wrong ext', { ...good(), entries: [{ ...good().entries[0], ext: '.md' }] }, 'MANIFEST_INVALID'],
    ['unsorted', { ...good(), entries: [...good().entries].reverse() }, 'MANIFEST_INVALID'],
    ['no final newline', good(), 'MANIFEST_INVALID', false],
  ];
  for (const [name, value, code, newline] of cases) {
    assert.throws(() => parseManifest(bytesOf(value, newline ?? true)), { code }, name);
  }
  assert.throws(() => parseManifest(Buffer.from(JSON.stringify(good(), null, 1) + '\n')), { code: 'MANIFEST_INVALID' });
  assert.throws(() => parseManifest(Buffer.from([0xff, 0xfe])), { code: 'MANIFEST_INVALID' });
});

test('unsafe and colliding paths are refused with CONSUME_UNSAFE_PATH', () => {
  for (const path of ['/etc/passwd', '../up', 'a/../b', 'a//b', './a', 'a/.', 'C:/x', 'c:x', 'a\\b', 'nul\0byte', '']) {
    assert.ok(unsafePathReason(path), path);
  }
  const withPaths = (paths: string[]) => bytesOf({ ...good(), entries: paths.map((p) => ({ bytes: 1, ext: '', kind: 'FILE', path: p, ref: `sha256:${H}` })) });
  assert.throws(() => parseManifest(withPaths(['../x'])), { code: 'CONSUME_UNSAFE_PATH' });
  assert.throws(() => parseManifest(withPaths(['README', 'readme'])), { code: 'CONSUME_UNSAFE_PATH' });
  assert.throws(() => parseManifest(withPaths(['Docs/a', 'docs/b'])), { code: 'CONSUME_UNSAFE_PATH' });
  assert.throws(() => parseManifest(withPaths(['x', 'x'])), { code: 'CONSUME_UNSAFE_PATH' });
  assert.doesNotThrow(() => parseManifest(withPaths(['docs/a', 'docs/b'])));
});
