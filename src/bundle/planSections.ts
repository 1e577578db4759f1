import { compareCodePoints } from '../util/index.js';
import type { Scope } from '../scopes/index.js';

/** SPLIT section for files at the root and, for AGS, anything outside the six buckets. */
const ROOT_FILES_SECTION = 'ROOT_FILES';

/** AGS sections in their fixed order (`.github` and root files go to ROOT_FILES). */
const AGS_SECTIONS: readonly string[] = ['LAW', 'CAPABILITY', 'NAVIGATION', 'DIRECTION', 'THOUGHT', 'MEMORY', ROOT_FILES_SECTION];

function firstComponent(path: string): string | undefined {
  const slash = path.indexOf('/');
  return slash < 0 ? undefined : path.slice(0, slash);
}

/**
 * The section a file belongs to. AGS sections follow the bucket at the top of the packed root;
 * other scopes get one section per top-level folder of the source root, root files in ROOT_FILES.
 */
export function sectionOf(file: { path: string; rootPath: string }, kind: Scope['sections']): string {
  if (kind === 'ags') {
    const top = firstComponent(file.rootPath);
    return top !== undefined && AGS_SECTIONS.includes(top) && top !== ROOT_FILES_SECTION ? top : ROOT_FILES_SECTION;
  }
  return firstComponent(file.path) ?? ROOT_FILES_SECTION;
}

/** Section names in output order: AGS's fixed order, or folders in code-point order then ROOT_FILES. */
export function orderSections(names: Iterable<string>, kind: Scope['sections']): string[] {
  const set = new Set(names);
  if (kind === 'ags') return AGS_SECTIONS.filter((s) => set.has(s));
  const folders = [...set].filter((s) => s !== ROOT_FILES_SECTION).sort(compareCodePoints);
  return set.has(ROOT_FILES_SECTION) ? [...folders, ROOT_FILES_SECTION] : folders;
}

/** `<PREFIX>-01_LAW.md`: numbered from 1 in section order, at least two digits; `ext` by style. */
export function splitSectionFileName(prefix: string, index: number, count: number, name: string, ext = 'md'): string {
  const width = Math.max(2, String(count).length);
  return `${prefix}-${String(index + 1).padStart(width, '0')}_${name}.${ext}`;
}

/** `<PREFIX>-PART-01.md`: a token-bounded SPLIT part, numbered from 1, at least two digits. */
export function splitPartFileName(prefix: string, index: number, count: number, ext = 'md'): string {
  const width = Math.max(2, String(count).length);
  return `${prefix}-PART-${String(index + 1).padStart(width, '0')}.${ext}`;
}
