/**
 * The seal stage, last before publishing (docs/FORMATS.md §13, §14): SEAL.json lists every file of
 * the staged pack with its size and SHA-256 and is stored in the CAS; after the outer archive
 * (which holds the seal) the ledger records the seal ref and the archive's hash, and STORE.json
 * says where the store is, relative to the pack.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PackedFile } from '../bundle/index.js';
import { hashFile, type Cas } from '../cas/index.js';
import { PACK_FOLDERS, SEAL_FILE, writeStoreLocator } from '../packdir/index.js';
import { recordSeal } from '../runs/index.js';
import { encodeSeal, sealPackDir } from '../seal/index.js';
import { writeFileDurable } from '../util/index.js';
import type { PackPlan } from './planPack.js';

/** Write SEAL.json into the staging folder and store it; returns its ref. */
export async function writeSeal(input: { plan: PackPlan; staging: string; cas: Cas; statusRef: string; packed: readonly PackedFile[] }): Promise<string> {
  const { plan, staging } = input;
  // The repo/ copies hold the bytes that were hashed and stored: no second read.
  const known = new Map(input.packed.map((f) => [`${PACK_FOLDERS.repo}/${f.rootPath}`, { bytes: f.bytes, sha256: f.hash }]));
  const seal = await sealPackDir({ dir: staging, statusRef: input.statusRef, concurrency: plan.concurrency, known });
  const bytes = encodeSeal(seal);
  await writeFileDurable(join(staging, SEAL_FILE), bytes);
  return (await input.cas.putBytes(bytes)).hash;
}

/**
 * After the outer archive: the ledger records the seal (and the archive's hash), the seal is
 * stored once more (a collection may have taken it before it was recorded), and STORE.json is
 * written (outside the seal and the archive: it depends on where the pack goes).
 */
export async function recordSealOf(input: {
  plan: PackPlan;
  staging: string;
  dest: string;
  cas: Cas;
  statusRef: string;
  sealRef: string;
  stagedZip?: string;
}): Promise<void> {
  const { plan, staging, dest } = input;
  const archiveSha256 = input.stagedZip ? (await hashFile(input.stagedZip)).hash : undefined;
  const seal = { statusRef: input.statusRef, sealRef: input.sealRef, packDir: dest };
  await recordSeal(plan.locations.runsDir, { ...seal, ...(archiveSha256 ? { archiveSha256 } : {}) });
  await input.cas.putBytes(await readFile(join(staging, SEAL_FILE)));
  await writeStoreLocator(staging, dest, plan.locations);
}
