import { join, resolve } from 'node:path';
import { isTextByName, type Scope } from '../scopes/index.js';
import { PackerError, assertAbsolute, compareCodePoints, isErrno } from '../util/index.js';
import type { Selection, SourceFile } from './types.js';
import { resolveCandidates, type ResolvedFile } from './resolveCandidates.js';
import { makeWalkBounds, resolveExcludedRel } from './walkBounds.js';
import { defaultWalkDeps, type WalkDeps } from './walkDeps.js';
import { walkAgs } from './walkAgs.js';
import { walkGitignore } from './walkGitignore.js';
import type { Candidate, WalkResult } from './walkTree.js';
import { NO_SELECT_RULES, type SelectRules } from '../select/compileRules.js';
import { omittedLookup } from '../select/findOmitted.js';
import type { OmittedEntry } from '../select/types.js';

export interface CollectFilesOptions {
  /** The packed root. */
  root: string;
  scope: Scope;
  /** Absolute folders never packed: the CAS root, runs dir, packs dir, out dir. */
  exclude: readonly string[];
  /** The user's include/ignore patterns, default ignores, `--stdin` list (default: none). */
  select?: SelectRules;
  deps?: Partial<WalkDeps>;
}

async function realRootOf(root: string, deps: WalkDeps): Promise<string> {
  try {
    const real = await deps.realpath(root);
    if ((await deps.stat(real)).isDirectory()) return real;
  } catch (err) {
    if (!isErrno(err, 'ENOENT', 'ENOTDIR')) throw err;
  }
  throw new PackerError('INPUT_NOT_FOUND', ` no such folder: ${root}`);
}

/** The manifest path: relative to the scope's source root. */
function toSourceFile(file: ResolvedFile, sourceRoot: string): SourceFile {
  if (sourceRoot === '.') return { path: file.rootPath, ...file };
  if (!file.rootPath.startsWith(`${sourceRoot}/`)) {
    throw new PackerError('CONFIG_INVALID', ` ${file.rootPath} is outside the scope's source root ${sourceRoot}`);
  }
  return { path: file.rootPath.slice(sourceRoot.length + 1), ...file };
}

function sortUnique(files: SourceFile[]): SourceFile[] {
  files.sort((a, b) => compareCodePoints(a.path, b.path));
  return files.filter((f, i) => i === 0 || f.path !== (files[i - 1] as SourceFile).path);
}

/**
 * The files a scope packs, sorted by `path` in code-point order, no duplicates. AGS scopes follow
 * docs/FORMATS.md §10 (files the extension rule says are not text go to `omitted`); `repo` and config
 * scopes follow `.gitignore` files and globs (text is decided later, from content). Root files
 * are added after the walk. Everywhere: `.llm-packer/` and `options.exclude` are never packed,
 * links are followed only to regular files inside the root, and the answer does not depend on
 * the order folders are listed in.
 */
export async function collectFiles(options: CollectFilesOptions): Promise<Selection> {
  const deps: WalkDeps = { ...defaultWalkDeps, ...options.deps };
  const { scope } = options;
  assertAbsolute('root', options.root);
  const root = resolve(options.root);
  const realRoot = await realRootOf(root, deps);
  const excludedRel = await resolveExcludedRel({ root, realRoot, exclude: options.exclude }, deps);
  const bounds = makeWalkBounds(scope, excludedRel);
  const select = options.select ?? NO_SELECT_RULES;
  const walk = scope.selection === 'ags' ? walkAgs : walkGitignore;
  const [walkResult, listed] = await Promise.all([
    walk({ realRoot, scope, bounds, select }, deps),
    scope.selection === 'ags' ? undefined : deps.gitFiles(realRoot),
  ]);
  const { files: walked, omitted: ignored } = listed === undefined ? walkResult : keepListed(walkResult, listed);
  const seen = new Set(walked.map((c) => c.rootPath));
  // A link is packed only when its target is a file the selection takes (never an ignored one).
  const linkTargets = scope.selection === 'ags' ? undefined : seen;
  // Root files: no exclusion test, but still never from the store, and checked like links.
  const rootFiles: Candidate[] = [...new Set(scope.rootFiles)]
    .filter((p) => !seen.has(p) && !bounds.isSkipped(p, p.slice(p.lastIndexOf('/') + 1)))
    .map((p) => ({ rootPath: p, absPath: join(realRoot, p), link: true }));
  const fromWalk = await resolveCandidates(walked, { realRoot, bounds, ...(linkTargets ? { linkTargets } : {}) }, deps);
  const fromRoot = await resolveCandidates(rootFiles, { realRoot, bounds }, deps);
  const resolved = [...fromWalk.files, ...fromRoot.files];
  const files: SourceFile[] = [];
  const omitted: SourceFile[] = [];
  for (const file of resolved) {
    const source = toSourceFile(file, scope.sourceRoot);
    if (scope.textRule === 'extension' && !isTextByName(file.rootPath)) omitted.push(source);
    else files.push(source);
  }
  const packed = new Set(resolved.map((f) => f.rootPath));
  // A root file the scope names but the tree lacks is no omission; a walked link that is not packed is.
  const reasons = [...ignored, ...fromWalk.skipped].filter((e) => !packed.has(e.path)).sort((a, b) => compareCodePoints(a.path, b.path));
  checkListed(select, packed, reasons);
  return { files: sortUnique(files), omitted: sortUnique(omitted), ignored: reasons };
}

/**
 * In a git work tree, git's own list also decides: what the walk took but git would not add is
 * left out — ignored by a parent folder's `.gitignore`, the common `info/exclude` of a worktree or
 * the global excludes file, which the walk of the root cannot see.
 */
function keepListed(walked: WalkResult, listed: readonly string[]): WalkResult {
  const byGit = new Set(listed);
  const files = walked.files.filter((c) => byGit.has(c.rootPath));
  const dropped: OmittedEntry[] = walked.files
    .filter((c) => !byGit.has(c.rootPath))
    .map((c) => ({ path: c.rootPath, reason: 'gitignore', rule: 'ignored by git', source: 'git ls-files --exclude-standard' }));
  return { files, omitted: [...walked.omitted, ...dropped] };
}

/** Every path of a `--stdin` list is a file of the root: packed, or left out for a reason. */
function checkListed(select: SelectRules, packed: ReadonlySet<string>, ignored: readonly OmittedEntry[]): void {
  if (select.paths === undefined) return;
  const find = omittedLookup(ignored);
  for (const path of select.paths) {
    if (!packed.has(path) && find(path) === undefined) {
      throw new PackerError('INPUT_NOT_FOUND', ` ${path} (from --stdin) is not a file in the packed root`);
    }
  }
}
