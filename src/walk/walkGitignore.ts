import type { Dirent } from 'node:fs';
import { join } from 'node:path';
import type { Scope } from '../scopes/index.js';
import type { SelectRules } from '../select/compileRules.js';
import { entryForRule, entryForScope } from '../select/omittedEntry.js';
import type { OmittedEntry } from '../select/types.js';
import { PackerError, isErrno } from '../util/index.js';
import { compilePatterns } from '../patterns/index.js';
import { decideIgnored, makeRuleSet, type DecidingRule, type RuleChain } from './gitignoreRules.js';
import type { WalkBounds } from './walkBounds.js';
import type { WalkDeps } from './walkDeps.js';
import { childOf, entryKind, walkTree, type Candidate, type DirVisit, type VisitResult, type WalkResult } from './walkTree.js';

async function readRulesOrNone(path: string, deps: WalkDeps): Promise<string | undefined> {
  try {
    return await deps.readText(path);
  } catch (err) {
    // ELOOP: a `.git` that is a link to itself (or any loop) holds no rules.
    if (isErrno(err, 'ENOENT', 'ENOTDIR', 'EISDIR', 'ELOOP')) return undefined;
    const code = isErrno(err) ? err.code : String(err);
    throw new PackerError('PACK_SOURCE_UNREADABLE', ` cannot read ignore rules ${path}: ${code}`, { cause: err });
  }
}

/** Include globs (any must match, when given) and exclude globs (none may match), on root paths. */
function makeGlobFilter(scope: Scope): (rel: string) => string | undefined {
  const where = (what: string) => ({ file: `scope ${JSON.stringify(scope.key)} ${what}` });
  const include = scope.includeGlobs.length > 0 ? compilePatterns(scope.includeGlobs, where('include')) : undefined;
  const exclude = scope.excludeGlobs.length > 0 ? compilePatterns(scope.excludeGlobs, where('exclude')) : undefined;
  return (rel) => {
    if (include !== undefined && !include(rel)) return `matches no include glob of scope ${scope.key}`;
    if (exclude !== undefined && exclude(rel)) return `matches an exclude glob of scope ${scope.key}`;
    return undefined;
  };
}

/** The rule of a path outside the scope's source root or include dirs. */
export const OUTSIDE_SCOPE_FOLDERS = "outside the scope's folders";

/**
 * Why `bounds` skipped a name: an excluded part of the scope. llm-packer's own folders (store,
 * runs, packs, out dir) get no entry: they come and go with the runs, and the pack must not.
 */
export function skipRule(scope: Scope, name: string): string | undefined {
  return name === '.git' || scope.excludedDirParts.includes(name) ? `excluded part ${name}` : undefined;
}

/**
 * The rules in force in a folder: `lower` (default ignores, `.git/info/exclude`, the `.gitignore`
 * files from the root down) and `upper` (the user's patterns, which win, like git's `--exclude`).
 */
interface Rules {
  lower: RuleChain;
  upper: RuleChain;
}

/**
 * The walk of the `repo` and config scopes: every `.gitignore` in the tree applies to its folder
 * and below, `.git/info/exclude` to the whole root, as `git ls-files -co --exclude-standard` does
 * without global excludes (the user's git settings are never read); the default ignores act as
 * the global excludes would, the user's patterns as `--exclude`. Ignored folders are not entered,
 * so nothing inside them can be re-included, as in git. Then the scope's globs and the user's
 * include filter. Every path left out is in `omitted`, with the rule that decided.
 */
export async function walkGitignore(
  options: { realRoot: string; scope: Scope; bounds: WalkBounds; select: SelectRules },
  deps: WalkDeps,
): Promise<WalkResult> {
  const { bounds, select } = options;
  const globOut = makeGlobFilter(options.scope);
  const omitted: OmittedEntry[] = [];
  const judgeFile = (rel: string, rule: DecidingRule | undefined): OmittedEntry | undefined => {
    if (rule) return entryForRule(rel, false, rule);
    const glob = globOut(rel);
    return glob === undefined ? select.outsideInclude(rel) : entryForScope(rel, false, glob);
  };
  const visit = async (dir: DirVisit<Rules>, entries: Dirent[]): Promise<VisitResult<Rules>> => {
    let { lower } = dir.context;
    const { upper } = dir.context;
    // Git reads a `.gitignore` only when it is a regular file (not a link).
    if (entries.some((e) => e.name === '.gitignore' && e.isFile())) {
      const text = await readRulesOrNone(join(dir.abs, '.gitignore'), deps);
      const origin = dir.rel === '' ? '.gitignore' : `${dir.rel}/.gitignore`;
      if (text !== undefined) lower = [...lower, makeRuleSet(dir.rel, text, origin)];
    }
    const chain = [...lower, ...upper];
    const result: VisitResult<Rules> = { dirs: [], files: [] };
    for (const entry of entries) {
      const kind = entryKind(entry);
      if (kind === undefined) continue;
      const child = childOf(dir, entry.name, dir.context);
      const isDir = kind === 'dir';
      if (entry.name === '.git' || bounds.isSkipped(child.rel, entry.name)) {
        const rule = skipRule(options.scope, entry.name);
        if (rule !== undefined) omitted.push(entryForScope(child.rel, isDir, rule));
        continue;
      }
      if (isDir ? !bounds.mayDescend(child.rel) : !bounds.isIncluded(child.rel)) {
        omitted.push(entryForScope(child.rel, isDir, OUTSIDE_SCOPE_FOLDERS));
        continue;
      }
      if (isDir) {
        if (!select.mayHold(child.rel)) continue;
        const decision = decideIgnored(chain, child.rel, true);
        if (decision.rule) {
          omitted.push(entryForRule(child.rel, true, decision.rule));
          continue;
        }
        result.dirs.push({ ...child, context: { lower, upper } });
      } else {
        const out = judgeFile(child.rel, decideIgnored(chain, child.rel, false).rule);
        if (out) omitted.push(out);
        else result.files.push({ rootPath: child.rel, absPath: child.abs, link: kind === 'link' });
      }
    }
    return result;
  };
  const exclude = await readRulesOrNone(join(options.realRoot, '.git', 'info', 'exclude'), deps);
  const gitLower = exclude === undefined ? [] : [makeRuleSet('', exclude, '.git/info/exclude')];
  const start: Rules = { lower: [...select.lower, ...gitLower], upper: select.upper };
  const files = await walkTree({ rel: '', abs: options.realRoot, context: start }, visit, deps);
  return { files, omitted };
}
