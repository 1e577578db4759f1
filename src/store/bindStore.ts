/**
 * `llm-packer bind`: make a runs dir the one that holds a store's roots. Both folders are
 * created if missing. A store already bound to another runs dir keeps that binding unless
 * `force`: after rebinding, a collection keeps only the new runs dir's roots.
 */
import { mkdir } from 'node:fs/promises';
import { PackerError } from '../util/index.js';
import { newBindingId, readRunsBinding, readStoreBinding, writeBinding } from './bindingFiles.js';
import { checkLocations } from './checkLocations.js';

export interface BindResult {
  casRoot: string;
  runsDir: string;
  binding: string;
  /** False when the two were already bound to each other (nothing written). */
  changed: boolean;
  /** The runs dir the store was bound to before, if another. */
  previousRunsDir?: string;
}

export async function bindStore(options: { casRoot: string; runsDir: string; force?: boolean }): Promise<BindResult> {
  const { casRoot, runsDir } = options;
  checkLocations({ casRoot, runsDir });
  const [store, runs] = await Promise.all([readStoreBinding(casRoot), readRunsBinding(runsDir)]);
  if (store && runs && store.binding === runs.binding) return { casRoot, runsDir, binding: store.binding, changed: false };
  if (store && options.force !== true) {
    throw new PackerError('STORE_NOT_BOUND', ` the store ${casRoot} is bound to the runs dir ${store.peer}`, {
      hint: `its roots protect this store's objects; to make ${runsDir} the only runs dir of the store anyway, add --force`,
    });
  }
  const binding = newBindingId();
  await mkdir(casRoot, { recursive: true });
  await mkdir(runsDir, { recursive: true });
  await writeBinding(casRoot, runsDir, binding);
  return { casRoot, runsDir, binding, changed: true, ...(store ? { previousRunsDir: store.peer } : {}) };
}
