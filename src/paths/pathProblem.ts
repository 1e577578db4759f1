import { nameProblem, unportableNameProblem, unsafeNameProblem } from './nameProblem.js';

function problemOf(path: string, name: (segment: string) => string | undefined): string | undefined {
  if (path.length === 0) return 'empty path';
  if (path.includes('\0')) return 'NUL byte';
  if (path.startsWith('/')) return 'absolute path';
  if (path.includes('\\')) return 'backslash';
  if (/^[A-Za-z]:/u.test(path)) return 'drive letter';
  for (const segment of path.split('/')) {
    const problem = name(segment);
    if (problem !== undefined) return segment === '' || segment === '.' || segment === '..' ? problem : `${JSON.stringify(segment)}: ${problem}`;
  }
  return undefined;
}

/**
 * Why `path` cannot be a packed file's path, or undefined when it can: relative, `/`-separated,
 * every component writable as itself on Linux, macOS and Windows (see `nameProblem`).
 */
export function pathProblem(path: string): string | undefined {
  return problemOf(path, nameProblem);
}

/** The part of `pathProblem` no option may waive (see `unsafeNameProblem`). */
export function unsafePathProblem(path: string): string | undefined {
  return problemOf(path, unsafeNameProblem);
}

/**
 * Why `path` can be written here but not on every system (see `unportableNameProblem`), when
 * it is otherwise safe; undefined when it is portable or unsafe.
 */
export function unportablePathProblem(path: string): string | undefined {
  return unsafePathProblem(path) === undefined ? pathProblem(path) : undefined;
}
