/**
 * The manifest's `ext` (docs/FORMATS.md §6): the lowercased suffix of the last path component from
 * its last `.`, unless that dot is the name's first or last character.
 *   UPPER.MD → .md   archive.tar.GZ → .gz   .hidden.json → .json   .gitignore, NOEXT, trailingdot. → ""
 */
export function fileExt(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || dot === name.length - 1) return '';
  return name.slice(dot).toLowerCase();
}
