import { codeSpan } from './fenceText.js';
import { estimateTokens } from './normalizeText.js';
import { LITE_FILES, packPaths } from '../packdir/index.js';
import { plural } from './plural.js';
import type { BundleContext } from './types.js';

function readFirst(ctx: BundleContext): string[] {
  const lines = ['## Read these first', ''];
  if (ctx.anchors.found.length === 0) {
    const names = ctx.scope.anchors.length > 0;
    lines.push(names ? 'None of the anchor files this scope names is in the pack.' : 'This scope names no anchor files.');
  }
  ctx.anchors.found.forEach((p, i) => lines.push(`${i + 1}. ${codeSpan(p)}`));
  return [...lines, ''];
}

function whereThingsAre(ctx: BundleContext): string[] {
  const { prefix } = ctx.scope;
  const lines = ['## What is where', ''];
  lines.push('- `meta/`: this guide; ENTRYPOINTS.md (likely places to start reading code); FILE_TREE.txt (every path);');
  lines.push('  FILE_INDEX.json and REPO_STATE.json (size and SHA-256 of every file, and their digest);');
  lines.push('  PACK_INFO.json, PROVENANCE.json; REPO_OMITTED_BINARIES.json (files left out as not text).');
  lines.push('- `repo/`: a byte-for-byte copy of every packed file, at its path.');
  if (ctx.modes.includes('FULL')) {
    lines.push(`- ${codeSpan(packPaths.fullFile(prefix, ctx.stamp))}: every file's text in one document;`);
    lines.push(`  ${codeSpan(packPaths.treemapFile(prefix, ctx.stamp))}: folders and files with sizes and token estimates.`);
  }
  if (ctx.modes.includes('SPLIT')) {
    const sections = plural(ctx.sections.length, 'section');
    lines.push(`- ${codeSpan(packPaths.splitIndex(prefix))}: the same text cut into ${sections}, one file each.`);
  }
  if (ctx.modes.includes('LITE')) {
    lines.push(`- ${codeSpan(packPaths.liteIndex(prefix))}: no text, only paths, sizes and store refs; ${LITE_FILES.manifest}`);
    lines.push(`  and ${LITE_FILES.runRefs} let \`llm-packer consume\` rebuild the files and \`llm-packer verify\` check them.`);
  }
  return [...lines, ''];
}

/** meta/START_HERE.md: what the pack is, which files to read first, and where everything is. */
export function renderStartHere(ctx: BundleContext): string {
  const bytes = ctx.files.reduce((n, f) => n + f.bytes, 0);
  const size = `${plural(bytes, 'byte')}, about ${plural(estimateTokens(bytes), 'token')}, estimated`;
  const lines = [
    `# Start here: ${ctx.scope.title}`,
    '',
    `This pack holds ${plural(ctx.files.length, 'text file')} (${size})`,
    `chosen by the scope ${codeSpan(ctx.scope.key)}. Paths are relative to the packed root and use \`/\`.`,
    `Content digest: ${codeSpan(ctx.digest)}.`,
    '',
    ...readFirst(ctx),
    ...whereThingsAre(ctx),
  ];
  if (ctx.omitted.length > 0) {
    const verb = ctx.omitted.length === 1 ? 'is' : 'are';
    const what = `${plural(ctx.omitted.length, 'selected file')} ${verb} not text and ${verb} listed in`;
    lines.push('## Left out', '', `${what} \`meta/REPO_OMITTED_BINARIES.json\`.`, '');
  }
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}
