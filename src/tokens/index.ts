export { TOKEN_ENCODINGS, DEFAULT_TOKEN_ENCODING } from './types.js';
export type { TokenEncoding, TokenCounter, TokenCache, TokenCacheKey } from './types.js';
export { loadTokenCounter, parseTokenEncoding, isTokenEncoding } from './loadTokenCounter.js';
export { isSafeSeam, lastSafeCut } from './safeSeam.js';
export { createSegmentCounter } from './createSegmentCounter.js';
export type { SegmentCounter } from './createSegmentCounter.js';
export { openTokenCache, tokenCachePath, TOKEN_CACHE_DIR } from './openTokenCache.js';
