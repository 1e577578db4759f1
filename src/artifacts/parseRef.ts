import { InvalidReferenceError } from '../util/index.js';
import { isHash } from '../util/index.js';

export const REF_PREFIX = 'sha256:';
export const PAYLOAD_REF_PATTERN = /^sha256:[0-9a-f]{64}$/;

/** The only owner of payload-ref syntax (docs/FORMATS.md §2): `sha256:` + 64 lowercase hex. */
export function isPayloadRef(value: unknown): value is string {
  return typeof value === 'string' && PAYLOAD_REF_PATTERN.test(value);
}

/** The hash inside a payload ref; anything else fails closed with `InvalidReferenceError`. */
export function parseRef(ref: unknown): string {
  if (!isPayloadRef(ref)) throw new InvalidReferenceError(String(ref), 'a ref of the form sha256:<64 lowercase hex>');
  return ref.slice(REF_PREFIX.length);
}

export function formatRef(hash: string): string {
  if (!isHash(hash)) throw new InvalidReferenceError(hash, '64 lowercase hex characters');
  return REF_PREFIX + hash;
}

/** A record ref (TASK_SPEC, OUTPUT_HASHES, STATUS, roots) is the bare hash. */
export function parseRecordRef(ref: unknown): string {
  if (!isHash(ref)) throw new InvalidReferenceError(String(ref), 'a record ref of 64 lowercase hex characters');
  return ref;
}
