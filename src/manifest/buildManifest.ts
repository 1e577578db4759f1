import { formatRef, isPayloadRef } from '../artifacts/index.js';
import { PackerError, canonicalJsonBytes, compareCodePoints } from '../util/index.js';
import { unsafePathReason } from './checkSafePath.js';
import { fileExt } from './fileExt.js';
import { MANIFEST_VERSION, type ManifestEntry, type ManifestRepoState, type PackManifest } from './types.js';

/** Buckets a manifest may list, in their fixed order (docs/FORMATS.md §6). */
export const MANIFEST_BUCKETS = ['LAW', 'CAPABILITY', 'NAVIGATION', 'DIRECTION', 'THOUGHT', 'MEMORY', '.github'] as const;

export interface ManifestInput {
  scope: string;
  includeDirs: readonly string[];
  repoState: ManifestRepoState;
  entries: readonly { path: string; bytes: number; hash: string }[];
}

/** Those buckets that equal the last component of one of the scope's include dirs. */
function manifestBuckets(includeDirs: readonly string[]): string[] {
  const last = new Set(includeDirs.map((d) => d.slice(d.lastIndexOf('/') + 1)));
  return MANIFEST_BUCKETS.filter((b) => last.has(b));
}

function checkedRef(hash: string): string {
  let ref: string;
  try {
    ref = formatRef(hash);
  } catch {
    throw new PackerError('PACK_P2_INVALID_REF', String(hash));
  }
  if (!isPayloadRef(ref)) throw new PackerError('PACK_P2_INVALID_REF', ref);
  return ref;
}

/** The LITE manifest of docs/FORMATS.md §6: entries sorted by code point, unique, refs validated. */
export function buildManifest(input: ManifestInput): PackManifest {
  const entries: ManifestEntry[] = input.entries
    .map((e) => {
      const reason = unsafePathReason(e.path, { portable: false });
      if (reason) throw new PackerError('PACK_P2_INVALID_PATH', `${e.path} (${reason})`);
      return { bytes: e.bytes, ext: fileExt(e.path), kind: 'FILE' as const, path: e.path, ref: checkedRef(e.hash) };
    })
    .sort((a, b) => compareCodePoints(a.path, b.path));
  for (let i = 1; i < entries.length; i++) {
    if (entries[i]!.path === entries[i - 1]!.path) {
      throw new PackerError('PACK_P2_DUPLICATE_MANIFEST_PATH', entries[i]!.path);
    }
  }
  const repoState: ManifestRepoState = {};
  if (input.repoState.commit !== undefined) repoState.commit = input.repoState.commit;
  if (input.repoState.branch !== undefined && input.repoState.branch !== 'HEAD') repoState.branch = input.repoState.branch;
  return {
    buckets: manifestBuckets(input.includeDirs),
    entries,
    repo_state: repoState,
    scope: input.scope,
    version: MANIFEST_VERSION,
  };
}

/** The manifest's bytes: canonical JSON plus one `\n`. */
export function encodeManifest(manifest: PackManifest): Buffer {
  return canonicalJsonBytes(manifest, { newline: true });
}
