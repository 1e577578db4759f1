import { orderSections, sectionOf, splitSectionFileName } from '../bundle/index.js';
import { FS_NAME_MAX, checkTreePaths, unportablePaths, type TreePathIssue } from '../paths/index.js';
import type { Scope } from '../scopes/index.js';
import { PackerError } from '../util/index.js';
import type { SourceFile } from '../walk/index.js';

const HINT = 'rename it, or leave it out with a .gitignore line or the scope\'s exclude globs';

const ALLOW_HINT = `${HINT}, or pass --allow-unportable-paths to pack it as it is; consume then needs the same option`;

/**
 * Refuse, before anything is written, a tree that `consume` could not rebuild as it is on Linux,
 * macOS and Windows alike (the shared path rule, src/paths), or whose SPLIT section file name
 * (from a top-level folder) would be too long. With `allowUnportable`, a tree this system can
 * hold passes and what only some systems refuse comes back, one issue per path, to be warned
 * about; nothing is renamed.
 */
export function checkPackPaths(files: readonly SourceFile[], scope: Scope, options: { allowUnportable?: boolean } = {}): TreePathIssue[] {
  const paths = files.map((f) => f.path);
  const allowUnportable = options.allowUnportable === true;
  const issue = checkTreePaths(paths, { allowUnportable });
  if (issue) {
    // A refusal the option would waive says so.
    const waivable = !allowUnportable && checkTreePaths(paths, { allowUnportable: true }) === undefined;
    throw new PackerError('PACK_UNPORTABLE_PATH', ` ${issue.message}`, { hint: waivable ? ALLOW_HINT : HINT });
  }
  const sections = orderSections(new Set(files.map((f) => sectionOf(f, scope.sections))), scope.sections);
  sections.forEach((name, i) => {
    const fileName = splitSectionFileName(scope.prefix, i, sections.length, name);
    const bytes = Buffer.byteLength(fileName, 'utf8');
    if (bytes > FS_NAME_MAX) {
      throw new PackerError('PACK_UNPORTABLE_PATH', ` top-level folder ${JSON.stringify(name)}: its SPLIT file name would be ${bytes} bytes (> ${FS_NAME_MAX})`, { hint: HINT });
    }
  });
  return allowUnportable ? unportablePaths(paths) : [];
}
