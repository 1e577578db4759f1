import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { assertAbsolute } from '../util/index.js';
import { isAgsScopeName } from './scopeNames.js';

/** The six AGS bucket folders (FORMATS.md §10). */
export const AGS_BUCKETS = ['LAW', 'CAPABILITY', 'NAVIGATION', 'DIRECTION', 'THOUGHT', 'MEMORY'] as const;


/** Our own folder in a packed root (never packed; it holds a `.gitignore` of `*`). */
export const TOOL_DIR_NAME = '.llm-packer';

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
  /** The config file's `defaultScope`, used when `scope` is absent. */
  defaultScope?: string;
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

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** How many bucket folders make a tree an AGS checkout by themselves. */
const AGS_MIN_BUCKETS = 4;

/**
 * A real AGS checkout, judged by what only one has: at least four of the six bucket folders, or
 * the AGS packer's own home (`MEMORY/LLM_PACKER/`) with `AGENTS.md` and two buckets or more. One
 * folder named `MEMORY` or `CAPABILITY` is not enough.
 */
export async function isAgsCheckout(root: string): Promise<boolean> {
  const found = (await Promise.all(AGS_BUCKETS.map((b) => isDir(join(root, b))))).filter(Boolean).length;
  if (found >= AGS_MIN_BUCKETS) return true;
  if (found < 2) return false;
  const [packer, agents] = await Promise.all([isDir(join(root, 'MEMORY', 'LLM_PACKER')), isFile(join(root, 'AGENTS.md'))]);
  return packer && agents;
}

/** `ags` on a real AGS checkout (see `isAgsCheckout`), else `repo`; a config's `defaultScope` wins. */
export async function detectDefaultScope(root: string, configured?: string): Promise<string> {
  if (configured !== undefined) return configured;
  return (await isAgsCheckout(root)) ? 'ags' : 'repo';
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
  const scope = options.scope ?? (await detectDefaultScope(root, options.defaultScope));
  const ags = isAgsScopeName(scope); // the AGS layout; every other scope uses `.llm-packer/`
  const defaults = ags ? STORE_LAYOUTS.ags : STORE_LAYOUTS.repo;
  return {
    root,
    casRoot: resolve(root, options.casRoot ?? defaults.casRoot),
    runsDir: resolve(root, options.runsDir ?? defaults.runsDir),
    packsDir: resolve(root, options.packsDir ?? defaults.packsDir),
  };
}
