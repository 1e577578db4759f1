import type { Dirent } from 'node:fs';
import { join } from 'node:path';
import type { Scope } from '../scopes/index.js';
import { PackerError, isErrno } from '../util/index.js';
import { compilePatterns } from '../patterns/index.js';
import { decideIgnored, makeRuleSet, type RuleChain } from './gitignoreRules.js';
import type { WalkBounds } from './walkBounds.js';
import type { WalkDeps } from './walkDeps.js';
import { childOf, entryKind, walkTree, type Candidate, type DirVisit, type VisitResult } from './walkTree.js';

async function readRulesOrNone(path: string, deps: WalkDeps): Promise<string | undefined> {
  try {
    return await deps.readText(path);
  } catch (err) {
    if (isErrno(err, 'ENOENT', 'ENOTDIR', 'EISDIR')) return undefined;
    const code = isErrno(err) ? err.code : String(err);
    throw new PackerError('PACK_SOURCE_UNREADABLE', ` cannot read ignore rules ${path}: ${code}`, { cause: err });
  }
}

/** Include globs (any must match, when given) and exclude globs (none may match), on root paths. */
function makeGlobFilter(scope: Scope): (rel: string) => boolean {
  const where = (what: string) => ({ file: `scope ${JSON.stringify(scope.key)} ${what}` });
  const include = scope.includeGlobs.length > 0 ? compilePatterns(scope.includeGlobs, where('include')) : undefined;
  const exclude = scope.excludeGlobs.length > 0 ? compilePatterns(scope.excludeGlobs, where('exclude')) : undefined;
  return (rel) => (include === undefined || include(rel)) && (exclude === undefined || !exclude(rel));
}

/**
 * The walk of the `repo` and config scopes: every `.gitignore` in the tree applies to its folder
 * and below, `.git/info/exclude` to the whole root, as `git ls-files -co --exclude-standard` does
 * without global excludes (the user's git settings are never read). Ignored folders are not
 * entered, so nothing inside them can be re-included, as in git. Then the scope's globs filter.
 */
export async function walkGitignore(
  options: { realRoot: string; scope: Scope; bounds: WalkBounds },
  deps: WalkDeps,
): Promise<Candidate[]> {
  const { bounds } = options;
  const keep = makeGlobFilter(options.scope);
  const visit = async (dir: DirVisit<RuleChain>, entries: Dirent[]): Promise<VisitResult<RuleChain>> => {
    let chain = dir.context;
    // Git reads a `.gitignore` only when it is a regular file (not a link).
    if (entries.some((e) => e.name === '.gitignore' && e.isFile())) {
      const text = await readRulesOrNone(join(dir.abs, '.gitignore'), deps);
      if (text !== undefined) chain = [...chain, makeRuleSet(dir.rel, text, dir.rel === '' ? '.gitignore' : `${dir.rel}/.gitignore`)];
    }
    const result: VisitResult<RuleChain> = { dirs: [], files: [] };
    for (const entry of entries) {
      const kind = entryKind(entry);
      if (kind === undefined || entry.name === '.git') continue;
      const child = childOf(dir, entry.name, chain);
      if (bounds.isSkipped(child.rel, entry.name)) continue;
      if (kind === 'dir') {
        if (!bounds.mayDescend(child.rel)) continue;
        if (!decideIgnored(chain, child.rel, true).ignored) result.dirs.push(child);
      } else if (bounds.isIncluded(child.rel) && !decideIgnored(chain, child.rel, false).ignored && keep(child.rel)) {
        result.files.push({ rootPath: child.rel, absPath: child.abs, link: kind === 'link' });
      }
    }
    return result;
  };
  const exclude = await readRulesOrNone(join(options.realRoot, '.git', 'info', 'exclude'), deps);
  const start: RuleChain = exclude === undefined ? [] : [makeRuleSet('', exclude, '.git/info/exclude')];
  return walkTree({ rel: '', abs: options.realRoot, context: start }, visit, deps);
}
