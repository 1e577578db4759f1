/** Two paths of one tree that no file system can hold apart, and why. */
export interface PathClash {
  first: string;
  second: string;
  /** One line naming the clash, e.g. `paths differ only by case: "A" and "a"`. */
  reason: string;
}

function twinReason(a: string, b: string): string {
  const how = a.normalize('NFC') === b.normalize('NFC') ? 'Unicode normalisation' : 'case';
  return `paths differ only by ${how}: ${JSON.stringify(a)} and ${JSON.stringify(b)}`;
}

/** How macOS and Windows compare names: Unicode normalisation and case do not count. */
export function foldName(name: string): string {
  return name.normalize('NFC').toLowerCase().normalize('NFC');
}

/** Each folder of `path` and then the path itself: its spelling, its folded key, and whether it is the file. */
function* prefixesOf(path: string, fold: (name: string) => string): Generator<{ spelling: string; folded: string; isFile: boolean }> {
  const segments = path.split('/');
  let folded = '';
  for (let i = 0; i < segments.length; i++) {
    folded += (i === 0 ? '' : '/') + fold(segments[i]!);
    yield { spelling: segments.slice(0, i + 1).join('/'), folded, isFile: i === segments.length - 1 };
  }
}

interface Seen {
  spelling: string;
  isFile: boolean;
  path: string;
}

/**
 * The first clash in a list of file paths: the same path twice, a path that is also a folder of
 * another (`a` and `a/b`), or two paths, or folders of them, that differ only by case or
 * normalisation (`README` and `readme`; `é` composed and decomposed), which a case- or
 * normalisation-insensitive file system would make one (unless `twins` is false).
 */
export function findPathClash(paths: Iterable<string>, options: { twins?: boolean } = {}): PathClash | undefined {
  // Without twins (pack --allow-unportable-paths), names are compared as they are spelled.
  const fold = options.twins === false ? (name: string) => name : foldName;
  const seen = new Map<string, Seen>();
  for (const path of paths) {
    for (const { spelling, folded, isFile } of prefixesOf(path, fold)) {
      const before = seen.get(folded);
      if (before === undefined) {
        seen.set(folded, { spelling, isFile, path });
        continue;
      }
      if (before.spelling !== spelling) {
        return { first: before.path, second: path, reason: twinReason(before.spelling, spelling) };
      }
      if (before.isFile || isFile) {
        const reason =
          before.isFile && isFile
            ? `duplicate path ${JSON.stringify(path)}`
            : `${JSON.stringify(spelling)} is both a file and a folder (${JSON.stringify(before.path)}, ${JSON.stringify(path)})`;
        return { first: before.path, second: path, reason };
      }
    }
  }
  return undefined;
}

/**
 * Every case or normalisation twin of a list of paths (the clashes `findPathClash` would stop at
 * first): each later spelling of a path or folder, with the earlier one, once.
 */
export function findTwins(paths: Iterable<string>): PathClash[] {
  const first = new Map<string, { spelling: string; path: string }>();
  const reported = new Set<string>();
  const twins: PathClash[] = [];
  for (const path of paths) {
    for (const { spelling, folded } of prefixesOf(path, foldName)) {
      const before = first.get(folded);
      if (before === undefined) first.set(folded, { spelling, path });
      else if (before.spelling !== spelling && !reported.has(spelling)) {
        reported.add(spelling);
        twins.push({ first: before.path, second: path, reason: twinReason(before.spelling, spelling) });
      }
    }
  }
  return twins;
}
