import { packPaths } from '../packdir/index.js';
import { prettyJson } from '../util/index.js';
import { buildTree } from './renderFull.js';
import type { BundleContext } from './types.js';

interface FolderRow {
  files: number;
  path: string;
  tokens: number;
}

function folderRows(ctx: BundleContext): FolderRow[] {
  const rows: FolderRow[] = [];
  const walk = (node: ReturnType<typeof buildTree>, prefix: string) => {
    for (const kid of node.children.values()) {
      if (kid.leaf) continue;
      const path = `${prefix}${kid.name}/`;
      rows.push({ files: kid.files, path, tokens: kid.tokens });
      walk(kid, path);
    }
  };
  walk(buildTree(ctx.files), '');
  return rows;
}

/**
 * meta/TOKENS.json: exact token counts. `total` is the FULL file as written; `files` the block
 * of each file in it (heading and text); `folders` the sums below each folder; `split` each SPLIT
 * file as written.
 */
export function renderTokensJson(ctx: BundleContext): string {
  const full = ctx.modes.includes('FULL') ? packPaths.fullFile(ctx.scope.prefix, ctx.stamp, ctx.output.extension) : null;
  return prettyJson({
    encoding: ctx.tokens.encoding,
    files: ctx.files.map((f) => ({ path: f.rootPath, tokens: f.tokens })),
    folders: folderRows(ctx),
    full_file: full,
    split: ctx.sections.map((s) => ({ file: packPaths.splitSection(s.fileName), tokens: s.tokens })),
    style: ctx.output.style,
    total: ctx.tokens.total,
  });
}
