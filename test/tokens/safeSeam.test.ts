import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { createSegmentCounter, isSafeSeam, lastSafeCut, loadTokenCounter, TOKEN_ENCODINGS } from '../../src/tokens/index.js';
import { hostileText } from './tokenText.js';

for (const encoding of TOKEN_ENCODINGS) {
  test(`${encoding}: counts add up across every safe seam`, async () => {
    const counter = await loadTokenCounter(encoding);
    fc.assert(
      fc.property(hostileText(), hostileText(), (a, b) => {
        const left = `${a}\n`;
        if (!isSafeSeam(left, b)) return;
        assert.equal(counter.count(left + b), counter.count(left) + counter.count(b), JSON.stringify([left, b]));
      }),
      { numRuns: 400 },
    );
  });

  test(`${encoding}: a segment counter gives the count of the whole text`, async () => {
    const counter = await loadTokenCounter(encoding);
    fc.assert(
      fc.property(fc.array(hostileText(30), { maxLength: 12 }), fc.integer({ min: 1, max: 40 }), (chunks, segment) => {
        const seg = createSegmentCounter(counter, segment);
        for (const c of chunks) seg.push(c);
        assert.equal(seg.end(), counter.count(chunks.join('')));
      }),
      { numRuns: 300 },
    );
  });
}

test('the seam rule: a line feed, then neither space nor slash', () => {
  assert.equal(isSafeSeam('a\n', 'b'), true);
  assert.equal(isSafeSeam('a\n', '#'), true);
  assert.equal(isSafeSeam('a\n', '/'), false);
  assert.equal(isSafeSeam('a\n', ' b'), false);
  assert.equal(isSafeSeam('a\n', '\nb'), false);
  assert.equal(isSafeSeam('a', 'b'), false);
  assert.equal(lastSafeCut('ab\ncd\n ef\n/g', 12), 3);
  assert.equal(lastSafeCut('ab\ncd\n ef\n/g', 2), -1);
  assert.equal(lastSafeCut('ab\ncd', 2), -1);
  assert.equal(lastSafeCut('\n', 1), -1);
});

test('the rule is tight: a slash after a line feed joins the piece before it', async () => {
  const counter = await loadTokenCounter('o200k_base');
  assert.notEqual(counter.count('}\n//x'), counter.count('}\n') + counter.count('//x'));
});

test('special-token text is counted as text, not refused', async () => {
  const counter = await loadTokenCounter('o200k_base');
  assert.ok(counter.count('<|endoftext|>') > 1);
});
