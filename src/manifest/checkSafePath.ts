import { pathProblem } from '../paths/index.js';
import { PackerError } from '../util/index.js';

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

/**
 * Paths that would land on the same file on a case-insensitive file system (macOS, Windows).
 * Returns the first colliding pair, comparing every prefix so `A/x` and `a/y` collide too.
 */
export function findCaseCollision(paths: readonly string[]): [string, string] | undefined {
  const seen = new Map<string, string>();
  for (const path of paths) {
    const segments = path.split('/');
    for (let i = 1; i <= segments.length; i++) {
      const prefix = segments.slice(0, i).join('/');
      const folded = prefix.normalize('NFC').toLowerCase();
      const before = seen.get(folded);
      if (before === undefined) seen.set(folded, prefix);
      else if (before !== prefix) return [before, prefix];
    }
  }
  return undefined;
}

export function assertSafePath(path: string, code: 'CONSUME_UNSAFE_PATH' | 'MANIFEST_INVALID' = 'CONSUME_UNSAFE_PATH'): void {
  const reason = unsafePathReason(path);
  if (reason) throw new PackerError(code, ` unsafe path ${JSON.stringify(path)}: ${reason}`);
}
