import { orderSections, sectionOf, splitSectionFileName } from '../bundle/index.js';
import { FS_NAME_MAX, checkTreePaths } from '../paths/index.js';
import type { Scope } from '../scopes/index.js';
import { PackerError } from '../util/index.js';
import type { SourceFile } from '../walk/index.js';

const HINT = 'rename it, or leave it out with a .gitignore line or the scope\'s exclude globs';

/**
 * Refuse, before anything is written, a tree that `consume` could not rebuild as it is on Linux,
 * macOS and Windows alike (the shared path rule, src/paths), or whose SPLIT section file name
 * (from a top-level folder) would be too long.
 */
export function checkPackPaths(files: readonly SourceFile[], scope: Scope): void {
  const issue = checkTreePaths(files.map((f) => f.path));
  if (issue) throw new PackerError('PACK_UNPORTABLE_PATH', ` ${issue.message}`, { hint: HINT });
  const sections = orderSections(new Set(files.map((f) => sectionOf(f, scope.sections))), scope.sections);
  sections.forEach((name, i) => {
    const fileName = splitSectionFileName(scope.prefix, i, sections.length, name);
    const bytes = Buffer.byteLength(fileName, 'utf8');
    if (bytes > FS_NAME_MAX) {
      throw new PackerError('PACK_UNPORTABLE_PATH', ` top-level folder ${JSON.stringify(name)}: its SPLIT file name would be ${bytes} bytes (> ${FS_NAME_MAX})`, { hint: HINT });
    }
  });
}
