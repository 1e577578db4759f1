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
  assert.deepEqual(first.stats, { hits: 0, misses: 1, estimated: 0 });

  const second = await createTokenMeter({ casRoot, encoding: 'o200k_base', workers: 1 });
  const again = await second.unit({ hash: HASH, variant: 'md.ts' }, () => assert.fail('counted twice'));
  assert.equal(again, streamed);
  assert.equal(await second.text('## `a.ts` (3 bytes)\n\n'), heading);
  await second.close();
  assert.deepEqual(second.stats, { hits: 1, misses: 0, estimated: 0 });
});

test('a run of 2048+ characters of one kind is estimated, not tokenized (quadratic in gpt-tokenizer), and never cached', async (t) => {
  const casRoot = await tempDir(t);
  const counter = await loadTokenCounter('o200k_base');
  // 256 KiB of '=' took 22 s in gpt-tokenizer; NUL bytes and letters are as slow.
  const runs = ['='.repeat(256 * 1024), '\0'.repeat(256 * 1024), 'a'.repeat(256 * 1024)].map((run) => `# head\n${run}\ntail\n`);
  const meter = await createTokenMeter({ casRoot, encoding: 'o200k_base', workers: 1 });
  for (const [i, text] of runs.entries()) {
    assert.equal(await meter.unit({ hash: String(i).repeat(64), variant: 'md.txt' }, () => text), Math.ceil(Buffer.byteLength(text) / 4));
  }
  // Streamed, with no safe seam in 16 Mi characters: estimated piece by piece, memory bounded.
  const huge = '\0'.repeat(20 << 20);
  assert.equal(await meter.unit({ hash: 'e'.repeat(64), variant: 'md.txt' }, () => chunks(huge, 1 << 20)), Math.ceil(huge.length / 4));
  // Just under the run length: counted exactly.
  const short = `x ${'='.repeat(2047)} y\n`;
  assert.equal(await meter.text(short), counter.count(short));
  await meter.close();
  assert.deepEqual(meter.stats, { hits: 0, misses: 4, estimated: 4 });
  const again = await createTokenMeter({ casRoot, encoding: 'o200k_base', workers: 1 });
  await again.unit({ hash: '0'.repeat(64), variant: 'md.txt' }, () => runs[0]!);
  await again.close();
  assert.deepEqual(again.stats, { hits: 0, misses: 1, estimated: 1 }, 'an estimate is never served from the cache');
});
