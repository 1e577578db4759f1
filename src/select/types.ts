/**
 * Why a file is not in a pack. Every such file (or the folder holding it, when the walk never
 * entered it) gets one `OmittedEntry` in meta/OMITTED.json, and `llm-packer why` prints it.
 *   gitignore        a pattern in a `.gitignore` or `.git/info/exclude`
 *   ignore           a user pattern (`--ignore`, the config's `ignore`)
 *   default-ignore   a built-in default ignore (see defaultIgnores.ts)
 *   outside-include  matches no `--include` pattern (or is not in the `--stdin` list)
 *   scope            the scope's own rules (AGS exclusions, config globs, `.git`, the store's folders)
 *   binary           not text
 *   secret           secretlint found a secret in it (see meta/SECRETS.json)
 *   too-large        larger than the scope's per-file limit (`--max-entry-bytes`); the AGS scopes
 *                    refuse the whole pack instead (docs/FORMATS.md §10)
 */
export type OmitReason = 'gitignore' | 'ignore' | 'default-ignore' | 'outside-include' | 'scope' | 'binary' | 'secret' | 'too-large' | 'not-a-file';

export interface OmittedEntry {
  /** Relative to the packed root, `/`-separated; a folder the walk did not enter ends with `/`. */
  path: string;
  reason: OmitReason;
  /** The pattern or rule that decided (`dist/`, `excluded part node_modules`, a secretlint rule id). */
  rule?: string;
  /** Where the rule was written (`sub/.gitignore`, `--ignore`, `llm-packer.config.json`). */
  source?: string;
  /** 1-based line of the rule in `source` (for a list of patterns: its position). */
  line?: number;
  /** `too-large`: the file's size in bytes. */
  bytes?: number;
  /** `too-large`: the per-file limit it is over (`max_entry_bytes`), in bytes. */
  limit?: number;
}

/** The user's say in the selection, from the command line and the config file. */
export interface SelectOptions {
  /** gitignore-style patterns a file must match (one of them) to be packed; empty: every file. */
  include?: readonly PatternList[];
  /** gitignore-style patterns of files to leave out; they win over `.gitignore` files. */
  ignore?: readonly PatternList[];
  /** Apply the default ignores (default: true, except in the AGS scopes, where they never apply). */
  defaultIgnores?: boolean;
  /** Pack only these files (paths relative to the packed root), e.g. from `--stdin`. */
  paths?: readonly string[];
}

/** Patterns and where they were written (`--ignore`, `llm-packer.config.json`). */
export interface PatternList {
  source: string;
  patterns: readonly string[];
}
