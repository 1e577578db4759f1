import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTokenPool } from '../../src/tokens/createTokenPool.js';
import { loadTokenCounter } from '../../src/tokens/index.js';

test('workers count exactly what the tokenizer counts, in any order of completion', async () => {
  const counter = await loadTokenCounter('cl100k_base');
  const pool = createTokenPool({ encoding: 'cl100k_base', workers: 2 });
  try {
    const texts = ['', 'hello world', '<|endoftext|> is text', 'x'.repeat(100_000), 'déjà vu 日本語 😀\n\n  /* c */'];
    const counts = await Promise.all(texts.map((t) => pool.count(t)));
    assert.deepEqual(counts, texts.map((t) => counter.count(t)));
  } finally {
    await pool.close();
  }
});

test('zero workers count on this thread', async () => {
  const pool = createTokenPool({ encoding: 'o200k_base', workers: 0 });
  assert.equal(await pool.count('hello world'), 2);
  await pool.close();
});
