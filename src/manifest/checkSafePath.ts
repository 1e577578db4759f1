import { pathProblem } from '../paths/index.js';

/**
 * Why `path` is not a manifest path, or undefined when it is one: relative, `/`-separated, no
 * empty, `.` or `..` segment, no NUL. `portable` (consume) applies the whole shared path rule
 * (`pathProblem`: no `.git`, nothing Linux, macOS or Windows would misread or refuse).
 */
export function unsafePathReason(path: string, { portable = true }: { portable?: boolean } = {}): string | undefined {
  if (portable) return pathProblem(path);
  if (path.length === 0) return 'empty path';
  if (path.includes('\0')) return 'NUL byte';
  if (path.startsWith('/')) return 'absolute path';
  if (portable && path.includes('\\')) return 'backslash';
  if (portable && /^[A-Za-z]:/.test(path)) return 'drive letter';
  for (const segment of path.split('/')) {
    if (segment === '') return 'empty segment';
    if (segment === '.' || segment === '..') return `"${segment}" segment`;
  }
  return undefined;
}
