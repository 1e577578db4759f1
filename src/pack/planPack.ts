/**
 * The first stage of a pack: options checked and resolved once (scope, store locations, modes)
 * into a readonly plan that every later stage takes instead of the options and the deps.
 */
import { planSelection, type SelectionPlan } from '../select/index.js';
import { isAbsolute } from 'node:path';
import type { StoreLocations } from '../config/index.js';
import { PACK_MODES, STAMP_PATTERN, type PackMode } from '../packdir/index.js';
import type { Scope } from '../scopes/index.js';
import { PackerError, requireDir } from '../util/index.js';
import { planOutput, type OutputPlan } from './planOutput.js';
import type { PackDeps, RunPackOptions } from './types.js';

/** Files read at once unless the caller says otherwise. */
const DEFAULT_CONCURRENCY = 8;

export interface PackPlan {
  /** The packed root (absolute). */
  readonly root: string;
  readonly scope: Scope;
  readonly locations: StoreLocations;
  /** The modes on, in PACK_MODES order. */
  readonly modes: readonly PackMode[];
  readonly zip: boolean;
  /** The caller's stamp; absent: the digest's first 12 characters. */
  readonly stamp?: string;
  /** The caller's out dir; absent: a folder named after the digest under the packs dir. */
  readonly outDir?: string;
  readonly concurrency: number;
  readonly output: OutputPlan;
  /** The user's selection rules and the secret policy (config and flags). */
  readonly selection: SelectionPlan;
  /** Pack unportable paths as they are, with a warning each (option, else config, else false). */
  readonly allowUnportablePaths: boolean;
}

function selectModes(modes: RunPackOptions['modes'] = {}): PackMode[] {
  const on: Record<PackMode, boolean> = { FULL: modes.full !== false, SPLIT: modes.split !== false, LITE: modes.lite !== false };
  return PACK_MODES.filter((m) => on[m]);
}

/** The library never guesses a current directory: every path it is given must be absolute. */
function checkPackOptions(options: RunPackOptions): void {
  const { root, outDir, casRoot, runsDir, packsDir, configFile } = options;
  for (const [name, path] of Object.entries({ root, outDir, casRoot, runsDir, packsDir, configFile })) {
    if (path !== undefined && !isAbsolute(path)) throw new PackerError('USAGE', ` ${name} must be an absolute path: ${path}`);
  }
  if (options.stamp !== undefined && !STAMP_PATTERN.test(options.stamp)) {
    throw new PackerError('USAGE', ` --stamp ${JSON.stringify(options.stamp)}: use 1-64 letters, digits, '.', '_' or '-'`);
  }
}

/** Check the options, then resolve scope and store locations (config read once, here). */
export async function planPack(options: RunPackOptions, deps: Pick<PackDeps, 'loadConfig' | 'resolveScope' | 'resolveStoreLocations'>): Promise<PackPlan> {
  checkPackOptions(options);
  const { root } = options;
  await requireDir(root, 'the packed root');
  const config = await deps.loadConfig(root, options.configFile);
  const scope = await deps.resolveScope({
    root,
    ...(options.scope !== undefined ? { scope: options.scope } : {}),
    ...(config ? { config } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
  });
  const locations = await deps.resolveStoreLocations({
    root,
    scope: scope.key,
    ...(options.casRoot !== undefined ? { casRoot: options.casRoot } : {}),
    ...(options.runsDir !== undefined ? { runsDir: options.runsDir } : {}),
    ...(options.packsDir !== undefined ? { packsDir: options.packsDir } : {}),
  });
  return Object.freeze({
    root,
    scope,
    locations,
    modes: Object.freeze(selectModes(options.modes)),
    zip: options.zip === true,
    ...(options.stamp !== undefined ? { stamp: options.stamp } : {}),
    ...(options.outDir !== undefined ? { outDir: options.outDir } : {}),
    concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
    output: planOutput(options, config),
    selection: planSelection(options.select ?? {}, config, scope),
    allowUnportablePaths: options.allowUnportablePaths ?? config?.allowUnportablePaths ?? false,
  });
}
