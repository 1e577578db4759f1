/**
 * A pack folder as objects: its SEAL.json, every file the seal lists, and the archive beside the
 * pack, each under its SHA-256 name. With them on the remote, another machine rebuilds the pack
 * itself from the seal alone (`pull --out`) and verifies it there; the seal is the pack's manifest.
 */
import { lstat, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { SEAL_FILE, recoverPublish } from '../packdir/index.js';
import { parseSeal } from '../seal/index.js';
import { PackerError, isErrno, sha256Hex } from '../util/index.js';
import type { FileObject } from './transferObjects.js';

export interface PackObjects {
  sealRef: string;
  objects: FileObject[];
  /** Set when `<pack>.zip` is among the objects. */
  archiveSha256?: string;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await lstat(path)).isFile();
  } catch (err) {
    if (isErrno(err, 'ENOENT', 'ENOTDIR')) return false;
    throw err;
  }
}

/**
 * The objects of the pack at `packDir`, made by run `statusRef`; `recorded` is what the local
 * ledger says of that run (its seal, its archive), which the pack must match.
 */
export async function packObjects(packDir: string, statusRef: string, recorded: { sealRef?: string; archiveSha256?: string } = {}): Promise<PackObjects> {
  await recoverPublish(packDir);
  const name = basename(packDir);
  const sealFile = join(packDir, SEAL_FILE);
  let bytes: Buffer;
  try {
    bytes = await readFile(sealFile);
  } catch (err) {
    if (!isErrno(err, 'ENOENT', 'ENOTDIR')) throw err;
    throw new PackerError('SEAL_INVALID', ` no ${SEAL_FILE} in ${name}: not a sealed pack (pack it again)`);
  }
  const seal = parseSeal(bytes);
  const sealRef = sha256Hex(bytes);
  if (seal.status_ref !== statusRef) throw new PackerError('SEAL_MISMATCH', ` ${name}/${SEAL_FILE} seals run ${seal.status_ref}, not ${statusRef}`);
  if (recorded.sealRef !== undefined && recorded.sealRef !== sealRef) {
    throw new PackerError('SEAL_UNRECORDED', ` ${name}/${SEAL_FILE} (sha256:${sealRef}) is not the seal the ledger records for run ${statusRef}`);
  }
  const changed = (path: string) => () => new PackerError('SEAL_MISMATCH', ` ${name}/${path} changed since the pack was sealed (llm-packer verify ${name})`);
  const objects: FileObject[] = [
    { hash: sealRef, file: sealFile, onMismatch: changed(SEAL_FILE) },
    ...seal.files.map((f) => ({ hash: f.sha256, file: join(packDir, ...f.path.split('/')), onMismatch: changed(f.path) })),
  ];
  const archive = `${packDir}.zip`;
  if (recorded.archiveSha256 !== undefined && (await isFile(archive))) {
    const want = recorded.archiveSha256;
    objects.push({
      hash: want,
      file: archive,
      onMismatch: (actual) => new PackerError('ARCHIVE_MISMATCH', ` ${name}.zip changed: sha256 ${actual}, recorded ${want}`),
    });
    return { sealRef, objects, archiveSha256: want };
  }
  return { sealRef, objects };
}
