import { compareCodePoints } from '../util/index.js';
import { codeSpan } from './fenceText.js';
import { plural } from './plural.js';
import type { BundleContext } from './types.js';

/** At most this many paths per group; the rest are counted. */
const GROUP_LIMIT = 50;

const GUIDES = /^(readme|agents|contributing|architecture|claude|design|overview)(\.[^/]*)?$/i;
const MANIFESTS = new Set([
  'package.json', 'pyproject.toml', 'setup.py', 'setup.cfg', 'requirements.txt', 'cargo.toml', 'go.mod',
  'makefile', 'cmakelists.txt', 'dockerfile', 'pom.xml', 'build.gradle', 'build.gradle.kts', 'composer.json',
  'gemfile', 'tsconfig.json', 'deno.json', 'justfile', 'llm-packer.config.json',
]);
const PROGRAMS = /^(main|index|cli|app|server|__main__|__init__|lib|mod)\.[a-z0-9]+$/i;

interface Group {
  title: string;
  note: string;
  test: (name: string, path: string) => boolean;
}

const GROUPS: readonly Group[] = [
  { title: 'Guides', note: 'read-me and guide files', test: (name) => GUIDES.test(name) },
  {
    title: 'Build and package files',
    note: 'they name the project, its dependencies and its commands',
    test: (name) => MANIFESTS.has(name.toLowerCase()),
  },
  {
    title: 'Program entry points',
    note: 'files named like a module or program entry, and scripts in `bin/` folders',
    test: (name, path) => PROGRAMS.test(name) || /(^|\/)bin\/[^/]+$/.test(path),
  },
];

function byDepth(a: string, b: string): number {
  const da = a.split('/').length;
  const db = b.split('/').length;
  return da !== db ? da - db : compareCodePoints(a, b);
}

function listGroup(title: string, note: string, paths: readonly string[]): string[] {
  const lines = [`## ${title}`, '', `${note[0]!.toUpperCase()}${note.slice(1)}.`, ''];
  if (paths.length === 0) lines.push('None in this pack.');
  for (const p of paths.slice(0, GROUP_LIMIT)) lines.push(`- ${codeSpan(p)}`);
  if (paths.length > GROUP_LIMIT) lines.push(`- and ${plural(paths.length - GROUP_LIMIT, 'more file')} (see FILE_TREE.txt)`);
  return [...lines, ''];
}

/**
 * meta/ENTRYPOINTS.md: likely places to start reading, found by name alone: the scope's anchors,
 * guides, build files, program entry points. Shallow paths first.
 */
export function renderEntrypoints(ctx: BundleContext): string {
  const lines = [
    `# Entry points: ${ctx.scope.title}`,
    '',
    'Places to start reading, chosen by file name only (nothing here runs or parses the code).',
    '',
  ];
  lines.push(...listGroup('Anchors', "the scope's anchor files, in the scope's order", ctx.anchors.found));
  for (const group of GROUPS) {
    const paths = ctx.files
      .map((f) => f.rootPath)
      .filter((p) => group.test(p.slice(p.lastIndexOf('/') + 1), p))
      .sort(byDepth);
    lines.push(...listGroup(group.title, group.note, paths));
  }
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}
