import { describePiece } from './markdownStyle.js';
import type { DocumentInfo, StyleRenderer } from './styleTypes.js';
import { createCdataEscaper, xmlAttr, xmlEscape } from './xmlText.js';

function about(doc: DocumentInfo): string {
  if (doc.kind === 'full') return 'Every packed file follows, in path order.';
  if (doc.kind === 'section') return `The files of section ${doc.name ?? ''}, in path order.`;
  return `Part ${doc.name ?? ''} of the split text: files in path order; a file too large for one part is cut at line boundaries into pieces.`;
}

/**
 * One well-formed XML document: `<pack>` holds a `<file path bytes>` element per file with its
 * text in CDATA (see xmlText for what XML cannot carry).
 */
export const xmlStyle: StyleRenderer = {
  style: 'xml',
  extension: 'xml',
  open(doc) {
    const name = doc.name === undefined ? '' : ` ${doc.kind === 'part' ? 'part' : 'section'}="${xmlAttr(doc.name)}"`;
    return [
      '<?xml version="1.0" encoding="UTF-8"?>',
      `<pack scope="${xmlAttr(doc.scope.key)}" title="${xmlAttr(doc.scope.title)}"${name}>`,
      `<about>${xmlEscape(about(doc))} Each file element gives the path (relative to the packed root) and the size on disk; its text (UTF-8, line endings as LF) is in CDATA. Characters XML cannot hold appear as U+FFFD.</about>`,
      '',
    ].join('\n');
  },
  fileHead(file) {
    const piece = file.piece ? ` piece="${xmlAttr(describePiece(file.piece))}"` : '';
    const name = file.label === undefined ? `path="${xmlAttr(file.rootPath)}"` : `git="${xmlAttr(file.label)}"`;
    return `<file ${name} bytes="${file.bytes}"${piece}>\n`;
  },
  unitOpen: () => '<![CDATA[',
  escaper: createCdataEscaper,
  unitClose: () => ']]>\n</file>\n',
  close: (_doc, totals) => `<end files="${totals.files}" bytes="${totals.bytes}"/>\n</pack>\n`,
  variant: () => 'xml',
};
