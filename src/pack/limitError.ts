/**
 * The one place that words a limit refusal. The message keeps the shared form
 * `PACK_LIMIT_EXCEEDED:<which> (<numbers>)` (docs/FORMATS.md §8); the hint names the flag and the
 * config key that raise the limit, so a user who meets one knows what to change.
 */
import type { PackLimits } from '../scopes/index.js';
import { PackerError } from '../util/index.js';

type NumericLimit = 'max_entries' | 'max_entry_bytes' | 'max_total_bytes';

/** Each numeric limit: its flag of `pack` and its key under `limits` in the config file. */
export const LIMIT_SETTINGS: Readonly<Record<NumericLimit, { flag: string; configKey: keyof PackLimits }>> = {
  max_entries: { flag: '--max-entries', configKey: 'maxEntries' },
  max_entry_bytes: { flag: '--max-entry-bytes', configKey: 'maxEntryBytes' },
  max_total_bytes: { flag: '--max-total-bytes', configKey: 'maxTotalBytes' },
};

/** `raise with --max-entry-bytes N or limits.maxEntryBytes in llm-packer.config.json`. */
export function raiseHint(which: NumericLimit): string {
  const { flag, configKey } = LIMIT_SETTINGS[which];
  return `raise with ${flag} N or limits.${configKey} in llm-packer.config.json`;
}

/** A numeric limit was passed: `what` says which file or why, when there is more to say. */
export function limitError(which: NumericLimit, numbers: string, what?: string): PackerError {
  const hint = [what, raiseHint(which)].filter((s) => s !== undefined).join('; ');
  return new PackerError('PACK_LIMIT_EXCEEDED', `${which} (${numbers})`, { hint });
}

/** Two files share content while duplicates are refused: the hint says which setting refuses them. */
export function duplicateError(numbers: string, which: string): PackerError {
  const hint = `${which}; allowed unless --disallow-duplicate-hashes or limits.allowDuplicateHashes: false`;
  return new PackerError('PACK_LIMIT_EXCEEDED', `duplicate_hashes (${numbers})`, { hint });
}
