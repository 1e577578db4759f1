import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { assertAbsolute } from '../util/index.js';
import { isAgsScopeName } from './scopeNames.js';

/** The six AGS bucket folders; a root holding any of them defaults to the `ags` scope. */
export const AGS_BUCKETS = ['LAW', 'CAPABILITY', 'NAVIGATION', 'DIRECTION', 'THOUGHT', 'MEMORY'] as const;


export interface StoreLocations {
  /** The packed root every default is relative to. */
  root: string;
  casRoot: string;
  runsDir: string;
  packsDir: string;
}

export interface StoreLocationOptions {
  root: string;
  /** The scope key; when absent it is detected from the root (see `detectDefaultScope`). */
  scope?: string;
  casRoot?: string;
  runsDir?: string;
  packsDir?: string;
}

async function isDir(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** `ags` when the root has any AGS bucket folder, else `repo` (PRODUCT.md). */
export async function detectDefaultScope(root: string): Promise<'ags' | 'repo'> {
  const found = await Promise.all(AGS_BUCKETS.map((b) => isDir(join(root, b))));
  return found.some(Boolean) ? 'ags' : 'repo';
}

/** The default store locations, relative to the packed root: the AGS layout, and every other scope's. */
export const STORE_LAYOUTS = {
  ags: { casRoot: 'CAPABILITY/CAS/storage', runsDir: 'CAPABILITY/RUNS', packsDir: 'MEMORY/LLM_PACKER/_packs' },
  repo: { casRoot: '.llm-packer/cas', runsDir: '.llm-packer/runs', packsDir: '.llm-packer/packs' },
} as const;

/**
 * Where the store, the runs dir and the packs live. Defaults are relative to the packed root,
 * never to the current directory; explicit locations win.
 */
export async function resolveStoreLocations(options: StoreLocationOptions): Promise<StoreLocations> {
  assertAbsolute('root', options.root);
  const root = resolve(options.root);
  const scope = options.scope ?? (await detectDefaultScope(root));
  const ags = isAgsScopeName(scope); // the AGS layout; every other scope uses `.llm-packer/`
  const defaults = ags ? STORE_LAYOUTS.ags : STORE_LAYOUTS.repo;
  return {
    root,
    casRoot: resolve(root, options.casRoot ?? defaults.casRoot),
    runsDir: resolve(root, options.runsDir ?? defaults.runsDir),
    packsDir: resolve(root, options.packsDir ?? defaults.packsDir),
  };
}
