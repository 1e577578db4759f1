/** The tokenizer encodings a pack can be counted in; the first is the default. */
export const TOKEN_ENCODINGS = ['o200k_base', 'cl100k_base'] as const;

/** One of {@link TOKEN_ENCODINGS}: the tokenizer every token count of a pack uses. */
export type TokenEncoding = (typeof TOKEN_ENCODINGS)[number];

export const DEFAULT_TOKEN_ENCODING: TokenEncoding = 'o200k_base';

/** Counts tokens of text exactly as the encoding's tokenizer does (special tokens count as text). */
export interface TokenCounter {
  readonly encoding: TokenEncoding;
  count(text: string): number;
}

/**
 * The cache variant of a stored object's own text: its bytes read as UTF-8, exactly what
 * `read_file` returns (no heading, no fence). Renderers' variants (`md.ts`, `xml`, …) count a
 * file's block in a pack instead.
 */
export const OBJECT_TEXT_VARIANT = 'utf8';

/** A cached count's key: the stored object's hash and what was counted of it (see `unitVariant`). */
export interface TokenCacheKey {
  hash: string;
  variant: string;
}

/** Token counts kept beside the store, per encoding; see `openTokenCache`. */
export interface TokenCache {
  readonly encoding: TokenEncoding;
  get(key: TokenCacheKey): number | undefined;
  set(key: TokenCacheKey, tokens: number): void;
  /** Entries found / added during this run. */
  readonly stats: { hits: number; misses: number };
  /** Appends what this run learned to the cache file. */
  flush(): Promise<void>;
}
