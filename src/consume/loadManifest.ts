import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { REF_PREFIX, parseRef } from '../artifacts/index.js';
import type { Cas } from '../cas/index.js';
import { parseManifest, type PackManifest, type ParseManifestOptions } from '../manifest/index.js';
import { packPaths } from '../packdir/index.js';
import { PackerError, isErrno, sha256Hex } from '../util/index.js';

export interface LoadedManifest {
  manifest: PackManifest;
  /** `sha256:` + the hash of the manifest bytes. */
  manifestRef: string;
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

/** A manifest from a pack dir, a `PACK_MANIFEST.json` file or a `sha256:` ref in the CAS, validated. */
export async function loadManifest(cas: Cas, source: string, options: ParseManifestOptions = {}): Promise<LoadedManifest> {
  const bytes = await readSource(cas, source);
  const manifest = parseManifest(bytes, options);
  return { manifest, manifestRef: `sha256:${sha256Hex(bytes)}`, bytes };
}
