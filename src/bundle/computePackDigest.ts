import { canonicalJson, sha256Hex } from '../util/index.js';
import type { PackedFile } from './types.js';

/** What the digest covers of a packed file (never its token count). */
type DigestFile = Pick<PackedFile, 'bytes' | 'rootPath' | 'hash'>;

/** What REPO_STATE.json lists for each packed file, in pack order. */
export function digestRows(files: readonly DigestFile[]): { bytes: number; path: string; sha256: string }[] {
  return files.map((f) => ({ bytes: f.bytes, path: f.rootPath, sha256: f.hash }));
}

/**
 * The digest of a pack's content: SHA-256 of the canonical JSON of `[{bytes, path, sha256}, …]`
 * over every packed file in pack order. Its first 12 hex characters name the default out dir and
 * stamp, so the same files give the same names.
 */
export function computePackDigest(files: readonly DigestFile[]): string {
  return sha256Hex(canonicalJson(digestRows(files)));
}
