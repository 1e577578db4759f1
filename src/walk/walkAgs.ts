import type { Dirent } from 'node:fs';
import type { Scope } from '../scopes/index.js';
import type { SelectRules } from '../select/compileRules.js';
import { entryForRule, entryForScope } from '../select/omittedEntry.js';
import type { OmittedEntry } from '../select/types.js';
import { decideIgnored } from './gitignoreRules.js';
import type { WalkBounds } from './walkBounds.js';
import type { WalkDeps } from './walkDeps.js';
import { OUTSIDE_SCOPE_FOLDERS, skipRule } from './walkGitignore.js';
import { childOf, entryKind, walkTree, type DirVisit, type VisitResult, type WalkResult } from './walkTree.js';

/** File names the AGS scopes never pack: the store's roots files (docs/FORMATS.md §10). */
const AGS_EXCLUDED_NAMES: ReadonlySet<string> = new Set(['RUN_ROOTS.json', 'GC_PINS.json']);

/**
 * docs/FORMATS.md §10's rules for one path component (the excluded parts are in `bounds`): a name
 * starting with `.` other than `.github`, or the first two components `MEMORY/ARCHIVE`. Applied
 * to every folder on the way down, so a file passes only if all its components pass. Returns
 * the rule that excludes, or undefined.
 */
function agsExclusion(rel: string, name: string): string | undefined {
  if (name.startsWith('.') && name !== '.github') return 'AGS: a name starting with .';
  return rel === 'MEMORY/ARCHIVE' ? 'AGS: MEMORY/ARCHIVE' : undefined;
}

function outsideDirs(bounds: WalkBounds, rel: string): string | undefined {
  return bounds.mayDescend(rel) ? undefined : OUTSIDE_SCOPE_FOLDERS;
}

function fileRule(bounds: WalkBounds, rel: string, name: string): string | undefined {
  if (!bounds.isIncluded(rel)) return OUTSIDE_SCOPE_FOLDERS;
  return AGS_EXCLUDED_NAMES.has(name) ? 'AGS: a roots file' : undefined;
}

/**
 * The AGS walk (docs/FORMATS.md §10): each include dir, AGS exclusions, no ignore files. The user's
 * own patterns (`select`) still apply when given; the default ignores never do here.
 */
export async function walkAgs(
  options: { realRoot: string; scope: Scope; bounds: WalkBounds; select: SelectRules },
  deps: WalkDeps,
): Promise<WalkResult> {
  const { bounds, select } = options;
  const omitted: OmittedEntry[] = [];
  const chain = [...select.lower, ...select.upper];
  const visit = async (dir: DirVisit<null>, entries: Dirent[]): Promise<VisitResult<null>> => {
    const result: VisitResult<null> = { dirs: [], files: [] };
    for (const entry of entries) {
      const kind = entryKind(entry);
      if (kind === undefined) continue;
      const child = childOf(dir, entry.name, null);
      const isDir = kind === 'dir';
      if (isDir && !select.mayHold(child.rel)) continue;
      if (bounds.isSkipped(child.rel, entry.name)) {
        const own = skipRule(options.scope, entry.name);
        if (own !== undefined) omitted.push(entryForScope(child.rel, isDir, own));
        continue;
      }
      const rule = (agsExclusion(child.rel, entry.name) ?? (isDir ? outsideDirs(bounds, child.rel) : fileRule(bounds, child.rel, entry.name)));
      if (rule !== undefined) {
        omitted.push(entryForScope(child.rel, isDir, rule));
        continue;
      }
      const decision = chain.length === 0 ? undefined : decideIgnored(chain, child.rel, isDir);
      if (decision?.rule) omitted.push(entryForRule(child.rel, isDir, decision.rule));
      else if (isDir) result.dirs.push(child);
      else {
        const out = select.outsideInclude(child.rel);
        if (out) omitted.push(out);
        else result.files.push({ rootPath: child.rel, absPath: child.abs, link: kind === 'link' });
      }
    }
    return result;
  };
  const files = await walkTree({ rel: '', abs: options.realRoot, context: null }, visit, deps);
  return { files, omitted };
}
