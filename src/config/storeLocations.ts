import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { assertAbsolute } from '../util/index.js';
import { isAgsScopeName } from './scopeNames.js';

/** The six AGS bucket folders (FORMATS.md §10). */
const AGS_BUCKETS = ['LAW', 'CAPABILITY', 'NAVIGATION', 'DIRECTION', 'THOUGHT', 'MEMORY'] as const;


/** Our own folder in a packed root (never packed; it holds a `.gitignore` of `*`). */
export const TOOL_DIR_NAME = '.llm-packer';

/** Where a packed root's store, runs dir and packs live (absolute paths). */
export interface StoreLocations {
  /** The packed root every default is relative to. */
  root: string;
  /** The content-addressed store (pass it to {@link openCas}). */
  casRoot: string;
  /** The runs dir: roots, pins and the run ledger. */
  runsDir: string;
  /** Where packs are published. */
  packsDir: string;
}

/** The packed root and any explicit location; an explicit location wins over the default. */
export interface StoreLocationOptions {
  /** The packed root (absolute). */
  root: string;
  /** The scope key; when absent it is detected from the root (see `detectDefaultScope`). */
  scope?: string;
  /** The config file's `defaultScope`, used when `scope` is absent. */
  defaultScope?: string;
  /** Absolute, or relative to `root`. */
  casRoot?: string;
  /** Absolute, or relative to `root`. */
  runsDir?: string;
  /** Absolute, or relative to `root`. */
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
 * Where the store, the runs dir and the packs of a packed root live, as `pack` would use them:
 * `.llm-packer/cas`, `.llm-packer/runs` and `.llm-packer/packs` under the root, or the AGS
 * layout for an AGS scope. Defaults are relative to the packed root, never to the current
 * directory; explicit locations win. Reads only (to detect the scope).
 *
 * @param options - The packed root (absolute), the scope and any explicit location.
 * @returns The absolute locations.
 * @throws {@link PackerError} `USAGE` for a relative root.
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
