import type { Scope } from '../scopes/index.js';
import { codeSpan, displayPath, fenceFor, longestBacktickRun } from './fenceText.js';
import { plural } from './plural.js';
import type { PackedFile } from './types.js';

/** Top of the FULL file: what follows and how to read it (nothing that depends on the files). */
export function renderFullHeader(scope: Pick<Scope, 'key' | 'title'>): string {
  return [
    `# ${scope.title}: full text`,
    '',
    `Scope ${codeSpan(scope.key)}. Every packed file follows, in path order. Each starts with a heading that`,
    'gives its path (relative to the packed root) and its size on disk; its text sits in the code fence',
    'below the heading, decoded as UTF-8 with line endings turned into LF. The tree map beside this file',
    'lists every path with its size.',
    '',
    '',
  ].join('\n');
}

/**
 * Bottom of a FULL or SPLIT file: the totals of what it holds. (No token count: it would count
 * itself; the tree map, the split index and meta/TOKENS.json give the exact counts.)
 */
export function renderBodiesFooter(files: number, bytes: number): string {
  return `---\n\nEnd: ${plural(files, 'file')}, ${plural(bytes, 'byte')}.\n`;
}

interface TreeNode {
  name: string;
  files: number;
  bytes: number;
  tokens: number;
  children: Map<string, TreeNode>;
  leaf: boolean;
}

function newNode(name: string, leaf: boolean): TreeNode {
  return { name, files: 0, bytes: 0, tokens: 0, children: new Map(), leaf };
}

/** A tree of pack paths with file counts and byte totals on every folder. */
export function buildTree(files: readonly Pick<PackedFile, 'rootPath' | 'bytes' | 'tokens'>[]): TreeNode {
  const root = newNode('.', false);
  for (const file of files) {
    const parts = file.rootPath.split('/');
    let node = root;
    node.files += 1;
    node.bytes += file.bytes;
    node.tokens += file.tokens;
    parts.forEach((part, i) => {
      const leaf = i === parts.length - 1;
      const key = leaf ? part : `${part}/`;
      let child = node.children.get(key);
      if (!child) {
        child = newNode(part, leaf);
        node.children.set(key, child);
      }
      node = child;
      node.files += 1;
      node.bytes += file.bytes;
      node.tokens += file.tokens;
    });
  }
  return root;
}

function describe(node: TreeNode): string {
  const tokens = plural(node.tokens, 'token');
  if (node.leaf) return `${node.name}  ${plural(node.bytes, 'byte')}, ${tokens}`;
  return `${node.name}/  ${plural(node.files, 'file')}, ${plural(node.bytes, 'byte')}, ${tokens}`;
}

function renderTreeLines(node: TreeNode, indent: string, out: string[]): void {
  const kids = [...node.children.values()];
  kids.forEach((kid, i) => {
    const last = i === kids.length - 1;
    out.push(`${indent}${last ? '└── ' : '├── '}${describe({ ...kid, name: displayPath(kid.name) })}`);
    if (!kid.leaf) renderTreeLines(kid, indent + (last ? '    ' : '│   '), out);
  });
}

/** FULL's tree map: every folder with its totals, every file with its size and exact token count. */
export function renderTreemap(scope: Scope, files: readonly PackedFile[], tokens: { encoding: string; total: number }): string {
  const tree = buildTree(files);
  const lines = [`./  ${plural(tree.files, 'file')}, ${plural(tree.bytes, 'byte')}, ${plural(tree.tokens, 'token')}`];
  renderTreeLines(tree, '', lines);
  const body = `${lines.join('\n')}\n`;
  const fence = fenceFor(longestBacktickRun(Buffer.from(body, 'utf8')));
  return [
    `# ${scope.title}: tree map`,
    '',
    `Every packed file with its size and the tokens its block takes in the full text (${tokens.encoding},`,
    'heading included); every folder with the totals of everything below it. The full text file holds',
    `${plural(tokens.total, 'token')} in all (its own heading and end included).`,
    '',
    `${fence}text`,
    `${body}${fence}`,
    '',
  ].join('\n');
}
