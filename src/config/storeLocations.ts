import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** The six AGS bucket folders (FORMATS.md §10). */
export const AGS_BUCKETS = ['LAW', 'CAPABILITY', 'NAVIGATION', 'DIRECTION', 'THOUGHT', 'MEMORY'] as const;

/** Scopes whose store lives in the AGS layout (FORMATS.md §10); every other scope uses `.llm-packer/`. */
export const AGS_STORE_SCOPES: readonly string[] = ['ags', 'lab', 'cat_cas'];

/** The default places, relative to the packed root: the AGS layout (FORMATS.md §10) and ours. */
export const STORE_LAYOUTS = {
  ags: { casRoot: 'CAPABILITY/CAS/storage', runsDir: 'CAPABILITY/RUNS', packsDir: 'MEMORY/LLM_PACKER/_packs' },
  tool: { casRoot: '.llm-packer/cas', runsDir: '.llm-packer/runs', packsDir: '.llm-packer/packs' },
} as const;

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

/**
 * Where the store, the runs dir and the packs live. Defaults are relative to the packed root,
 * never to the current directory; explicit locations win.
 */
export async function resolveStoreLocations(options: StoreLocationOptions): Promise<StoreLocations> {
  const root = resolve(options.root);
  const scope = options.scope ?? (await detectDefaultScope(root, options.defaultScope));
  const ags = AGS_STORE_SCOPES.includes(scope);
  const defaults = ags ? STORE_LAYOUTS.ags : STORE_LAYOUTS.tool;
  return {
    root,
    casRoot: resolve(root, options.casRoot ?? defaults.casRoot),
    runsDir: resolve(root, options.runsDir ?? defaults.runsDir),
    packsDir: resolve(root, options.packsDir ?? defaults.packsDir),
  };
}
