import type { Scope } from '../scopes/index.js';
import { codeSpan } from './fenceText.js';
import { describePiece } from './markdownStyle.js';
import { plural } from './plural.js';
import type { SplitSection } from './types.js';

/** Top of one SPLIT section file. */
export function renderSectionHeader(scope: Pick<Scope, 'title'>, section: string): string {
  return [
    `# ${scope.title}: section ${section}`,
    '',
    `The files of section ${codeSpan(section)}, in path order, each under a heading with its path and size.`,
    `The index beside this file lists every section.`,
    '',
    '',
  ].join('\n');
}

/** SPLIT's index: every section file with its totals and the paths it holds. */
export function renderSplitIndex(scope: Scope, sections: readonly SplitSection[], kind: 'section' | 'part' = 'section'): string {
  const lines = [
    `# ${scope.title}: split index`,
    '',
    ...(kind === 'section'
      ? ['The full text cut into sections, one file per section. Each section file holds its files in path',
         'order; the list below says which file holds which paths.']
      : ['The full text cut into numbered parts of at most a given number of tokens. Each part holds files',
         'in path order; a file too large for one part is cut at line boundaries into marked pieces. The',
         'list below says which part holds which paths.']),
    '',
  ];
  if (sections.length === 0) lines.push(`This pack has no text files, so there are no ${kind}s.`, '');
  for (const s of sections) {
    const totals = `${plural(s.files.length, 'file')}, ${plural(s.bytes, 'byte')}, ${plural(s.tokens, 'token')}`;
    lines.push(`- ${codeSpan(s.fileName)}: ${kind === 'part' ? `part ${s.name}` : s.name}, ${totals}`);
  }
  for (const s of sections) {
    lines.push('', `## ${kind === 'part' ? `Part ${s.name}` : s.name}`, '', `In ${codeSpan(s.fileName)}:`, '');
    let cut = 0;
    for (const f of s.files) {
      const piece = s.pieces?.[cut]?.rootPath === f.rootPath ? s.pieces[cut++]!.piece : undefined;
      lines.push(`- ${codeSpan(f.rootPath)} (${plural(f.bytes, 'byte')}${piece ? `; ${describePiece(piece)}` : ''})`);
    }
  }
  return `${lines.join('\n')}\n`;
}
