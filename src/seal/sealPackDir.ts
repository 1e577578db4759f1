/** Compute the seal of a finished (staged) pack folder. */
import { hashFile } from '../cas/index.js';
import { PackerError, mapLimit } from '../util/index.js';
import { listPackFiles } from './listPackFiles.js';
import { buildSeal, type Seal, type SealedFile } from './sealFormat.js';

export interface SealPackDirInput {
  dir: string;
  statusRef: string;
  /** Hashes already known (the repo/ copies: the bytes that were stored), by pack path; skipped when hashing. */
  known?: ReadonlyMap<string, { bytes: number; sha256: string }>;
  concurrency?: number;
}

export async function sealPackDir(input: SealPackDirInput): Promise<Seal> {
  const entries = await listPackFiles(input.dir);
  const files = await mapLimit(entries, input.concurrency ?? 8, async (e): Promise<SealedFile> => {
    if (!e.regular) throw new PackerError('INPUT_INVALID', ` not a regular file in the pack: ${e.path}`);
    const known = input.known?.get(e.path);
    if (known) return { path: e.path, ...known };
    const { hash, size } = await hashFile(e.abs);
    return { path: e.path, bytes: size, sha256: hash };
  });
  return buildSeal(input.statusRef, files);
}
