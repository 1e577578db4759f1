import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTokenMeter, loadTokenCounter } from '../../src/tokens/index.js';
import { tempDir } from '../helpers/tmp.js';

const HASH = 'c'.repeat(64);

async function* chunks(text: string, size: number): AsyncIterable<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

test('a second meter on the same store answers from the cache, streamed or whole', async (t) => {
  const casRoot = await tempDir(t);
  const counter = await loadTokenCounter('o200k_base');
  const big = Array.from({ length: 60_000 }, (_, i) => (i % 7 === 0 ? `  /${i}\n` : `line ${i} {x}\n`)).join('');
  const first = await createTokenMeter({ casRoot, encoding: 'o200k_base', workers: 1 });
  const streamed = await first.unit({ hash: HASH, variant: 'md.ts' }, () => chunks(big, 100_003));
  const heading = await first.text('## `a.ts` (3 bytes)\n\n');
  await first.close();
  assert.equal(streamed, counter.count(big));
  assert.equal(heading, counter.count('## `a.ts` (3 bytes)\n\n'));
  assert.deepEqual(first.stats, { hits: 0, misses: 1 });

  const second = await createTokenMeter({ casRoot, encoding: 'o200k_base', workers: 1 });
  const again = await second.unit({ hash: HASH, variant: 'md.ts' }, () => assert.fail('counted twice'));
  assert.equal(again, streamed);
  assert.equal(await second.text('## `a.ts` (3 bytes)\n\n'), heading);
  await second.close();
  assert.deepEqual(second.stats, { hits: 1, misses: 0 });
});
