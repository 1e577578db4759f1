import { createHash } from 'node:crypto';

/** Hex digits kept of the SHA-256: 64 bits, enough to name a finding, too few to brute-force a secret's neighbours. */
const FINGERPRINT_HEX = 16;

/**
 * The name of one finding, stable across runs: SHA-256 of rule id, path (relative to the packed
 * root) and the secret's text, NUL-separated, truncated. The secret itself is never written.
 */
export function secretFingerprint(rule: string, path: string, secret: string): string {
  return createHash('sha256').update(`${rule}\0${path}\0${secret}`).digest('hex').slice(0, FINGERPRINT_HEX);
}
