/** docs/FORMATS.md §6. Field names are the on-disk names. */
export interface ManifestEntry {
  bytes: number;
  ext: string;
  kind: 'FILE';
  path: string;
  ref: string;
}

export interface ManifestRepoState {
  commit?: string;
  branch?: string;
}

/**
 * A LITE manifest (`LITE/PACK_MANIFEST.json`, docs/FORMATS.md §6): the packed files in path order
 * with their refs. Its keys are the on-disk names the Python implementation shares.
 */
export interface PackManifest {
  buckets: string[];
  entries: ManifestEntry[];
  repo_state: ManifestRepoState;
  scope: string;
  version: 'P2.0';
}

export const MANIFEST_VERSION = 'P2.0';
