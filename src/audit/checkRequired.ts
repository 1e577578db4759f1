import { hashFile, type Cas } from '../cas/index.js';
import { loadOutputHashes } from '../records/index.js';
import { isErrno, mapLimit } from '../util/index.js';

export interface RequiredCheck {
  total: number;
  missing: string[];
  unreachable: string[];
  corrupt: string[];
  /** A record that cannot be loaded is an audit error, not a throw. */
  error?: unknown;
}

/**
 * Mode B: every hash in the OUTPUT_HASHES record must be in the store (`objects`, the snapshot
 * the audit took) and be a root; with `full`, its bytes must hash to its name.
 */
export async function checkRequired(options: {
  cas: Cas;
  outputHashesRef: string;
  objects: ReadonlySet<string>;
  roots: ReadonlySet<string>;
  full: boolean;
}): Promise<RequiredCheck> {
  let listed: string[];
  try {
    listed = await loadOutputHashes(options.cas, options.outputHashesRef);
  } catch (error) {
    return { total: 0, missing: [], unreachable: [], corrupt: [], error };
  }
  const required = [...new Set(listed)].sort();
  const missing = required.filter((h) => !options.objects.has(h));
  const unreachable = required.filter((h) => !options.roots.has(h));
  const corrupt: string[] = [];
  if (options.full) {
    const present = required.filter((h) => options.objects.has(h));
    const actual = await mapLimit(present, 4, async (h) => {
      try {
        return (await hashFile(options.cas.path(h))).hash;
      } catch (err) {
        if (isErrno(err, 'ENOENT')) return undefined; // deleted since the listing: reported as missing below
        throw err;
      }
    });
    present.forEach((h, i) => {
      if (actual[i] === undefined) missing.push(h);
      else if (actual[i] !== h) corrupt.push(h);
    });
    missing.sort();
  }
  return { total: required.length, missing, unreachable, corrupt };
}
