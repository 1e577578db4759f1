import type { OmittedEntry } from './types.js';

/**
 * A lookup of the entry that explains why a path (relative to the packed root) is not packed: its
 * own, or that of the nearest folder above it the walk did not enter.
 */
export function omittedLookup(entries: readonly OmittedEntry[]): (path: string) => OmittedEntry | undefined {
  const byPath = new Map(entries.map((e) => [e.path, e]));
  return (path) => {
    const own = byPath.get(path);
    if (own) return own;
    for (let i = path.indexOf('/'); i !== -1; i = path.indexOf('/', i + 1)) {
      const folder = byPath.get(path.slice(0, i + 1));
      if (folder) return folder;
    }
    return undefined;
  };
}
