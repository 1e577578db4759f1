import { availableParallelism } from 'node:os';
import { createTokenMeter, OBJECT_TEXT_VARIANT, type TokenEncoding, type TokenMeter } from '../tokens/index.js';
import { mapLimit } from '../util/index.js';
import type { McpContext } from './types.js';

/** Objects read and counted at once (each is held whole while it is counted). */
const CONCURRENCY = 4;

/**
 * A token meter over the store's token cache (`<cas root>/tokens/`) for one call: counts it lacks
 * are made on worker threads (one core stays with the server, so it keeps answering) and saved
 * for the next call and for packs. A call whose counts are all cached loads no vocabulary.
 */
async function withMeter<T>(ctx: McpContext, encoding: TokenEncoding, work: (meter: TokenMeter) => Promise<T>): Promise<T> {
  const workers = Math.max(1, Math.min(availableParallelism() - 1, 4));
  const meter = await createTokenMeter({ casRoot: ctx.settings.casRoot, encoding, workers });
  try {
    return await work(meter);
  } finally {
    await meter.close();
  }
}

/**
 * Exact token counts of stored objects' text (their bytes as UTF-8, what read_file returns), by
 * hash: cached under the object's hash, else read from the store (checked against the hash) and
 * counted.
 */
export async function countObjectTokens(ctx: McpContext, hashes: readonly string[], encoding: TokenEncoding): Promise<Map<string, number>> {
  const unique = [...new Set(hashes)];
  if (unique.length === 0) return new Map();
  const text = (hash: string) =>
    (async function* () {
      await ctx.fetchMissing([hash]);
      yield (await ctx.cas.get(hash)).toString('utf8');
    })();
  const values = await withMeter(ctx, encoding, (meter) =>
    mapLimit(unique, CONCURRENCY, (hash) => meter.unit({ hash, variant: OBJECT_TEXT_VARIANT }, () => text(hash))),
  );
  return new Map(unique.map((hash, i) => [hash, values[i]!]));
}

/** The exact token count of a text (a pack's index), cached under the text's SHA-256. */
export function countTextTokens(ctx: McpContext, text: string, encoding: TokenEncoding): Promise<number> {
  return withMeter(ctx, encoding, (meter) => meter.text(text));
}
