/**
 * JSON encoders that match Python's `json.dumps(..., sort_keys=True, ensure_ascii=False)` byte for
 * byte (docs/FORMATS.md §3). No library does this: JCS sorts keys by UTF-16 units and allows floats.
 */
import { PackerError } from './errors.js';
import { compareCodePoints } from './compareCodePoints.js';

/** The values a canonical document may hold. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

const SHORT_ESCAPES: Record<number, string> = {
  0x22: '\\"',
  0x5c: '\\\\',
  0x0a: '\\n',
  0x0d: '\\r',
  0x09: '\\t',
  0x08: '\\b',
  0x0c: '\\f',
};

// Characters that need an escape, plus lone surrogates (a high not followed by a low, or a low
// not preceded by a high), which Python would write as UTF-8 that is not valid.
const NEEDS_WORK = /["\\\u0000-\u001f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function unsupported(what: string): never {
  throw new PackerError('CANONICAL_JSON_UNSUPPORTED', ` canonical JSON cannot encode ${what}`);
}

export function encodeString(s: string): string {
  if (!NEEDS_WORK.test(s)) return `"${s}"`;
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) unsupported('a lone surrogate');
      out += s[i]! + s[i + 1]!;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      unsupported('a lone surrogate');
    } else if (c < 0x20 || c === 0x22 || c === 0x5c) {
      out += SHORT_ESCAPES[c] ?? `\\u${c.toString(16).padStart(4, '0')}`;
    } else {
      out += s[i]!;
    }
  }
  return `${out}"`;
}

function encodeScalar(value: unknown): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return encodeString(value);
    case 'number':
      if (!Number.isSafeInteger(value)) unsupported(`the number ${String(value)} (integers only)`);
      return Object.is(value, -0) ? '0' : String(value);
    case 'object':
      return undefined;
    default:
      return unsupported(`a value of type ${typeof value}`);
  }
}

function sortedEntries(value: object): [string, unknown][] {
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) {
    unsupported(`an instance of ${value.constructor?.name ?? 'an unknown class'}`);
  }
  const keys = Object.keys(value).sort(compareCodePoints);
  return keys.map((k) => [k, (value as Record<string, unknown>)[k]]);
}

function encodeCompact(value: unknown, depth: number): string {
  const scalar = encodeScalar(value);
  if (scalar !== undefined) return scalar;
  if (depth > 512) unsupported('a structure nested deeper than 512 levels');
  // Array.from, not map: map skips the holes of a sparse array and join would print `[,1]`.
  if (Array.isArray(value)) return `[${Array.from(value, (v) => encodeCompact(v, depth + 1)).join(',')}]`;
  const parts = sortedEntries(value as object).map(
    ([k, v]) => `${encodeString(k)}:${encodeCompact(v, depth + 1)}`,
  );
  return `{${parts.join(',')}}`;
}

function encodePretty(value: unknown, indent: string): string {
  const scalar = encodeScalar(value);
  if (scalar !== undefined) return scalar;
  if (indent.length > 1024) unsupported('a structure nested deeper than 512 levels');
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${Array.from(value, (v) => inner + encodePretty(v, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = sortedEntries(value as object);
  if (entries.length === 0) return '{}';
  const parts = entries.map(([k, v]) => `${inner}${encodeString(k)}: ${encodePretty(v, inner)}`);
  return `{\n${parts.join(',\n')}\n${indent}}`;
}

/** Canonical JSON text, without a trailing newline (run records are stored like this). */
export function canonicalJson(value: unknown): string {
  return encodeCompact(value, 0);
}

/** Canonical JSON as UTF-8 bytes; `newline` appends one `\n` (manifest, RUN_REFS). */
export function canonicalJsonBytes(value: unknown, options: { newline?: boolean } = {}): Buffer {
  return Buffer.from(canonicalJson(value) + (options.newline ? '\n' : ''), 'utf8');
}

/** Pretty JSON (RUN_ROOTS.json, GC_PINS.json, meta/*.json): sorted keys, 2-space indent, one `\n`. */
export function prettyJson(value: unknown): string {
  return `${encodePretty(value, '')}\n`;
}
