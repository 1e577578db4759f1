import { PackerError, isErrno, mapLimit } from '../util/index.js';
import { relativeInside, type WalkBounds } from './walkBounds.js';
import { STAT_CONCURRENCY, type WalkDeps } from './walkDeps.js';
import { checkNameDecoded, type Candidate } from './walkTree.js';

export interface ResolvedFile {
  rootPath: string;
  absPath: string;
  size: number;
}

async function resolveOne(
  candidate: Candidate,
  options: { realRoot: string; bounds: WalkBounds },
  deps: WalkDeps,
): Promise<ResolvedFile | undefined> {
  try {
    const stats = await deps.stat(candidate.absPath);
    if (!stats.isFile()) return undefined;
    if (candidate.link) {
      const target = relativeInside(options.realRoot, await deps.realpath(candidate.absPath));
      if (target === undefined || options.bounds.isForbiddenTarget(target)) return undefined;
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
 * is kept, with its target's size, only when it leads to a regular file inside the root and
 * outside git's and the store's folders; anything else (folders, FIFOs, sockets, devices,
 * broken links, links leaving the root) is dropped.
 */
export async function resolveCandidates(
  candidates: readonly Candidate[],
  options: { realRoot: string; bounds: WalkBounds },
  deps: WalkDeps,
): Promise<ResolvedFile[]> {
  const resolved = await mapLimit(candidates, STAT_CONCURRENCY, (c) => resolveOne(c, options, deps));
  return resolved.filter((f): f is ResolvedFile => f !== undefined);
}
