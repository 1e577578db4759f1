import type { Dirent } from 'node:fs';
import type { Scope } from '../scopes/index.js';
import type { WalkBounds } from './walkBounds.js';
import type { WalkDeps } from './walkDeps.js';
import { childOf, entryKind, walkTree, type Candidate, type DirVisit, type VisitResult } from './walkTree.js';

/** File names the AGS scopes never pack: the store's roots files (docs/FORMATS.md §10). */
const AGS_EXCLUDED_NAMES: ReadonlySet<string> = new Set(['RUN_ROOTS.json', 'GC_PINS.json']);

/**
 * docs/FORMATS.md §10's rules for one path component (the excluded parts are in `bounds`): a name
 * starting with `.` other than `.github`, or the first two components `MEMORY/ARCHIVE`. Applied
 * to every folder on the way down, so a file passes only if all its components pass.
 */
function isAgsExcluded(rel: string, name: string): boolean {
  return (name.startsWith('.') && name !== '.github') || rel === 'MEMORY/ARCHIVE';
}

/** The AGS walk (docs/FORMATS.md §10): each include dir, AGS exclusions, no ignore files. */
export async function walkAgs(
  options: { realRoot: string; scope: Scope; bounds: WalkBounds },
  deps: WalkDeps,
): Promise<Candidate[]> {
  const { bounds } = options;
  const visit = async (dir: DirVisit<null>, entries: Dirent[]): Promise<VisitResult<null>> => {
    const result: VisitResult<null> = { dirs: [], files: [] };
    for (const entry of entries) {
      const kind = entryKind(entry);
      if (kind === undefined) continue;
      const child = childOf(dir, entry.name, null);
      if (bounds.isSkipped(child.rel, entry.name) || isAgsExcluded(child.rel, entry.name)) continue;
      if (kind === 'dir') {
        if (bounds.mayDescend(child.rel)) result.dirs.push(child);
      } else if (bounds.isIncluded(child.rel) && !AGS_EXCLUDED_NAMES.has(entry.name)) {
        result.files.push({ rootPath: child.rel, absPath: child.abs, link: kind === 'link' });
      }
    }
    return result;
  };
  return walkTree({ rel: '', abs: options.realRoot, context: null }, visit, deps);
}
