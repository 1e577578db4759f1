import { renderEntrypoints } from './renderEntrypoints.js';
import { renderFileTree } from './renderFileTree.js';
import { renderOmittedReasons, renderSecrets } from './renderSelectionMeta.js';
import { renderFileIndex, renderOmitted, renderPackInfo, renderProvenance, renderRepoState } from './renderMetaJson.js';
import { packPaths } from '../packdir/index.js';
import { renderStartHere } from './renderStartHere.js';
import { renderTokensJson } from './renderTokensJson.js';
import type { BundleContext } from './types.js';
import { prettyJson } from '../util/index.js';

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
    [m.tokens, renderTokensJson(ctx)],
    ...(ctx.git.diff !== undefined ? [[m.gitDiff, ctx.git.diff] as [string, string]] : []),
    ...(ctx.git.log !== undefined ? [[m.gitLog, prettyJson({ commits: ctx.git.log })] as [string, string]] : []),
  ];
}
