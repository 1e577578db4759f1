import { compilePattern } from '../patterns/index.js';

/** A predicate on manifest paths for a client's glob (dotfiles included, no backtracking); none: all. */
export function globFilter(glob: string | undefined): (path: string) => boolean {
  if (glob === undefined) return () => true;
  return compilePattern(glob, { file: 'the glob argument' });
}
