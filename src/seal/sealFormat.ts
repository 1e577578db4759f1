/**
 * The seal of a pack, `SEAL.json` at its root (docs/FORMATS.md §13): every other file of the pack
 * with its size and SHA-256, and the STATUS ref of the run that made it. Canonical JSON plus `\n`;
 * its bytes are stored in the CAS and the run ledger records their hash.
 */
import { z } from 'zod';
import { PackerError, canonicalJsonBytes, compareCodePoints, HASH_PATTERN } from '../util/index.js';

export const SEAL_FORMAT = 'llm-packer-seal/1';

export interface SealedFile {
  /** Pack-relative, `/`-separated. */
  path: string;
  bytes: number;
  sha256: string;
}

export interface Seal {
  format: typeof SEAL_FORMAT;
  status_ref: string;
  /** Sorted by path in code-point order, no path twice. */
  files: SealedFile[];
}

const hex = z.string().regex(HASH_PATTERN);
const sealSchema = z.strictObject({
  format: z.literal(SEAL_FORMAT),
  status_ref: hex,
  files: z.array(z.strictObject({ path: z.string().min(1), bytes: z.number().int().nonnegative(), sha256: hex })),
});

function invalid(detail: string): PackerError {
  return new PackerError('SEAL_INVALID', ` SEAL.json ${detail}`);
}

export function buildSeal(statusRef: string, files: readonly SealedFile[]): Seal {
  const sorted = [...files].sort((a, b) => compareCodePoints(a.path, b.path));
  for (let i = 1; i < sorted.length; i++) if (sorted[i - 1]!.path === sorted[i]!.path) throw invalid(`lists ${sorted[i]!.path} twice`);
  return { format: SEAL_FORMAT, status_ref: statusRef, files: sorted.map(({ path, bytes, sha256 }) => ({ path, bytes, sha256 })) };
}

export function encodeSeal(seal: Seal): Buffer {
  return canonicalJsonBytes(seal as unknown as Parameters<typeof canonicalJsonBytes>[0], { newline: true });
}

/** Parse and validate seal bytes: the schema, sorted unique paths, canonical bytes. */
export function parseSeal(bytes: Buffer): Seal {
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw invalid('is not valid JSON');
  }
  const parsed = sealSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw invalid(`${issue.path.join('.')}: ${issue.message}`);
  }
  const seal = buildSeal(parsed.data.status_ref, parsed.data.files);
  if (!encodeSeal(seal).equals(bytes)) throw invalid('is not canonical JSON (sorted, unique paths)');
  return seal;
}
