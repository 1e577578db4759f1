import picomatch from 'picomatch';

/** A predicate on manifest paths for a client's glob (picomatch, dotfiles included); none: all. */
export function globFilter(glob: string | undefined): (path: string) => boolean {
  if (glob === undefined) return () => true;
  return picomatch(glob, { dot: true, windows: false });
}
