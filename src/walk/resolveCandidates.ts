import { PackerError, isErrno, mapLimit } from '../util/index.js';
import { relativeInside, type WalkBounds } from './walkBounds.js';
import { STAT_CONCURRENCY, type WalkDeps } from './walkDeps.js';
import { checkNameDecoded, type Candidate } from './walkTree.js';

export interface ResolvedFile {
  rootPath: string;
  absPath: string;
  size: number;
}

export interface ResolveOptions {
  realRoot: string;
  bounds: WalkBounds;
  /** When given, a link is kept only if its target is one of these root paths (a file git does not ignore). */
  linkTargets?: ReadonlySet<string>;
}

async function isLink(candidate: Candidate, deps: WalkDeps): Promise<boolean> {
  return candidate.link ?? (await deps.lstat(candidate.absPath)).isSymbolicLink();
}

async function resolveOne(candidate: Candidate, options: ResolveOptions, deps: WalkDeps): Promise<ResolvedFile | undefined> {
  try {
    const link = await isLink(candidate, deps);
    const stats = await deps.stat(candidate.absPath);
    if (!stats.isFile()) return undefined;
    if (link) {
      const target = relativeInside(options.realRoot, await deps.realpath(candidate.absPath));
      if (target === undefined || options.bounds.isForbiddenTarget(target)) return undefined;
      if (options.linkTargets !== undefined && !options.linkTargets.has(target)) return undefined;
    }
    return { rootPath: candidate.rootPath, absPath: candidate.absPath, size: stats.size };
  } catch (err) {
    checkNameDecoded(err, candidate.rootPath, 'file');
    // Broken link, link loop, or the file vanished since the folder was listed.
    if (isErrno(err, 'ENOENT', 'ENOTDIR', 'ELOOP')) return undefined;
    const code = isErrno(err) ? err.code : String(err);
    throw new PackerError('PACK_SOURCE_UNREADABLE', ` cannot stat ${candidate.rootPath}: ${code}`, { cause: err });
  }
}

/**
 * Stat every candidate (at most STAT_CONCURRENCY at once): regular files keep their size; a link
 * is kept, with its target's size, only when it leads to a regular file inside the root,
 * outside git's and the store's folders (and, with `linkTargets`, one git does not ignore: a link
 * never packs an ignored file's content under its own name); anything else (folders, FIFOs, sockets, devices,
 * broken links, links leaving the root) is dropped.
 */
export async function resolveCandidates(candidates: readonly Candidate[], options: ResolveOptions, deps: WalkDeps): Promise<ResolvedFile[]> {
  const resolved = await mapLimit(candidates, STAT_CONCURRENCY, (c) => resolveOne(c, options, deps));
  return resolved.filter((f): f is ResolvedFile => f !== undefined);
}
