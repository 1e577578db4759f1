/** Pieces of README.md that tests run or check, so the README cannot drift from the code. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PACKAGE_DIR } from './npmPack.js';

export async function readReadme(): Promise<string> {
  return readFile(join(PACKAGE_DIR, 'README.md'), 'utf8');
}

/** The text of the `## heading` section, up to the next `## ` heading. */
export function readmeSection(readme: string, heading: string): string {
  const start = readme.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`README.md has no "## ${heading}" section`);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

/** The first fenced code block of `lang` in `text`. */
export function codeBlock(text: string, lang: string): string {
  const match = new RegExp('```' + lang + '\\n([\\s\\S]*?)\\n```').exec(text);
  if (!match?.[1]) throw new Error(`no \`\`\`${lang} block`);
  return `${match[1]}\n`;
}
