import { resolve } from 'node:path';
import type { Command } from 'commander';
import { loadConfig, requireDir, resolveStoreLocations, type StoreLocations } from '../index.js';
import type { CliIo } from './io.js';

export interface StoreFlags {
  root?: string;
  casRoot?: string;
  runsDir?: string;
  packsDir?: string;
  scope?: string;
}

/** `--root`, `--cas-root`, `--runs-dir`, `--packs-dir`: every store-touching command takes them. */
export function addStoreOptions(cmd: Command, { root = true }: { root?: boolean } = {}): Command {
  if (root) cmd.option('--root <dir>', 'the packed root the default store locations are relative to', '.');
  return cmd
    .option('--cas-root <dir>', 'content-addressed store (default: <root>/.llm-packer/cas, AGS: CAPABILITY/CAS/storage)')
    .option('--runs-dir <dir>', 'runs dir holding RUN_ROOTS.json and GC_PINS.json')
    .option('--packs-dir <dir>', 'where packs are written');
}

/**
 * Turn the flags into absolute store locations; relative flags are relative to the caller's cwd.
 * The default scope (and so the default store) is chosen as `pack` chooses it, config included.
 */
export async function storeLocationsFrom(flags: StoreFlags, io: CliIo, root?: string): Promise<StoreLocations> {
  const abs = (p: string | undefined) => (p === undefined ? undefined : resolve(io.cwd, p));
  const rootDir = resolve(io.cwd, root ?? flags.root ?? '.');
  await requireDir(rootDir, 'the root'); // `gc --root /typo` is a typo, not an empty store
  const defaultScope = flags.scope === undefined ? (await loadConfig(rootDir).catch(() => undefined))?.defaultScope : undefined;
  return resolveStoreLocations({
    root: rootDir,
    ...(flags.scope !== undefined ? { scope: flags.scope } : {}),
    ...(defaultScope !== undefined ? { defaultScope } : {}),
    ...(flags.casRoot !== undefined ? { casRoot: abs(flags.casRoot) as string } : {}),
    ...(flags.runsDir !== undefined ? { runsDir: abs(flags.runsDir) as string } : {}),
    ...(flags.packsDir !== undefined ? { packsDir: abs(flags.packsDir) as string } : {}),
  });
}
