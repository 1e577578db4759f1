import { renderEntrypoints } from './renderEntrypoints.js';
import { renderFileTree } from './renderFileTree.js';
import { renderOmittedReasons, renderSecrets } from './renderSelectionMeta.js';
import { renderFileIndex, renderOmitted, renderPackInfo, renderProvenance, renderRepoState } from './renderMetaJson.js';
import { packPaths } from '../packdir/index.js';
import { renderStartHere } from './renderStartHere.js';
import type { BundleContext } from './types.js';

/** Every meta/ file as `[pack path, text]`, in a fixed order. */
export function renderMetaFiles(ctx: BundleContext): [string, string][] {
  const m = packPaths.meta;
  return [
    [m.startHere, renderStartHere(ctx)],
    [m.entrypoints, renderEntrypoints(ctx)],
    [m.fileTree, renderFileTree(ctx.files)],
    [m.fileIndex, renderFileIndex(ctx)],
    [m.repoState, renderRepoState(ctx)],
    [m.packInfo, renderPackInfo(ctx)],
    [m.provenance, renderProvenance(ctx)],
    [m.omitted, renderOmitted(ctx)],
    [m.omittedReasons, renderOmittedReasons(ctx)],
    [m.secrets, renderSecrets(ctx)],
  ];
}
