import type { Cas } from '../cas/index.js';
import { loadOutputHashes } from '../records/index.js';
import { rehashObjects } from './rehashObjects.js';

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
  let corrupt: string[] = [];
  if (options.full) {
    const rehashed = await rehashObjects(options.cas, required.filter((h) => options.objects.has(h)));
    corrupt = rehashed.corrupt;
    missing.push(...rehashed.missing);
    missing.sort();
  }
  return { total: required.length, missing, unreachable, corrupt };
}
