import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { REF_PREFIX, parseRef } from '../artifacts/index.js';
import type { Cas } from '../cas/index.js';
import { parseManifest, type PackManifest, type ParseManifestOptions } from '../manifest/index.js';
import { packPaths } from '../packdir/index.js';
import { PackerError, assertAbsolute, isErrno, sha256Hex } from '../util/index.js';

/** A manifest as {@link loadManifest} read it: parsed, with its ref and its exact bytes. */
export interface LoadedManifest {
  /** The parsed manifest (its keys are the on-disk names, docs/FORMATS.md §6). */
  manifest: PackManifest;
  /** `sha256:` + the hash of the manifest bytes. */
  manifestRef: string;
  /** The manifest's bytes, as stored. */
  bytes: Buffer;
}

async function readSource(cas: Cas, source: string): Promise<Buffer> {
  if (source.startsWith(REF_PREFIX)) return cas.get(parseRef(source));
  let path = source;
  try {
    if ((await stat(source)).isDirectory()) path = join(source, packPaths.liteManifest);
    return await readFile(path);
  } catch (err) {
    if (isErrno(err, 'ENOENT', 'ENOTDIR')) {
      throw new PackerError('INPUT_NOT_FOUND', ` no manifest at ${path}`, { cause: err });
    }
    throw err;
  }
}

/**
 * Read and validate a pack's LITE manifest: the list of packed files with their refs.
 *
 * @param cas - The store (used when `source` is a ref).
 * @param source - A pack folder or `PACK_MANIFEST.json` file (absolute), or a manifest's `sha256:` ref.
 * @param options - `allowUnportablePaths`: accept paths only some file systems refuse (see `pack --allow-unportable-paths`).
 * @returns The manifest, its ref and its bytes.
 * @throws {@link PackerError} `USAGE` for a relative path; `INPUT_NOT_FOUND` when there is no
 *   manifest; `MANIFEST_INVALID` when it breaks docs/FORMATS.md §6; `CAS_NOT_FOUND` for a ref the
 *   store does not hold.
 */
export async function loadManifest(cas: Cas, source: string, options: ParseManifestOptions = {}): Promise<LoadedManifest> {
  if (!source.startsWith(REF_PREFIX)) assertAbsolute('source', source);
  const bytes = await readSource(cas, source);
  const manifest = parseManifest(bytes, options);
  return { manifest, manifestRef: `sha256:${sha256Hex(bytes)}`, bytes };
}
