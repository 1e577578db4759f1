import { displayPath } from './fenceText.js';
import { describePiece } from './markdownStyle.js';
import { plural } from './plural.js';
import type { DocumentInfo, StyleRenderer } from './styleTypes.js';

const RULE = '='.repeat(64);

function title(doc: DocumentInfo): string {
  if (doc.kind === 'full') return `${doc.scope.title}: full text`;
  if (doc.kind === 'section') return `${doc.scope.title}: section ${doc.name ?? ''}`;
  return `${doc.scope.title}: part ${doc.name ?? ''}`;
}

/** Plain text: each file between two rules that name it, then its text as it is. */
export const plainStyle: StyleRenderer = {
  style: 'plain',
  extension: 'txt',
  open(doc) {
    return [
      title(doc),
      '',
      `Scope ${doc.scope.key}. Files in path order. Each starts with a rule, a line "File: <path> (<size>)"`,
      'and another rule; its text follows (UTF-8, line endings as LF).',
      '',
      '',
    ].join('\n');
  },
  fileHead(file) {
    const piece = file.piece ? `; ${describePiece(file.piece)}` : '';
    const name = file.label ?? `File: ${displayPath(file.rootPath)}`;
    return `${RULE}\n${name} (${plural(file.bytes, 'byte')}${piece})\n`;
  },
  unitOpen: () => `${RULE}\n`,
  escaper: () => ({ push: (text) => text, end: () => '' }),
  unitClose: (_unit, endsWithNewline) => `${endsWithNewline ? '' : '\n'}\n`,
  close: (_doc, totals) => `${RULE}\nEnd: ${plural(totals.files, 'file')}, ${plural(totals.bytes, 'byte')}.\n`,
  variant: () => 'plain',
};
