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
  /** Units (file texts) the cache answered, those counted, and texts estimated (see `LONG_RUN`). */
  readonly stats: { hits: number; misses: number; estimated: number };
  /** Saves new counts to the cache and stops the workers. */
  close(): Promise<void>;
}

/**
 * A run of this many characters of one pre-tokenizer class (letters, or punctuation and control
 * characters such as NUL) makes one piece, and gpt-tokenizer merges a piece in time quadratic in
 * its length (64 KiB of one character: 2 s; 256 KiB: 22 s; a 2 MiB line: most of an hour). Text
 * holding such a run is not tokenized: its count is estimated (`estimateTokens`), never cached,
 * and the pack says how many texts were estimated. Source text never has such runs.
 */
const LONG_RUN_CHARS = 2048;
const LONG_RUN = new RegExp(`[\\p{L}\\p{M}]{${LONG_RUN_CHARS}}|[^\\s\\p{L}\\p{N}]{${LONG_RUN_CHARS}}`, 'u');

/**
 * Whether `text` may hold a `LONG_RUN`: 2 048 characters with no ASCII space, tab or line break
 * (every run the pattern matches is such a stretch). A plain loop, 15× faster than the Unicode
 * pattern on source text, which then checks only the few texts that pass.
 */
function mayHoldLongRun(text: string): boolean {
  if (text.length < LONG_RUN_CHARS) return false;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d) run = 0;
    else if (++run >= LONG_RUN_CHARS) return true;
  }
  return false;
}

function holdsLongRun(text: string): boolean {
  return mayHoldLongRun(text) && LONG_RUN.test(text);
}

/** Streamed text with no safe seam in this many characters is estimated (memory stays bounded). */
const MAX_PENDING_CHARS = 8 * SEGMENT_CHARS;

/** The estimate of a text that is not tokenized: a quarter of its UTF-8 bytes, rounded up. */
export function estimateTokens(text: string): number {
  return Math.ceil(Buffer.byteLength(text, 'utf8') / 4);
}

interface Counted {
  n: number;
  exact: boolean;
}

function sum(parts: Counted[]): Counted {
  return { n: parts.reduce((a, p) => a + p.n, 0), exact: parts.every((p) => p.exact) };
}

async function countStreamed(count: (text: string) => Promise<Counted>, pieces: AsyncIterable<string>): Promise<Counted> {
  const parts: Promise<Counted>[] = [];
  let pending = '';
  for await (const piece of pieces) {
    pending += piece;
    if (pending.length < 2 * SEGMENT_CHARS) continue;
    const cut = lastSafeCut(pending, pending.length - 1);
    if (cut > 0) {
      parts.push(count(pending.slice(0, cut)));
      pending = pending.slice(cut);
    } else if (pending.length > MAX_PENDING_CHARS) {
      parts.push(Promise.resolve({ n: estimateTokens(pending), exact: false }));
      pending = '';
    }
  }
  parts.push(count(pending));
  return sum(await Promise.all(parts));
}

export async function createTokenMeter(options: { casRoot: string; encoding: TokenEncoding; workers: number }): Promise<TokenMeter> {
  const { encoding } = options;
  const cache = await openTokenCache(options.casRoot, encoding);
  const pool = createTokenPool({ encoding, workers: options.workers });
  let local: Promise<TokenCounter> | undefined;
  const stats = { hits: 0, misses: 0, estimated: 0 };
  const count = async (text: string): Promise<Counted> =>
    holdsLongRun(text) ? { n: estimateTokens(text), exact: false } : { n: await pool.count(text), exact: true };
  const cached = async (key: TokenCacheKey, compute: () => Promise<Counted>, unit = false): Promise<number> => {
    const hit = cache.get(key);
    if (unit) stats[hit === undefined ? 'misses' : 'hits'] += 1;
    if (hit !== undefined) return hit;
    const { n, exact } = await compute();
    if (exact) cache.set(key, n);
    else stats.estimated += 1;
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
          return typeof text === 'string' ? count(text) : countStreamed(count, text);
        },
        true,
      ),
    text: (text) => (text === '' ? Promise.resolve(0) : cached({ hash: sha256Hex(text), variant: TEXT_VARIANT }, () => count(text))),
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
