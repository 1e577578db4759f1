/**
 * The one place a pack gets token counts: cached counts first, then the worker pool. Units (text
 * that depends on a stored object alone) are cached under the object's hash and a variant; short
 * texts such as headings under the SHA-256 of the text itself. A pack whose counts are all cached
 * never loads a vocabulary.
 */
import { sha256Hex } from '../util/index.js';
import { createTokenPool } from './createTokenPool.js';
import { loadTokenCounter } from './loadTokenCounter.js';
import { openTokenCache } from './openTokenCache.js';
import { lastSafeCut } from './safeSeam.js';
import type { TokenCacheKey, TokenCounter, TokenEncoding } from './types.js';

/** Streamed unit text is sent to the pool in safe pieces of about this many characters. */
const SEGMENT_CHARS = 1 << 20;
/** The cache variant of a text counted under its own hash. */
const TEXT_VARIANT = 'text';

export interface TokenMeter {
  readonly encoding: TokenEncoding;
  /** Tokens of the unit of a stored object; `render` gives its text (whole or streamed) on a miss. */
  unit(key: TokenCacheKey, render: () => string | AsyncIterable<string>): Promise<number>;
  /** Tokens of a text such as a heading, cached under its SHA-256. */
  text(text: string): Promise<number>;
  /** A counter on this thread, for work that needs many small counts in a row (cutting a file). */
  counter(): Promise<TokenCounter>;
  /** Units (file texts) the cache answered, and those counted. */
  readonly stats: { hits: number; misses: number };
  /** Saves new counts to the cache and stops the workers. */
  close(): Promise<void>;
}

async function countStreamed(count: (text: string) => Promise<number>, pieces: AsyncIterable<string>): Promise<number> {
  const parts: Promise<number>[] = [];
  let pending = '';
  for await (const piece of pieces) {
    pending += piece;
    if (pending.length < 2 * SEGMENT_CHARS) continue;
    const cut = lastSafeCut(pending, pending.length - 1);
    if (cut <= 0) continue;
    parts.push(count(pending.slice(0, cut)));
    pending = pending.slice(cut);
  }
  parts.push(count(pending));
  return (await Promise.all(parts)).reduce((a, b) => a + b, 0);
}

export async function createTokenMeter(options: { casRoot: string; encoding: TokenEncoding; workers: number }): Promise<TokenMeter> {
  const { encoding } = options;
  const cache = await openTokenCache(options.casRoot, encoding);
  const pool = createTokenPool({ encoding, workers: options.workers });
  let local: Promise<TokenCounter> | undefined;
  const stats = { hits: 0, misses: 0 };
  const cached = async (key: TokenCacheKey, compute: () => Promise<number>, unit = false): Promise<number> => {
    const hit = cache.get(key);
    if (unit) stats[hit === undefined ? 'misses' : 'hits'] += 1;
    if (hit !== undefined) return hit;
    const n = await compute();
    cache.set(key, n);
    return n;
  };
  return {
    encoding,
    stats,
    unit: (key, render) =>
      cached(
        key,
        async () => {
          const text = render();
          return typeof text === 'string' ? pool.count(text) : countStreamed((t) => pool.count(t), text);
        },
        true,
      ),
    text: (text) => (text === '' ? Promise.resolve(0) : cached({ hash: sha256Hex(text), variant: TEXT_VARIANT }, () => pool.count(text))),
    counter: () => (local ??= loadTokenCounter(encoding)),
    async close() {
      try {
        await cache.flush();
      } finally {
        await pool.close();
      }
    },
  };
}
