import { fileExt } from '../manifest/index.js';
import { codeSpan, fenceFor, fenceLanguage, longestBacktickRun } from './fenceText.js';
import { decodeText } from './normalizeText.js';
import { plural } from './plural.js';

export interface FileBlockHead {
  rootPath: string;
  bytes: number;
  /** Longest backtick run in the file's bytes. */
  longestRun: number;
}

/** The heading and the opening fence of one file's block; the text follows, then `renderBlockClose`. */
export function renderBlockOpen(head: FileBlockHead): { text: string; fence: string } {
  const fence = fenceFor(head.longestRun);
  const lang = fenceLanguage(fileExt(head.rootPath));
  return { text: `## ${codeSpan(head.rootPath)} (${plural(head.bytes, 'byte')})\n\n${fence}${lang}\n`, fence };
}

/** Closes a block; `endsWithNewline` says whether the text already ended its last line. */
export function renderBlockClose(fence: string, endsWithNewline: boolean): string {
  return `${endsWithNewline ? '' : '\n'}${fence}\n\n`;
}

/** One whole block for a file held in memory: heading with path and size, then its fenced text. */
export function renderFileBlock(file: { rootPath: string; bytes: Uint8Array }): string {
  const text = decodeText(file.bytes);
  const open = renderBlockOpen({ rootPath: file.rootPath, bytes: file.bytes.length, longestRun: longestBacktickRun(file.bytes) });
  return open.text + text + renderBlockClose(open.fence, text === '' || text.endsWith('\n'));
}
