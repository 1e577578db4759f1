/**
 * Names a file system may resolve to the `.git` folder, as git's own `verify_path` refuses them
 * (core.protectNTFS and core.protectHFS, both on everywhere): `.git` in any case; on NTFS with
 * trailing dots or spaces (dropped by Windows), with an alternate data stream (`.git::$INDEX_ALLOCATION`)
 * or as its 8.3 short name `git~1`; on HFS+ with ignorable code points (zero-width joiners,
 * direction marks, U+FEFF) anywhere in it, which HFS+ drops when it looks a name up.
 */

/** Code points HFS+ ignores in names (git's `next_hfs_char` list). */
const HFS_IGNORABLE = /[\u200C-\u200F\u202A-\u202E\u206A-\u206F\uFEFF]/gu;

/** The name as NTFS and HFS+ would look it up: no ignorables, no stream, no trailing dots or spaces, lower case. */
function lookupForm(name: string): string {
  const visible = name.replace(HFS_IGNORABLE, '');
  const colon = visible.indexOf(':');
  const noStream = colon < 0 ? visible : visible.slice(0, colon);
  return noStream.replace(/[. ]+$/u, '').toLowerCase();
}

export function isGitDirAlias(name: string): boolean {
  const form = lookupForm(name);
  return form === '.git' || form === 'git~1';
}
