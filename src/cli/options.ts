import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { PackerConfig, StoreLocations } from '../index.js';
// A constant for help texts: importing it does not load the library (see ./lib.ts).
import { STORE_LAYOUTS } from '../config/storeLocations.js';
import { lib } from './lib.js';
import type { CliIo } from './io.js';

export interface StoreFlags {
  root?: string;
  casRoot?: string;
  runsDir?: string;
  packsDir?: string;
  scope?: string;
  config?: string;
}

/** The help line of `--config`, the same on every command. */
const CONFIG_HELP =
  'the config file (default: the nearest llm-packer.config.json from the current folder up to the git repository root, else <root>/llm-packer.config.json)';

/** `--root`, `--cas-root`, `--runs-dir`, `--packs-dir`, `--config`: every store-touching command takes them. */
export function addStoreOptions(cmd: Command, { root = true }: { root?: boolean } = {}): Command {
  if (root) cmd.option('--root <dir>', 'the packed root the default store locations are relative to', '.');
  const where = (key: keyof typeof STORE_LAYOUTS.repo) =>
    `(default: <root>/${STORE_LAYOUTS.repo[key]}; AGS scopes: <root>/${STORE_LAYOUTS.ags[key]})`;
  return cmd
    .option('--cas-root <dir>', `the content-addressed store ${where('casRoot')}`)
    .option('--runs-dir <dir>', `the runs dir ${where('runsDir')}`)
    .option('--packs-dir <dir>', `where packs are written ${where('packsDir')}`)
    .option('--config <file>', CONFIG_HELP);
}

/**
 * The config file the command line names: `--config` (relative to the working directory), else
 * the nearest one from the working directory up to the repository root; `undefined` when neither
 * exists (the library then reads `<root>/llm-packer.config.json` if there is one).
 */
export async function configFileFrom(flags: Pick<StoreFlags, 'config'>, io: CliIo): Promise<string | undefined> {
  if (flags.config !== undefined) return resolve(io.cwd, flags.config);
  return lib().findConfigFile(resolve(io.cwd));
}

/** The config a command runs with (see `configFileFrom`); a broken file stops every command alike. */
export async function configFrom(flags: StoreFlags, io: CliIo, root: string): Promise<PackerConfig | undefined> {
  const file = await configFileFrom(flags, io);
  return file === undefined ? lib().loadConfig(root) : lib().loadConfigFile(file);
}

/**
 * Turn the flags into absolute store locations; relative flags are relative to the caller's cwd.
 * The default scope (and so the default store) is chosen as `pack` chooses it, config included.
 */
export async function storeLocationsFrom(flags: StoreFlags, io: CliIo, root?: string): Promise<StoreLocations> {
  const abs = (p: string | undefined) => (p === undefined ? undefined : resolve(io.cwd, p));
  const absRoot = resolve(io.cwd, root ?? flags.root ?? '.');
  await lib().requireDir(absRoot, 'the root'); // `gc --root /typo` is a typo, not an empty store
  const config = await configFrom(flags, io, absRoot);
  const defaultScope = flags.scope === undefined ? config?.defaultScope : undefined;
  return lib().resolveStoreLocations({
    root: absRoot,
    ...(flags.scope !== undefined ? { scope: flags.scope } : {}),
    ...(defaultScope !== undefined ? { defaultScope } : {}),
    ...(flags.casRoot !== undefined ? { casRoot: abs(flags.casRoot) as string } : {}),
    ...(flags.runsDir !== undefined ? { runsDir: abs(flags.runsDir) as string } : {}),
    ...(flags.packsDir !== undefined ? { packsDir: abs(flags.packsDir) as string } : {}),
  });
}

/** Whether the command line names a store (`--cas-root`, `--runs-dir` or `--root` given). */
export function namesStore(flags: StoreFlags, cmd: Command): boolean {
  return flags.casRoot !== undefined || flags.runsDir !== undefined || cmd.getOptionValueSource('root') === 'cli';
}

/**
 * The store of a command on a pack: the flags when they name one; else the store the pack names
 * (its STORE.json), so a pack is checked or rebuilt from any folder; else the default locations.
 */
export async function storeForPack(flags: StoreFlags, io: CliIo, cmd: Command, packDir: string): Promise<{ casRoot: string; runsDir: string; fromPack: boolean }> {
  const located = namesStore(flags, cmd) ? undefined : await lib().readStoreLocator(packDir);
  if (located) return { ...located, fromPack: true };
  const { casRoot, runsDir } = await storeLocationsFrom(flags, io);
  return { casRoot, runsDir, fromPack: false };
}
