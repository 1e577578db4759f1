import { fileExt } from '../manifest/index.js';

/** docs/FORMATS.md §10: extensions whose files the AGS scopes pack as text. */
export const AGS_TEXT_EXTENSIONS: ReadonlySet<string> = new Set([
  '.md', '.txt', '.json', '.py', '.js', '.mjs', '.cjs', '.css', '.html',
  '.php', '.ps1', '.cmd', '.bat', '.yml', '.yaml', '.rs', '.toml',
]);

/** docs/FORMATS.md §10: names without an `ext` that are text all the same. */
export const AGS_TEXT_NAMES: ReadonlySet<string> = new Set([
  '.gitignore', '.gitattributes', '.editorconfig', '.htaccess', '.gitkeep', 'LICENSE',
]);

/**
 * The AGS text rule (docs/FORMATS.md §10), decided by name alone: the manifest `ext` is in the list,
 * or it is `""` and the name is one of the known extension-less text files.
 *   UPPER.MD, .hidden.json → text; NOEXT, trailingdot., logo.png → not text
 */
export function isTextByName(path: string): boolean {
  const ext = fileExt(path);
  if (ext !== '') return AGS_TEXT_EXTENSIONS.has(ext);
  return AGS_TEXT_NAMES.has(path.slice(path.lastIndexOf('/') + 1));
}
