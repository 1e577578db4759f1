import { fileExt } from '../manifest/index.js';
import { codeSpan, fenceFor, fenceLanguage } from './fenceText.js';
import { plural } from './plural.js';
import { renderBodiesFooter, renderFullHeader } from './renderFull.js';
import { renderSectionHeader } from './renderSplit.js';
import type { DocumentInfo, FileHeadInfo, PieceInfo, StyleRenderer } from './styleTypes.js';

const identity = { push: (text: string) => text, end: () => '' };

/** How a cut file's piece is marked, in every style. */
export function describePiece(p: PieceInfo): string {
  const more = p.piece < p.pieces ? '; continues in the next piece' : '';
  return `piece ${p.piece} of ${p.pieces}, lines ${p.firstLine}-${p.lastLine} of ${p.totalLines}${more}`;
}

function partHeader(doc: DocumentInfo): string {
  return [
    `# ${doc.scope.title}: part ${doc.name ?? ''}`,
    '',
    'Files in path order, each under a heading with its path and size; a file too large for one part is',
    'cut at line boundaries into pieces, each marked. The index beside this file lists every part.',
    '',
    '',
  ].join('\n');
}

/** The default style: the markdown FULL and SPLIT files of earlier versions, byte for byte. */
export const markdownStyle: StyleRenderer = {
  style: 'markdown',
  extension: 'md',
  open(doc) {
    if (doc.kind === 'full') return renderFullHeader(doc.scope);
    if (doc.kind === 'section') return renderSectionHeader(doc.scope, doc.name ?? '');
    return partHeader(doc);
  },
  fileHead(file: FileHeadInfo) {
    const piece = file.piece ? `; ${describePiece(file.piece)}` : '';
    const name = file.label ?? codeSpan(file.rootPath);
    return `## ${name} (${plural(file.bytes, 'byte')}${piece})\n\n`;
  },
  unitOpen(unit) {
    return `${fenceFor(unit.longestRun)}${fenceLanguage(fileExt(unit.rootPath))}\n`;
  },
  escaper: () => identity,
  unitClose(unit, endsWithNewline) {
    return `${endsWithNewline ? '' : '\n'}${fenceFor(unit.longestRun)}\n\n`;
  },
  close: (_doc, totals) => renderBodiesFooter(totals.files, totals.bytes),
  variant: (unit) => `md.${fenceLanguage(fileExt(unit.rootPath)) || '-'}`,
};
