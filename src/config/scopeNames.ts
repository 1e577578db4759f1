/**
 * The names of the built-in scopes (docs/FORMATS.md §10), one owner: the AGS scopes (their store
 * lives in the AGS layout and a config cannot redefine them), then `repo`.
 */
export const AGS_SCOPE_NAMES = ['ags', 'lab', 'cat_cas'] as const;
export const BUILTIN_SCOPE_NAMES = [...AGS_SCOPE_NAMES, 'repo'] as const;
export type BuiltinScopeName = (typeof BUILTIN_SCOPE_NAMES)[number];

export function isAgsScopeName(name: string): boolean {
  return (AGS_SCOPE_NAMES as readonly string[]).includes(name);
}
