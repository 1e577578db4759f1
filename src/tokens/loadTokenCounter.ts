import { PackerError } from '../util/index.js';
import { TOKEN_ENCODINGS, type TokenCounter, type TokenEncoding } from './types.js';

/** Text that looks like a special token (`<|endoftext|>`) is file text, counted as such. */
const AS_TEXT = { disallowedSpecial: new Set<string>() };

type CountTokens = (text: string, options: typeof AS_TEXT) => number;

/**
 * Pieces whose merges a tokenizer remembers (gpt-tokenizer's default is 100 000). A pack counts
 * every file of a repository, whose words repeat across files.
 */
export const MERGE_CACHE_SIZE = 1_000_000;

async function importCounter(encoding: TokenEncoding): Promise<CountTokens> {
  // Loaded on demand: the vocabularies are large and most commands never count.
  switch (encoding) {
    case 'o200k_base': {
      const m = await import('gpt-tokenizer/encoding/o200k_base');
      m.setMergeCacheSize(MERGE_CACHE_SIZE);
      return m.countTokens as CountTokens;
    }
    case 'cl100k_base': {
      const m = await import('gpt-tokenizer/encoding/cl100k_base');
      m.setMergeCacheSize(MERGE_CACHE_SIZE);
      return m.countTokens as CountTokens;
    }
  }
}

export function isTokenEncoding(name: string): name is TokenEncoding {
  return (TOKEN_ENCODINGS as readonly string[]).includes(name);
}

/** Checks an encoding name from a flag or config. */
export function parseTokenEncoding(name: string): TokenEncoding {
  if (!isTokenEncoding(name)) {
    throw new PackerError('USAGE', ` unknown token encoding ${JSON.stringify(name)}`, {
      hint: `use one of: ${TOKEN_ENCODINGS.join(', ')}`,
    });
  }
  return name;
}

/** The exact tokenizer of `encoding` (gpt-tokenizer). */
export async function loadTokenCounter(encoding: TokenEncoding): Promise<TokenCounter> {
  const countTokens = await importCounter(parseTokenEncoding(encoding));
  return { encoding, count: (text) => (text === '' ? 0 : countTokens(text, AS_TEXT)) };
}
