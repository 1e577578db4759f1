import { findPathClash, findTwins } from './findPathClash.js';
import { pathProblem, unportablePathProblem, unsafePathProblem } from './pathProblem.js';

/** Why a tree of files cannot be rebuilt as it is everywhere: one path, or two that clash. */
export interface TreePathIssue {
  /** The path to rename or leave out (the later one of a clash). */
  path: string;
  /** One line: what is wrong. */
  message: string;
}

export interface TreePathOptions {
  /**
   * Waive what only some systems refuse (Windows names, case and normalisation twins): a tree
   * this system can hold passes; `unportablePaths` lists what was waived. Never waived: `.git`,
   * `..`, absolute paths, backslashes, control characters, names too long, duplicates and a path
   * that is also a folder.
   */
  allowUnportable?: boolean;
}

/**
 * The shared path rule of pack and consume: every path passes `pathProblem` and no two clash
 * (`findPathClash`). What `pack` accepts, `consume` can write, on Linux, macOS and Windows.
 */
export function checkTreePaths(paths: readonly string[], options: TreePathOptions = {}): TreePathIssue | undefined {
  const allow = options.allowUnportable === true;
  const problemOf = allow ? unsafePathProblem : pathProblem;
  for (const path of paths) {
    const problem = problemOf(path);
    if (problem !== undefined) return { path, message: `unsafe path ${JSON.stringify(path)}: ${problem}` };
  }
  const clash = findPathClash(paths, { twins: !allow });
  return clash === undefined ? undefined : { path: clash.second, message: clash.reason };
}

/**
 * What `checkTreePaths` waives with `allowUnportable`: one issue per unportable path (a Windows
 * name, or the later spelling of a case or normalisation twin), in the order of `paths`.
 */
export function unportablePaths(paths: readonly string[]): TreePathIssue[] {
  const issues: TreePathIssue[] = [];
  for (const path of paths) {
    const problem = unportablePathProblem(path);
    if (problem !== undefined) issues.push({ path, message: `unportable path ${JSON.stringify(path)}: ${problem}` });
  }
  for (const twin of findTwins(paths)) issues.push({ path: twin.second, message: twin.reason });
  return issues;
}
