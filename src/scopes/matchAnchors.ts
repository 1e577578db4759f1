import { compilePattern } from '../patterns/index.js';
import { compareCodePoints } from '../util/index.js';

export interface AnchorMatch {
  /** Packed root paths, anchor by anchor; a glob's matches in code-point order; no repeats. */
  found: string[];
  /** Anchors that matched no packed file (named in the summary; never an error). */
  missing: string[];
}

/**
 * Which packed files a scope's anchors name (START_HERE reads them first). An anchor is a path
 * relative to the packed root, or a glob such as `{README,Readme,readme}*` (compiled by
 * `compilePattern`, so it cannot run away).
 */
export function matchAnchors(anchors: readonly string[], rootPaths: readonly string[]): AnchorMatch {
  const present = new Set(rootPaths);
  const found: string[] = [];
  const seen = new Set<string>();
  const missing: string[] = [];
  for (const anchor of anchors) {
    let hits: string[];
    if (present.has(anchor)) hits = [anchor];
    else if (/[*?[{]/u.test(anchor)) {
      const isMatch = compilePattern(anchor, { file: 'scope anchors' });
      hits = rootPaths.filter((p) => isMatch(p)).sort(compareCodePoints);
    } else hits = [];
    if (hits.length === 0) missing.push(anchor);
    for (const hit of hits) {
      if (!seen.has(hit)) found.push(hit);
      seen.add(hit);
    }
  }
  return { found, missing };
}
