import { displayPath } from './fenceText.js';
import { plural } from './plural.js';
import type { PackedFile } from './types.js';

/**
 * meta/FILE_TREE.txt: every packed path as an indented tree, folders ending in `/`. Pack order
 * keeps each folder's files together (they share a prefix), so the tree is printed in one pass.
 */
export function renderFileTree(files: readonly Pick<PackedFile, 'rootPath'>[]): string {
  const lines = [`${plural(files.length, 'file')}`];
  let open: string[] = [];
  for (const file of files) {
    const parts = file.rootPath.split('/');
    const dirs = parts.slice(0, -1);
    let same = 0;
    while (same < open.length && same < dirs.length && open[same] === dirs[same]) same++;
    for (let d = same; d < dirs.length; d++) lines.push(`${'  '.repeat(d)}${displayPath(dirs[d]!)}/`);
    lines.push(`${'  '.repeat(dirs.length)}${displayPath(parts[parts.length - 1]!)}`);
    open = dirs;
  }
  return `${lines.join('\n')}\n`;
}
