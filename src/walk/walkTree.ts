import type { Dirent } from 'node:fs';
import { join } from 'node:path';
import { PackerError, isErrno, mapLimit } from '../util/index.js';
import type { OmittedEntry } from '../select/types.js';
import { DIR_CONCURRENCY, type WalkDeps } from './walkDeps.js';

/** A file (or a link to check) the walk found; `rootPath` is `/`-separated, relative to the packed root. */
export interface Candidate {
  rootPath: string;
  absPath: string;
  /** A symbolic link: packed only when it leads to a regular file inside the root; undefined: not known yet (git's list). */
  link: boolean | undefined;
}

/** A walk's answer: the candidates, and every path its rules left out (with the reason). */
export interface WalkResult {
  files: Candidate[];
  omitted: OmittedEntry[];
}

export interface DirVisit<C> {
  /** `/`-separated, relative to the packed root; `''` for the root itself. */
  rel: string;
  abs: string;
  /** What the visitor passes down (the ignore rules in force, for the gitignore walk). */
  context: C;
}

export interface VisitResult<C> {
  dirs: DirVisit<C>[];
  files: Candidate[];
}

export type EntryKind = 'dir' | 'file' | 'link';

/** Folders, regular files and links; FIFOs, sockets and devices are never packed. */
export function entryKind(entry: Dirent): EntryKind | undefined {
  if (entry.isDirectory()) return 'dir';
  if (entry.isFile()) return 'file';
  if (entry.isSymbolicLink()) return 'link';
  return undefined;
}

export function childOf<C>(dir: DirVisit<C>, name: string, context: C): DirVisit<C> {
  return { rel: dir.rel === '' ? name : `${dir.rel}/${name}`, abs: join(dir.abs, name), context };
}

/**
 * A name that is not valid UTF-8 reaches us with U+FFFD in place of its bad bytes, so the path we
 * build names no file (ENOENT). Skipping it as "vanished" would silently leave it out of the pack:
 * refuse instead. (A name holding a real U+FFFD that vanished mid-walk fails closed the same way.)
 */
export function checkNameDecoded(err: unknown, rel: string, what: 'file' | 'folder'): void {
  if (isErrno(err, 'ENOENT') && rel.includes('\uFFFD')) {
    throw new PackerError('PACK_SOURCE_UNREADABLE', ` ${rel}: the name is not valid UTF-8`, {
      hint: `rename the ${what}, or leave it out of the scope`,
      cause: err,
    });
  }
}

async function readEntries(dir: DirVisit<unknown>, deps: WalkDeps): Promise<Dirent[]> {
  try {
    return await deps.readdir(dir.abs);
  } catch (err) {
    checkNameDecoded(err, dir.rel, 'folder');
    // Gone or replaced since its parent was listed: nothing to pack there.
    if (isErrno(err, 'ENOENT', 'ENOTDIR')) return [];
    const code = isErrno(err) ? err.code : String(err);
    throw new PackerError('PACK_SOURCE_UNREADABLE', ` cannot list ${dir.rel || '.'}: ${code}`, { cause: err });
  }
}

/**
 * Breadth-first walk from `start`, at most DIR_CONCURRENCY folders listed at once. The visitor
 * decides which children to descend into and which files are candidates; the order of the answer
 * is not meaningful (the caller sorts).
 */
export async function walkTree<C>(
  start: DirVisit<C>,
  visit: (dir: DirVisit<C>, entries: Dirent[]) => Promise<VisitResult<C>>,
  deps: WalkDeps,
): Promise<Candidate[]> {
  const files: Candidate[] = [];
  let level: DirVisit<C>[] = [start];
  while (level.length > 0) {
    const results = await mapLimit(level, DIR_CONCURRENCY, async (dir) => visit(dir, await readEntries(dir, deps)));
    level = [];
    for (const result of results) {
      for (const d of result.dirs) level.push(d);
      for (const f of result.files) files.push(f);
    }
  }
  return files;
}
