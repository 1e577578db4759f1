import type { Scope } from '../scopes/index.js';
import { codeSpan } from './fenceText.js';
import { estimateTokens } from './normalizeText.js';
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
export function renderSplitIndex(scope: Scope, sections: readonly SplitSection[]): string {
  const lines = [
    `# ${scope.title}: split index`,
    '',
    'The full text cut into sections, one file per section. Each section file holds its files in path',
    'order; the list below says which file holds which paths.',
    '',
  ];
  if (sections.length === 0) lines.push('This pack has no text files, so there are no sections.', '');
  for (const s of sections) {
    const totals = `${plural(s.files.length, 'file')}, ${plural(s.bytes, 'byte')} (~${estimateTokens(s.bytes)} tokens)`;
    lines.push(`- ${codeSpan(s.fileName)}: ${s.name}, ${totals}`);
  }
  for (const s of sections) {
    lines.push('', `## ${s.name}`, '', `In ${codeSpan(s.fileName)}:`, '');
    for (const f of s.files) lines.push(`- ${codeSpan(f.rootPath)} (${plural(f.bytes, 'byte')})`);
  }
  return `${lines.join('\n')}\n`;
}
