import { nameProblem } from './nameProblem.js';

/**
 * Why `path` cannot be a packed file's path, or undefined when it can: relative, `/`-separated,
 * every component writable as itself on Linux, macOS and Windows (see `nameProblem`).
 */
export function pathProblem(path: string): string | undefined {
  if (path.length === 0) return 'empty path';
  if (path.includes('\0')) return 'NUL byte';
  if (path.startsWith('/')) return 'absolute path';
  if (path.includes('\\')) return 'backslash';
  if (/^[A-Za-z]:/u.test(path)) return 'drive letter';
  for (const segment of path.split('/')) {
    const problem = nameProblem(segment);
    if (problem !== undefined) return segment === '' || segment === '.' || segment === '..' ? problem : `${JSON.stringify(segment)}: ${problem}`;
  }
  return undefined;
}
