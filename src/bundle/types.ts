import type { PackMode } from '../packdir/index.js';
import type { RepoState } from '../walk/index.js';
import type { AnchorMatch, Scope } from '../scopes/index.js';
import type { SecretFinding } from '../secrets/index.js';
import type { OmittedEntry } from '../select/index.js';

/** A packed text file, after it was read and stored. */
export interface PackedFile {
  /** Manifest path, relative to the scope's source root. */
  path: string;
  /** Pack path: relative to the packed root; where it sits in `repo/` and in headings. */
  rootPath: string;
  bytes: number;
  /** Bare SHA-256 of its bytes (already in the CAS). */
  hash: string;
}

/** A selected file left out because it is not text. */
export interface OmittedFile {
  rootPath: string;
  bytes: number;
}

/** One SPLIT section file. */
export interface SplitSection {
  name: string;
  /** File name inside `SPLIT/`. */
  fileName: string;
  /** Pack paths of its files, in pack order. */
  files: readonly PackedFile[];
  bytes: number;
}

/** Everything the meta/ and index renderers need; built once the bodies are written. */
export interface BundleContext {
  scope: Scope;
  repoState: RepoState;
  files: readonly PackedFile[];
  omitted: readonly OmittedFile[];
  digest: string;
  stamp: string;
  modes: readonly PackMode[];
  sections: readonly SplitSection[];
  anchors: AnchorMatch;
  /** Every path not packed, with its reason (meta/OMITTED.json). */
  reasons: readonly OmittedEntry[];
  /** Every secret finding (meta/SECRETS.json). */
  secrets: readonly SecretFinding[];
}
