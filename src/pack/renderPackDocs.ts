/** The render stage after the bodies: final names, then meta/ and the FULL/SPLIT index files. */
import { join } from 'node:path';
import { renderMetaFiles, renderSplitIndex, renderTreemap, type BundleContext } from '../bundle/index.js';
import { packPaths } from '../packdir/index.js';
import { writeFileDurable } from '../util/index.js';

/** meta/ and the FULL/SPLIT indexes as `[path, text]` (LITE is written by its own stage, `writeLite`). */
function listPackDocs(ctx: BundleContext): [string, string][] {
  const { prefix } = ctx.scope;
  const docs = renderMetaFiles(ctx);
  if (ctx.modes.includes('FULL')) docs.push([packPaths.treemapFile(prefix, ctx.stamp), renderTreemap(ctx.scope, ctx.files, ctx.tokens)]);
  if (ctx.modes.includes('SPLIT')) docs.push([packPaths.splitIndex(prefix), renderSplitIndex(ctx.scope, ctx.sections, ctx.output.splitKind)]);
  return docs;
}

export async function writePackDocs(staging: string, ctx: BundleContext): Promise<void> {
  for (const [path, text] of listPackDocs(ctx)) await writeFileDurable(join(staging, path), text);
}
