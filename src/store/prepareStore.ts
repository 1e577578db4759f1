import type { StoreLocations } from '../config/index.js';
import { checkStoreBinding } from './checkBinding.js';
import { checkLocations } from './checkLocations.js';
import { ensureToolDirIgnored } from './toolFiles.js';

/**
 * A pack's store, in two steps. `check` (before anything is written): the folders are where they
 * may be (`checkLocations`) and the store and runs dir belong together. `write: true` (once the
 * limits passed, before the first write): binds a new pair and git-ignores `.llm-packer/`.
 */
export async function prepareStore(locations: StoreLocations, options: { outDir?: string; write: boolean }): Promise<void> {
  checkLocations({ ...locations, ...(options.outDir !== undefined ? { outDir: options.outDir } : {}) });
  const { casRoot, runsDir } = locations;
  await checkStoreBinding({ casRoot, runsDir, write: options.write, acceptNewRunsDir: true });
  if (options.write) await ensureToolDirIgnored(locations.root, locations, { packsDirUsed: options.outDir === undefined });
}
