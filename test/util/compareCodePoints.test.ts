import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { compareCodePoints } from '../../src/util/index.js';
import { unicodeString } from '../fixtures/unicodeArbitraries.js';

const utf8Order = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

test('hand-picked pairs: astral after U+FF01 and U+FFFF, prefixes first, equal is 0', () => {
  const ordered = ['', 'a', 'a/b', 'ab', 'a\u007f', '\u00e9', '\ud7ff', '\ue000', '\uff01', '\uffff', '\u{10000}', '\u{1F600}', '\u{1F600}a', '\u{10FFFF}'];
  for (let i = 0; i < ordered.length; i++) {
    for (let j = 0; j < ordered.length; j++) {
      const got = Math.sign(compareCodePoints(ordered[i]!, ordered[j]!));
      assert.equal(got, Math.sign(i - j), `${JSON.stringify(ordered[i])} vs ${JSON.stringify(ordered[j])}`);
    }
  }
  assert.deepEqual(['\u{1F600}', '\uff01', 'Z', '10', '2'].sort(compareCodePoints), ['10', '2', 'Z', '\uff01', '\u{1F600}']);
});

test('property: the sign agrees with Buffer.compare of the UTF-8 bytes', () => {
  fc.assert(
    fc.property(unicodeString(6), unicodeString(6), unicodeString(6), (prefix, x, y) => {
      for (const [a, b] of [[x, y], [prefix + x, prefix + y], [prefix, prefix + y], [x + prefix, x]] as const) {
        assert.equal(Math.sign(compareCodePoints(a, b)), Math.sign(utf8Order(a, b)), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
      }
    }),
    { numRuns: 3000 },
  );
});

test('property: sorting with it gives the UTF-8 byte order', () => {
  fc.assert(
    fc.property(fc.array(unicodeString(4), { maxLength: 30 }), (list) => {
      const ours = [...list].sort(compareCodePoints);
      const bytes = [...list].sort(utf8Order);
      assert.deepEqual(ours, bytes);
    }),
    { numRuns: 500 },
  );
});
