import { TextDecoder } from 'node:util';
import { z } from 'zod';
import { PAYLOAD_REF_PATTERN } from '../artifacts/index.js';
import { PackerError, compareCodePoints } from '../util/index.js';
import { MANIFEST_BUCKETS, encodeManifest } from './buildManifest.js';
import { checkTreePaths } from '../paths/index.js';
import { fileExt } from './fileExt.js';
import type { PackManifest } from './types.js';

const entrySchema = z.strictObject({
  bytes: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  ext: z.string(),
  kind: z.literal('FILE'),
  path: z.string().min(1),
  ref: z.string().regex(PAYLOAD_REF_PATTERN, 'not a sha256:<64 lowercase hex> ref'),
});

const manifestSchema = z.strictObject({
  buckets: z.array(z.enum(MANIFEST_BUCKETS)),
  entries: z.array(entrySchema),
  repo_state: z.strictObject({ commit: z.string().optional(), branch: z.string().optional() }),
  scope: z.string().min(1),
  version: z.literal('P2.0'),
});

function invalid(detail: string): PackerError {
  return new PackerError('MANIFEST_INVALID', ` ${detail}`);
}

/** Every rule a manifest written by a packer obeys, beyond its shape. */
function checkInvariants(manifest: PackManifest, options: ParseManifestOptions): void {
  // The shared path rule: what consume writes is what any file system holds apart (src/paths).
  const allowUnportable = options.allowUnportablePaths === true;
  const issue = checkTreePaths(manifest.entries.map((e) => e.path), { allowUnportable });
  if (issue) {
    const waivable = !allowUnportable && checkTreePaths(manifest.entries.map((e) => e.path), { allowUnportable: true }) === undefined;
    const hint = waivable ? { hint: 'a pack made with --allow-unportable-paths: consume it with --allow-unportable-paths where the file system can hold these names' } : {};
    throw new PackerError('CONSUME_UNSAFE_PATH', ` ${issue.message}`, hint);
  }
  const order = MANIFEST_BUCKETS as readonly string[];
  manifest.buckets.forEach((b, i) => {
    if (i > 0 && order.indexOf(b) <= order.indexOf(manifest.buckets[i - 1]!)) throw invalid(`buckets out of order at ${b}`);
  });
  manifest.entries.forEach((e, i) => {
    if (e.ext !== fileExt(e.path)) throw invalid(`entries[${i}].ext is ${JSON.stringify(e.ext)}, expected ${JSON.stringify(fileExt(e.path))}`);
    const prev = manifest.entries[i - 1];
    if (prev && compareCodePoints(prev.path, e.path) >= 0) {
      if (prev.path === e.path) throw new PackerError('CONSUME_UNSAFE_PATH', ` duplicate path ${JSON.stringify(e.path)}`);
      throw invalid(`entries not sorted by path at ${JSON.stringify(e.path)}`);
    }
  });
}

export interface ParseManifestOptions {
  /**
   * Accept paths only some systems refuse (Windows names, case and normalisation twins), as
   * `pack --allow-unportable-paths` writes them; unsafe paths are refused whatever this says.
   */
  allowUnportablePaths?: boolean;
}

/**
 * Parse and validate manifest bytes: UTF-8, canonical (re-encoding gives the same bytes), no
 * unknown fields, sorted unique safe paths, valid refs. Anything else fails with one line.
 */
export function parseManifest(bytes: Uint8Array, options: ParseManifestOptions = {}): PackManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw invalid('not UTF-8 JSON');
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw invalid(`${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const manifest = parsed.data as PackManifest;
  checkInvariants(manifest, options);
  if (Buffer.compare(encodeManifest(manifest), Buffer.from(bytes)) !== 0) {
    throw invalid('not canonical JSON (keys, spacing, escapes or the final newline differ)');
  }
  return manifest;
}
