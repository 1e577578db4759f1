import { join } from 'node:path';
import type { Scope } from '../scopes/index.js';
import type { WalkBounds } from './walkBounds.js';
import type { WalkDeps } from './walkDeps.js';
import { walkAgs } from './walkAgs.js';
import { makeGlobFilter, walkGitignore } from './walkGitignore.js';
import type { Candidate } from './walkTree.js';

/** The candidates of a scope before they are resolved, and how they were found. */
export interface Discovered {
  candidates: Candidate[];
  /** Root paths a link may lead to (files git does not ignore); undefined: any (AGS scopes). */
  linkTargets?: ReadonlySet<string>;
  /** `git`: git's own list; `walk`: our .gitignore walk; `ags`: the AGS rules (docs/FORMATS.md §10). */
  by: 'git' | 'walk' | 'ags';
}

interface DiscoverInput {
  realRoot: string;
  scope: Scope;
  bounds: WalkBounds;
}

/** Git's list, held to the same bounds as the walk: no skipped component (store, excluded parts), inside the include dirs. */
function boundListed(paths: readonly string[], realRoot: string, bounds: WalkBounds): Candidate[] {
  const dirOk = new Map<string, boolean>();
  const componentsOk = (path: string): boolean => {
    const slash = path.lastIndexOf('/');
    const name = path.slice(slash + 1);
    if (bounds.isSkipped(path, name)) return false;
    if (slash < 0) return true;
    const dir = path.slice(0, slash);
    let ok = dirOk.get(dir);
    if (ok === undefined) {
      ok = componentsOk(dir);
      dirOk.set(dir, ok);
    }
    return ok;
  };
  return paths
    .filter((p) => bounds.isIncluded(p) && componentsOk(p))
    .map((p) => ({ rootPath: p, absPath: join(realRoot, p), link: undefined }));
}

/**
 * Find a scope's candidate files. AGS scopes walk with the AGS rules. Other scopes ask git where
 * the root is in a git work tree (one `git ls-files`, so every ignore rule git applies there
 * applies: parents' `.gitignore`, the common `info/exclude`, the global excludes file) and walk
 * with the `.gitignore` rules elsewhere; the scope's globs then filter either list.
 */
export async function discoverFiles(input: DiscoverInput, deps: WalkDeps): Promise<Discovered> {
  const { realRoot, scope, bounds } = input;
  if (scope.selection === 'ags') return { candidates: await walkAgs(input, deps), by: 'ags' };
  const listed = await deps.gitFiles(realRoot);
  const unignored = listed === undefined ? await walkGitignore(input, deps) : boundListed(listed, realRoot, bounds);
  const keep = makeGlobFilter(scope);
  return {
    candidates: unignored.filter((c) => keep(c.rootPath)),
    linkTargets: new Set(unignored.map((c) => c.rootPath)),
    by: listed === undefined ? 'walk' : 'git',
  };
}
