/** Limits checked before anything is written (docs/FORMATS.md §10). */
export interface PackLimits {
  maxTotalBytes: number;
  maxEntryBytes: number;
  maxEntries: number;
  /** Two packed paths with the same content are allowed unless this is false. */
  allowDuplicateHashes: boolean;
}

export const DEFAULT_LIMITS: PackLimits = {
  maxTotalBytes: 52_428_800,
  maxEntryBytes: 2_097_152,
  maxEntries: 50_000,
  allowDuplicateHashes: true,
};

/**
 * What to pack and how. Built-in scopes (`ags`, `lab`, `cat_cas`, `repo`) and scopes from
 * `llm-packer.config.json` all become one of these. Every path is `/`-separated and relative to
 * the packed root.
 */
export interface Scope {
  key: string;
  title: string;
  /** File-name prefix of FULL/SPLIT/LITE files (`AGS`, `LAB`, `CAT`, `REPO`, …). */
  prefix: string;
  /** Manifest paths are relative to this (`.` for the packed root). */
  sourceRoot: string;
  /** Folders walked, in this order (TASK_SPEC `include_dirs`); `['.']` means the whole root. */
  includeDirs: readonly string[];
  /** Files added after the walk, when they exist as regular files (no exclusion test). */
  rootFiles: readonly string[];
  /** Path components that exclude a file wherever they appear (TASK_SPEC `excluded_dir_parts`). */
  excludedDirParts: readonly string[];
  /** How files are chosen: AGS rules (docs/FORMATS.md §10), git-style ignore rules, or config globs. */
  selection: 'ags' | 'gitignore';
  /** Config scopes: globs (relative to the packed root) a file must match / must not match. */
  includeGlobs: readonly string[];
  excludeGlobs: readonly string[];
  /** `extension`: docs/FORMATS.md §10's list decides; `content`: no NUL byte and valid UTF-8. */
  textRule: 'extension' | 'content';
  /**
   * Files START_HERE names first, when they exist: paths or globs relative to the packed
   * root (`{README,Readme,readme}*`); resolve them with `matchAnchors(anchors, rootPaths)`.
   */
  anchors: readonly string[];
  /** SPLIT sections: AGS buckets, or one per top-level folder. */
  sections: 'ags' | 'top-level';
  limits: PackLimits;
}
