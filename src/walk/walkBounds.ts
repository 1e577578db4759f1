import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { Scope } from '../scopes/index.js';
import type { WalkDeps } from './walkDeps.js';

/** The store's own folder name in every non-AGS root: never packed, wherever it appears. */
const STORE_FOLDER_NAME = '.llm-packer';

/** What every walk honours, whatever the scope: include dirs, excluded parts, the store's folders. */
export interface WalkBounds {
  /** A child named `name` at `rel` is never entered or packed. */
  isSkipped(rel: string, name: string): boolean;
  /** The walk must enter this folder to reach an include dir (or it is inside one). */
  mayDescend(rel: string): boolean;
  /** A file at `rel` is inside one of the include dirs. */
  isIncluded(rel: string): boolean;
  /** A link's target (relative to the real root) lies in git's or the store's folders. */
  isForbiddenTarget(rel: string): boolean;
}

/** `rel` of `target` under `base`, `/`-separated; undefined when it is `base` itself or outside. */
export function relativeInside(base: string, target: string): string | undefined {
  const rel = relative(base, target);
  if (rel === '' || isAbsolute(rel) || rel === '..' || rel.startsWith(`..${sep}`)) return undefined;
  return rel.split(sep).join('/');
}

/** The store folders (absolute) as paths relative to the root, however the root was spelled. */
export async function resolveExcludedRel(
  options: { root: string; realRoot: string; exclude: readonly string[] },
  deps: WalkDeps,
): Promise<Set<string>> {
  const rels = new Set<string>();
  for (const folder of options.exclude) {
    const abs = resolve(options.root, folder);
    const spellings = [relativeInside(options.root, abs), relativeInside(options.realRoot, abs)];
    const real = await deps.realpath(abs).catch(() => undefined);
    if (real !== undefined) spellings.push(relativeInside(options.realRoot, real));
    for (const rel of spellings) if (rel !== undefined) rels.add(rel);
  }
  return rels;
}

function isUnder(rel: string, dir: string): boolean {
  return dir === '.' || rel === dir || rel.startsWith(`${dir}/`);
}

export function makeWalkBounds(scope: Scope, excludedRel: ReadonlySet<string>): WalkBounds {
  const parts = new Set(scope.excludedDirParts);
  const includeDirs = scope.includeDirs;
  const inExcluded = (rel: string) => [...excludedRel].some((dir) => isUnder(rel, dir));
  return {
    isSkipped: (rel, name) => name === STORE_FOLDER_NAME || parts.has(name) || excludedRel.has(rel),
    mayDescend: (rel) => includeDirs.some((dir) => isUnder(rel, dir) || dir.startsWith(`${rel}/`)),
    isIncluded: (rel) => includeDirs.some((dir) => dir === '.' || rel.startsWith(`${dir}/`)),
    isForbiddenTarget: (rel) =>
      rel.split('/').some((part) => part === '.git' || part === STORE_FOLDER_NAME) || inExcluded(rel),
  };
}
