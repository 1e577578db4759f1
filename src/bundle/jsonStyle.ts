import { describePiece } from './markdownStyle.js';
import type { DocumentInfo, StyleRenderer } from './styleTypes.js';

const q = (s: string) => JSON.stringify(s);

function about(doc: DocumentInfo): string {
  if (doc.kind === 'full') return 'Every packed file, in path order.';
  if (doc.kind === 'section') return `The files of section ${doc.name ?? ''}, in path order.`;
  return `Part ${doc.name ?? ''} of the split text; a file too large for one part is cut at line boundaries into pieces.`;
}

/** One JSON document: `{"pack": {…}, "files": [{"path", "bytes", "content"}, …], "end": {…}}`. */
export const jsonStyle: StyleRenderer = {
  style: 'json',
  extension: 'json',
  open(doc) {
    const pack = {
      scope: doc.scope.key,
      title: doc.scope.title,
      ...(doc.name === undefined ? {} : { [doc.kind === 'part' ? 'part' : 'section']: doc.name }),
      about: `${about(doc)} path is relative to the packed root, bytes is the size on disk, content the text (UTF-8, line endings as LF).`,
    };
    return `{"pack": ${JSON.stringify(pack)},\n"files": [\n`;
  },
  fileHead(file) {
    const piece = file.piece ? `, "piece": ${q(describePiece(file.piece))}` : '';
    const name = file.label === undefined ? `"path": ${q(file.rootPath)}` : `"git": ${q(file.label)}`;
    return `${file.index > 0 ? ',' : ''}{${name}, "bytes": ${file.bytes}${piece},\n`;
  },
  unitOpen: () => '"content": "',
  escaper: () => ({ push: (text) => JSON.stringify(text).slice(1, -1), end: () => '' }),
  unitClose: () => '"}\n',
  close: (_doc, totals) => `],\n"end": {"files": ${totals.files}, "bytes": ${totals.bytes}}}\n`,
  variant: () => 'json',
};
