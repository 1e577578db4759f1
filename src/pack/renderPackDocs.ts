/** The render stage after the bodies: final names, then meta/ and the index files. */
import { join } from 'node:path';
import {
  packPaths,
  renderLiteIndex,
  renderMetaFiles,
  renderSplitIndex,
  renderTreemap,
  type BundleContext,
} from '../bundle/index.js';
import { writeFileDurable } from '../util/index.js';

/** Every generated document of the pack (meta/ and the FULL/SPLIT/LITE indexes) as `[path, text]`. */
export function listPackDocs(ctx: BundleContext): [string, string][] {
  const { prefix } = ctx.scope;
  const docs = renderMetaFiles(ctx);
  if (ctx.modes.includes('FULL')) docs.push([packPaths.treemapFile(prefix, ctx.stamp), renderTreemap(ctx.scope, ctx.files)]);
  if (ctx.modes.includes('SPLIT')) docs.push([packPaths.splitIndex(prefix), renderSplitIndex(ctx.scope, ctx.sections)]);
  if (ctx.modes.includes('LITE')) docs.push([packPaths.liteIndex(prefix), renderLiteIndex(ctx.scope, ctx.files)]);
  return docs;
}

export async function writePackDocs(staging: string, ctx: BundleContext): Promise<void> {
  for (const [path, text] of listPackDocs(ctx)) await writeFileDurable(join(staging, path), text);
}
