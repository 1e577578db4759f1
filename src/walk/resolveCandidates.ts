import type { OmittedEntry } from '../select/types.js';
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

/** Why a candidate is not packed as a file (meta/OMITTED.json, reason `not-a-file`). */
export const NOT_A_FILE_RULES = {
  outside: 'a link that leads outside the root',
  forbidden: "a link into .git or llm-packer's own folders",
  notSelected: 'a link to a file the selection leaves out (its content is never packed under the link\'s name)',
  folder: 'a link to a folder (links are followed only to files)',
  special: 'not a regular file (a FIFO, socket or device)',
  broken: 'a broken link, or a link loop',
} as const;

type Resolved = ResolvedFile | { skipped: OmittedEntry } | undefined;

function skip(candidate: Candidate, rule: string): Resolved {
  return { skipped: { path: candidate.rootPath, reason: 'not-a-file', rule } };
}

async function resolveOne(candidate: Candidate, options: ResolveOptions, deps: WalkDeps): Promise<Resolved> {
  let link = false;
  try {
    link = await isLink(candidate, deps);
    const stats = await deps.stat(candidate.absPath);
    if (!stats.isFile()) return skip(candidate, link && stats.isDirectory() ? NOT_A_FILE_RULES.folder : NOT_A_FILE_RULES.special);
    if (link) {
      const target = relativeInside(options.realRoot, await deps.realpath(candidate.absPath));
      if (target === undefined) return skip(candidate, NOT_A_FILE_RULES.outside);
      if (options.bounds.isForbiddenTarget(target)) return skip(candidate, NOT_A_FILE_RULES.forbidden);
      if (options.linkTargets !== undefined && !options.linkTargets.has(target)) return skip(candidate, NOT_A_FILE_RULES.notSelected);
    }
    return { rootPath: candidate.rootPath, absPath: candidate.absPath, size: stats.size };
  } catch (err) {
    checkNameDecoded(err, candidate.rootPath, 'file');
    // Broken link or link loop (listed), or a file that vanished since the folder was listed (not).
    if (isErrno(err, 'ENOENT', 'ENOTDIR', 'ELOOP')) return link ? skip(candidate, NOT_A_FILE_RULES.broken) : undefined;
    const code = isErrno(err) ? err.code : String(err);
    throw new PackerError('PACK_SOURCE_UNREADABLE', ` cannot stat ${candidate.rootPath}: ${code}`, { cause: err });
  }
}

/**
 * Stat every candidate (at most STAT_CONCURRENCY at once): regular files keep their size; a link
 * is kept, with its target's size, only when it leads to a regular file inside the root,
 * outside git's and the store's folders (and, with `linkTargets`, one git does not ignore: a link
 * never packs an ignored file's content under its own name). Anything else (folders, FIFOs,
 * sockets, devices, broken links, links leaving the root) is `skipped`, with why; a file that
 * vanished since its folder was listed is simply gone.
 */
export async function resolveCandidates(
  candidates: readonly Candidate[],
  options: ResolveOptions,
  deps: WalkDeps,
): Promise<{ files: ResolvedFile[]; skipped: OmittedEntry[] }> {
  const resolved = await mapLimit(candidates, STAT_CONCURRENCY, (c) => resolveOne(c, options, deps));
  const files: ResolvedFile[] = [];
  const skipped: OmittedEntry[] = [];
  for (const r of resolved) {
    if (r === undefined) continue;
    if ('skipped' in r) skipped.push(r.skipped);
    else files.push(r);
  }
  return { files, skipped };
}
