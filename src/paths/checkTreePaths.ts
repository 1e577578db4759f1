import { findPathClash } from './findPathClash.js';
import { pathProblem } from './pathProblem.js';

/** Why a tree of files cannot be rebuilt as it is everywhere: one path, or two that clash. */
export interface TreePathIssue {
  /** The path to rename or leave out (the later one of a clash). */
  path: string;
  /** One line: what is wrong. */
  message: string;
}

/**
 * The shared path rule of pack and consume: every path passes `pathProblem` and no two clash
 * (`findPathClash`). What `pack` accepts, `consume` can write, on Linux, macOS and Windows.
 */
export function checkTreePaths(paths: readonly string[]): TreePathIssue | undefined {
  for (const path of paths) {
    const problem = pathProblem(path);
    if (problem !== undefined) return { path, message: `unsafe path ${JSON.stringify(path)}: ${problem}` };
  }
  const clash = findPathClash(paths);
  return clash === undefined ? undefined : { path: clash.second, message: clash.reason };
}
