import type { PackerConfig } from '../config/index.js';
import { CONFIG_FILE_NAME } from '../config/configSchema.js';
import type { Scope } from '../scopes/index.js';
import type { SecretMode } from '../secrets/index.js';
import { compileSelectRules, type SelectRules } from './compileRules.js';
import type { PatternList } from './types.js';

/** The caller's selection options (the CLI's flags); each wins over the config file. */
export interface SelectionFlags {
  /** `--include` patterns (gitignore style), added to the config's. */
  include?: readonly string[];
  /** `--ignore` patterns (gitignore style), added to the config's (and winning over them). */
  ignore?: readonly string[];
  /** false: `--no-default-ignores`. */
  defaultIgnores?: boolean;
  /** Pack only these paths (relative to the packed root): `--stdin`. */
  paths?: readonly string[];
  /** false: `--no-secret-check`. */
  secretCheck?: boolean;
  /** Withhold files with findings in the AGS scopes too (elsewhere they always are). */
  withholdSecrets?: boolean;
}

export interface SecretPolicy {
  mode: SecretMode;
  /** Fingerprints the config allows. */
  allow: ReadonlySet<string>;
}

/**
 * What a file over the per-file limit (`maxEntryBytes`) does: `omit` leaves it out with the reason
 * `too-large`; `refuse` stops the pack (`PACK_LIMIT_EXCEEDED`), the AGS scopes' contract.
 */
export type OversizePolicy = 'omit' | 'refuse';

export interface SelectionPlan {
  rules: SelectRules;
  secrets: SecretPolicy;
  oversize: OversizePolicy;
}

function lists(config: readonly string[] | undefined, flags: readonly string[] | undefined, flag: string): PatternList[] {
  const out: PatternList[] = [];
  if (config && config.length > 0) out.push({ source: CONFIG_FILE_NAME, patterns: config });
  if (flags && flags.length > 0) out.push({ source: flag, patterns: flags });
  return out;
}

/**
 * The selection of one run: the config's `include`/`ignore`/`defaultIgnores`/`secrets`, then the
 * flags. The AGS scopes keep docs/FORMATS.md §10's selection: no default ignores, secret
 * findings listed but not withheld unless `withholdSecrets`, and a file over the per-file limit
 * refuses the pack (elsewhere it is left out as too large).
 */
export function planSelection(flags: SelectionFlags, config: PackerConfig | undefined, scope: Scope): SelectionPlan {
  const isAgs = scope.selection === 'ags';
  const rules = compileSelectRules(
    {
      include: lists(config?.include, flags.include, '--include'),
      ignore: lists(config?.ignore, flags.ignore, '--ignore'),
      defaultIgnores: flags.defaultIgnores ?? config?.defaultIgnores ?? true,
      ...(flags.paths !== undefined ? { paths: flags.paths } : {}),
    },
    !isAgs,
  );
  const check = flags.secretCheck ?? config?.secrets?.check ?? true;
  const mode: SecretMode = !check ? 'off' : isAgs && flags.withholdSecrets !== true ? 'list' : 'withhold';
  return { rules, secrets: { mode, allow: new Set(config?.secrets?.allow ?? []) }, oversize: isAgs ? 'refuse' : 'omit' };
}
