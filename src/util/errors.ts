/**
 * One error type for the whole library. Every failure has a stable, UPPER_SNAKE `code`; the
 * message's first word is that code (docs/FORMATS.md §8), and the table below is the single owner of
 * each code's exit status (1: the work failed a check, 2: bad usage or bad input).
 */

const ERROR_CODES = {
  // usage and input
  USAGE: 2,
  IO_ERROR: 1,
  INPUT_NOT_FOUND: 2,
  INPUT_INVALID: 2,
  CONFIG_INVALID: 2,
  CONFIG_EXISTS: 2,
  CONFIG_NOT_FOUND: 2,
  CANONICAL_JSON_UNSUPPORTED: 2,
  PATTERN_INVALID: 2,
  // content-addressed store
  CAS_INVALID_HASH: 2,
  CAS_NOT_FOUND: 1,
  CAS_CORRUPT_OBJECT: 1,
  CAS_SOURCE_CHANGED: 1,
  CAS_FSCK_FAILED: 1,
  INVALID_REFERENCE: 2,
  // run records
  RECORD_INVALID: 1,
  RECORD_DECODE: 1,
  // roots, GC, audit
  ROOTS_INVALID: 1,
  ROOTS_LOCKED: 1,
  GC_BUSY: 1,
  POLICY_LOCK: 1,
  AUDIT_FAIL: 1,
  // packing
  PACK_SCOPE_UNKNOWN: 2,
  PACK_SOURCE_UNREADABLE: 1,
  PACK_LIMIT_EXCEEDED: 1,
  PACK_TOKEN_BUDGET: 1,
  SECRETS_WITHHELD: 1,
  PACK_UNPORTABLE_PATH: 1,
  PACK_P2_MISSING_SOURCE: 1,
  PACK_P2_INVALID_REF: 1,
  PACK_P2_DUPLICATE_MANIFEST_PATH: 1,
  PACK_P2_INVALID_PATH: 1,
  PACK_P2_INVALID_ROOT_HASH: 1,
  PACK_P2_ROOT_AUDIT_FAIL: 1,
  PACK_P2_ROOT_AUDIT_FAIL_FINAL: 1,
  // consume, verify, runs
  MANIFEST_INVALID: 2,
  CONSUME_UNSAFE_PATH: 2,
  CONSUME_OUT_EXISTS: 2,
  VERIFY_FAILED: 1,
  VERIFY_INCOMPLETE: 2,
  SEAL_INVALID: 1,
  SEAL_MISMATCH: 1,
  SEAL_UNRECORDED: 1,
  ARCHIVE_MISMATCH: 1,
  RUN_NOT_FOUND: 2,
  // store, runs dir and their places
  STORE_NOT_BOUND: 2,
  STORE_LOCATION_CONFLICT: 2,
  PACK_SCOPE_NOT_AGS: 2,
  PACK_EMPTY: 1,
  // the remote store (S3)
  REMOTE_AUTH: 2,
  REMOTE_NO_BUCKET: 2,
  REMOTE_UNREACHABLE: 1,
  REMOTE_ERROR: 1,
  REMOTE_CONFLICT: 1,
  REMOTE_BUSY: 1,
  // MCP server
  MCP_PATH_REFUSED: 2,
  MCP_PACK_NOT_FOUND: 2,
} as const;

/**
 * The stable code of a {@link PackerError} (`CAS_NOT_FOUND`, `PACK_LIMIT_EXCEEDED`, …): match on it,
 * never on the message. Each code has one exit status in the CLI (1: the check failed, 2: bad input).
 */
export type ErrorCode = keyof typeof ERROR_CODES;

export interface PackerErrorOptions {
  /** What the user can do about it (printed after the message by the CLI). */
  hint?: string;
  cause?: unknown;
}

/**
 * Every failure llm-packer reports: a stable {@link ErrorCode} in `code`, a message that starts
 * with the code (`CAS_NOT_FOUND: …`), and a `hint` at what to do, when there is one. Errors of the
 * file system that are not about our data pass through as they are.
 *
 * @example
 * ```ts
 * import { isPackerError, runPack } from 'llm-packer';
 *
 * try {
 *   await runPack({ root });
 * } catch (err) {
 *   if (isPackerError(err) && err.code === 'PACK_EMPTY') console.error('nothing to pack');
 *   else throw err;
 * }
 * ```
 */
export class PackerError extends Error {
  /** What went wrong, as a stable code. */
  readonly code: ErrorCode;
  /** What the user can do about it, if anything. */
  readonly hint: string | undefined;

  /**
   * `detail` follows the code directly after a colon, as docs/FORMATS.md writes it
   * (`PACK_P2_MISSING_SOURCE:<path>`); prose details start with a space (`POLICY_LOCK: Empty…`).
   */
  constructor(code: ErrorCode, detail: string, options: PackerErrorOptions = {}) {
    super(`${code}:${detail}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PackerError';
    this.code = code;
    this.hint = options.hint;
  }

  get exitCode(): 1 | 2 {
    return ERROR_CODES[this.code];
  }
}

/** A stored object whose bytes do not hash to its name. */
export class CorruptObjectError extends PackerError {
  readonly expected: string;
  readonly actual: string;

  constructor(expected: string, actual: string, where: string) {
    super('CAS_CORRUPT_OBJECT', ` object ${expected} is corrupt: ${where} hash to ${actual}`, {
      hint: 'run `llm-packer cas fsck` to list every damaged object',
    });
    this.name = 'CorruptObjectError';
    this.expected = expected;
    this.actual = actual;
  }
}

/** A string that should have been a `sha256:<hex>` ref (or a bare hex record ref) and is not. */
export class InvalidReferenceError extends PackerError {
  readonly ref: string;

  constructor(ref: string, expected: string) {
    super('INVALID_REFERENCE', ` ${JSON.stringify(ref)} is not ${expected}`);
    this.name = 'InvalidReferenceError';
    this.ref = ref;
  }
}

/**
 * True when `err` is a {@link PackerError} (then `err.code` says what went wrong).
 *
 * @param err - Anything a call threw.
 * @throws Never.
 */
export function isPackerError(err: unknown): err is PackerError {
  return err instanceof PackerError;
}

/** True when `err` is a Node system error with the given errno code (ENOENT, EEXIST, …). */
export function isErrno(err: unknown, ...codes: string[]): err is NodeJS.ErrnoException {
  return (
    typeof err === 'object' &&
    err !== null &&
    typeof (err as NodeJS.ErrnoException).code === 'string' &&
    codes.includes((err as NodeJS.ErrnoException).code as string)
  );
}
