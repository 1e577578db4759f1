import { isGitDirAlias } from './isGitDirAlias.js';
import { MAX_NAME_BYTES } from './limits.js';

/** Names Windows gives to devices, in any case and with any extension (`nul.txt`, `COM1.tar.gz`). */
const WINDOWS_DEVICES: ReadonlySet<string> = new Set([
  'con', 'prn', 'aux', 'nul', 'conin$', 'conout$',
  ...[1, 2, 3, 4, 5, 6, 7, 8, 9, '¹', '²', '³'].flatMap((n) => [`com${n}`, `lpt${n}`]),
]);

/** Characters Windows does not allow in a name (the backslash and colon also separate paths and streams). */
// eslint-disable-next-line no-control-regex
const WINDOWS_FORBIDDEN = /[\u0000-\u001F<>:"|?*\\]/u;

function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/**
 * Why one path component cannot be written as itself on Linux, macOS and Windows alike, or
 * undefined when it can. The length counts the temp suffix a durable write adds, in UTF-8 bytes
 * (Linux, APFS) and in UTF-16 units of the decomposed form (HFS+ stores names as NFD).
 */
export function nameProblem(name: string): string | undefined {
  if (name === '') return 'empty segment';
  if (name === '.' || name === '..') return `"${name}" segment`;
  if (isGitDirAlias(name)) return 'a name git reserves for its own folder (.git)';
  const bad = WINDOWS_FORBIDDEN.exec(name);
  if (bad) return bad[0] === '\0' ? 'NUL byte' : `character ${JSON.stringify(bad[0])} is not allowed on Windows`;
  if (/[. ]$/u.test(name)) return 'a trailing dot or space (Windows drops it)';
  const stem = name.split('.')[0]!.replace(/ +$/u, '').toLowerCase();
  if (WINDOWS_DEVICES.has(stem)) return `a device name on Windows (${stem.toUpperCase()})`;
  const longest = Math.max(utf8Bytes(name), name.normalize('NFD').length);
  if (longest > MAX_NAME_BYTES) return `name too long (${longest} > ${MAX_NAME_BYTES} bytes)`;
  return undefined;
}

/**
 * The part of `nameProblem` no option may waive: a name that escapes or means something else
 * everywhere (empty, `.`, `..`, `.git` and its aliases, a NUL or other control character, a
 * backslash, which Windows reads as a separator) or that this system cannot create with the temp suffix (too long).
 */
export function unsafeNameProblem(name: string): string | undefined {
  if (name === '') return 'empty segment';
  if (name === '.' || name === '..') return `"${name}" segment`;
  if (isGitDirAlias(name)) return 'a name git reserves for its own folder (.git)';
  if (name.includes('\0')) return 'NUL byte';
  // A backslash is a separator on Windows; a control character (a line break) could forge lines
  // of FULL, SPLIT and every listing that names the file.
  const bad = /[\u0001-\u001F\\]/u.exec(name);
  if (bad) return `character ${JSON.stringify(bad[0])} is not allowed on Windows`;
  const longest = Math.max(utf8Bytes(name), name.normalize('NFD').length);
  if (longest > MAX_NAME_BYTES) return `name too long (${longest} > ${MAX_NAME_BYTES} bytes)`;
  return undefined;
}

/**
 * The part of `nameProblem` that only some systems have (Windows: forbidden characters, a
 * trailing dot or space, device names): `pack --allow-unportable-paths` packs such a name as it
 * is and warns.
 */
export function unportableNameProblem(name: string): string | undefined {
  return unsafeNameProblem(name) === undefined ? nameProblem(name) : undefined;
}
