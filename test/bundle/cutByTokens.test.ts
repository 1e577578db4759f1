import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { MIN_TEXT_TOKENS, cutByTokens, unitTokens } from '../../src/bundle/cutByTokens.js';
import { OUTPUT_STYLES, styleRenderer } from '../../src/bundle/index.js';
import { loadTokenCounter } from '../../src/tokens/index.js';
import { hostileText } from '../tokens/tokenText.js';

test('pieces fit, keep every character in order, and cut at line ends unless one line is too long', async () => {
  const counter = await loadTokenCounter('o200k_base');
  const count = (t: string) => counter.count(t);
  fc.assert(
    fc.property(
      fc.constantFrom(...OUTPUT_STYLES),
      fc.array(hostileText(12), { maxLength: 30 }).map((lines) => lines.join('\n').replace(/\r\n?/g, '\n')),
      fc.integer({ min: 0, max: 40 }),
      (style, text, extra) => {
        const renderer = styleRenderer(style);
        const base = { renderer, count, rootPath: 'a/b.ts', longestRun: 3 };
        const capacity = unitTokens(base, '') + MIN_TEXT_TOKENS + extra;
        const pieces = cutByTokens({ ...base, text, capacity });
        assert.equal(pieces.map((p) => p.text).join(''), text);
        for (const p of pieces) {
          assert.ok(p.unitTokens <= capacity, `${p.unitTokens} > ${capacity}`);
          assert.equal(p.unitTokens, unitTokens(base, p.text));
        }
        pieces.slice(0, -1).forEach((p, k) => {
          const next = pieces[k + 1]!;
          if (!p.text.endsWith('\n')) assert.equal(p.lastLine, next.firstLine, 'a cut inside a line stays on that line');
        });
        assert.deepEqual(cutByTokens({ ...base, text, capacity }), pieces);
      },
    ),
    { numRuns: 150 },
  );
});

test('a capacity that holds no text is refused', async () => {
  const counter = await loadTokenCounter('o200k_base');
  const base = { renderer: styleRenderer('markdown'), count: (t: string) => counter.count(t), rootPath: 'a.md', longestRun: 0 };
  assert.throws(() => cutByTokens({ ...base, text: 'abc', capacity: 2 }), RangeError);
});
