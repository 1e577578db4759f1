import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { StoreLocations } from '../index.js';
import { lib } from './lib.js';
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

/** Turn the flags into absolute store locations; relative flags are relative to the caller's cwd. */
export function storeLocationsFrom(flags: StoreFlags, io: CliIo, root?: string): Promise<StoreLocations> {
  const abs = (p: string | undefined) => (p === undefined ? undefined : resolve(io.cwd, p));
  return lib().resolveStoreLocations({
    root: resolve(io.cwd, root ?? flags.root ?? '.'),
    ...(flags.scope !== undefined ? { scope: flags.scope } : {}),
    ...(flags.casRoot !== undefined ? { casRoot: abs(flags.casRoot) as string } : {}),
    ...(flags.runsDir !== undefined ? { runsDir: abs(flags.runsDir) as string } : {}),
    ...(flags.packsDir !== undefined ? { packsDir: abs(flags.packsDir) as string } : {}),
  });
}
