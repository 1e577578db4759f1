/**
 * Token counts kept in the store's `tokens/` folder, one append-only log per encoding:
 * `<object hash> <variant> <count>\n`. The store's own listing only takes names of 64 hex
 * characters in its two hex folder levels, so GC and fsck never see this folder.
 *
 * It is a cache: a line is used only when it is whole and well formed (a torn or garbled line is
 * skipped), a count is keyed by the bytes it counts (object hash, encoding, variant), and a
 * cache file that cannot be read (missing, not a file) is an empty cache.
 */
import { constants } from 'node:fs';
import { mkdir, open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isErrno, isHash, readRegularFile } from '../util/index.js';
import type { TokenCache, TokenCacheKey, TokenEncoding } from './types.js';

/** The cache folder inside a store root. */
const TOKEN_CACHE_DIR = 'tokens';

const LINE = /^([0-9a-f]{64}) ([A-Za-z0-9_+.:-]{1,64}) (\d{1,15})$/;
const VARIANT = /^[A-Za-z0-9_+.:-]{1,64}$/;

export function tokenCachePath(casRoot: string, encoding: TokenEncoding): string {
  return join(casRoot, TOKEN_CACHE_DIR, `counts-${encoding}.log`);
}

function keyOf(key: TokenCacheKey): string {
  return `${key.hash} ${key.variant}`;
}

function parseLog(text: string): Map<string, number> {
  const map = new Map<string, number>();
  const lines = text.split('\n');
  lines.pop(); // the part after the last newline is not a whole line
  for (const line of lines) {
    const m = LINE.exec(line);
    if (m) map.set(`${m[1]} ${m[2]}`, Number(m[3]));
  }
  return map;
}

async function readLog(path: string): Promise<string> {
  try {
    // A FIFO or device in its place is no cache (and a plain read of a FIFO would never end).
    return (await readRegularFile(path))?.toString('utf8') ?? '';
  } catch (err) {
    if (isErrno(err, 'ENOENT', 'ENOTDIR', 'EISDIR')) return '';
    throw err;
  }
}

async function appendLog(casRoot: string, path: string, lines: string): Promise<void> {
  const dir = join(casRoot, TOKEN_CACHE_DIR);
  await mkdir(dir, { recursive: true });
  // Keeps the cache out of `git status` where the store lives in a work tree.
  await writeFile(join(dir, '.gitignore'), '*\n', { flag: 'wx' }).catch((err: unknown) => {
    if (!isErrno(err, 'EEXIST')) throw err;
  });
  // One write with O_APPEND: concurrent runs add whole lines after each other. Non-blocking, and
  // only into a regular file: a FIFO in its place is skipped (it is a cache), never waited on.
  let fh;
  try {
    fh = await open(path, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | (constants.O_NONBLOCK ?? 0), 0o666);
  } catch (err) {
    if (isErrno(err, 'ENXIO', 'EISDIR')) return;
    throw err;
  }
  try {
    if ((await fh.stat()).isFile()) await fh.write(lines);
  } finally {
    await fh.close();
  }
}

/** Opens the cache of `encoding` in the store at `casRoot` (an empty cache when there is none). */
export async function openTokenCache(casRoot: string, encoding: TokenEncoding): Promise<TokenCache> {
  const path = tokenCachePath(casRoot, encoding);
  const known = parseLog(await readLog(path));
  const added = new Map<string, number>();
  const stats = { hits: 0, misses: 0 };
  return {
    encoding,
    stats,
    get(key) {
      const n = known.get(keyOf(key));
      if (n === undefined) stats.misses += 1;
      else stats.hits += 1;
      return n;
    },
    set(key, tokens) {
      if (!isHash(key.hash) || !VARIANT.test(key.variant) || !Number.isSafeInteger(tokens) || tokens < 0) return;
      const k = keyOf(key);
      if (known.get(k) === tokens) return;
      known.set(k, tokens);
      added.set(k, tokens);
    },
    async flush() {
      if (added.size === 0) return;
      const lines = [...added].map(([k, n]) => `${k} ${n}\n`).join('');
      added.clear();
      await appendLog(casRoot, path, lines);
    },
  };
}
