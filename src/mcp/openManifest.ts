import { parseRef } from '../artifacts/index.js';
import { loadManifest, type LoadedManifest } from '../consume/index.js';
import type { ManifestEntry } from '../manifest/index.js';
import { PackerError } from '../util/index.js';
import { checkManifestPath } from './checkRequestPath.js';
import type { McpContext } from './types.js';

/**
 * A manifest named by its `sha256:` ref, read from the store (bytes verified; fetched from the team
 * store first when only there) and validated as `consume` does.
 */
export async function openManifest(ctx: McpContext, ref: string): Promise<LoadedManifest> {
  await ctx.fetchMissing([parseRef(ref)]);
  return loadManifest(ctx.cas, ref);
}

/** The entry a client names by path, after the path passed the manifest-path rule. */
export function findEntry(loaded: LoadedManifest, path: string): ManifestEntry {
  checkManifestPath(path);
  const entry = loaded.manifest.entries.find((e) => e.path === path);
  if (!entry) throw new PackerError('INPUT_NOT_FOUND', ` ${JSON.stringify(path)} is not in manifest ${loaded.manifestRef}`);
  return entry;
}
