import { createHash } from 'node:crypto';

/** SHA-256 of bytes or a UTF-8 string, as 64 lowercase hex characters. */
export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export const HASH_PATTERN = /^[0-9a-f]{64}$/;

/** True for exactly 64 lowercase hex characters: the only names that are objects. */
export function isHash(value: unknown): value is string {
  return typeof value === 'string' && HASH_PATTERN.test(value);
}

export const EMPTY_HASH = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
