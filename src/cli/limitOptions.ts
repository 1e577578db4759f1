import type { Command } from 'commander';
import type { RunPackOptions } from '../index.js';
// A constant for help texts: importing it does not load the library (see ./lib.ts).
import { DEFAULT_LIMITS } from '../scopes/types.js';
import { lib } from './lib.js';
import { formatBytes } from './packProgress.js';

type PackLimits = NonNullable<RunPackOptions['limits']>;

/** A flag's whole number, or a USAGE error. */
export function wholeNumber(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new (lib().PackerError)('USAGE', ` ${flag} ${JSON.stringify(value)}: expected a whole number`);
  }
  return Number(value);
}

/** `52428800 = 50 MiB`: the number a flag takes, and what it means. */
export function sizeDefault(bytes: number): string {
  return `${bytes} = ${formatBytes(bytes).replace('.0 ', ' ')}`;
}

/** `--max-entry-bytes`, which `pack` and `why` share: it decides which files are left out as too large. */
export function addEntryLimitOption(cmd: Command): Command {
  return cmd.option(
    '--max-entry-bytes <n>',
    `largest file packed (default: ${sizeDefault(DEFAULT_LIMITS.maxEntryBytes)}, or the config's limits); a larger text file is left out as too-large, in the AGS scopes it refuses the pack`,
  );
}

/** The limits `--max-entry-bytes` sets (none when it is not given). */
export function entryLimitFrom(flags: { maxEntryBytes?: string }): Partial<PackLimits> {
  const entry = wholeNumber('--max-entry-bytes', flags.maxEntryBytes);
  return entry === undefined ? {} : { maxEntryBytes: entry };
}
