import type { OmittedEntry } from '../select/types.js';

/** One file the selection chose, before it is read. */
export interface SourceFile {
  /** Relative to the scope's source root, `/`-separated: the manifest `path`. */
  path: string;
  /** Relative to the packed root, `/`-separated: where it sits in `repo/` and in headings. */
  rootPath: string;
  /** Absolute path on this machine (never written into a pack). */
  absPath: string;
  /** Size from the walk's stat; the read stage re-checks it. */
  size: number;
}

/** The walk's answer: candidates in manifest order (code-point order of `path`). */
export interface Selection {
  files: SourceFile[];
  /** Files the extension rule already knows are not text (only for `textRule: 'extension'`). */
  omitted: SourceFile[];
  /** Every other path the walk left out, with its reason, sorted by path. */
  ignored: OmittedEntry[];
}

/** `git rev-parse` facts of the packed root (docs/FORMATS.md §6); `{}` outside a git work tree. */
export interface RepoState {
  commit?: string;
  branch?: string;
}
