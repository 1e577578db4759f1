import { isUtf8 } from 'node:buffer';
import { fileExt } from '../manifest/index.js';
import { codeSpan, fenceFor, fenceLanguage, longestBacktickRun } from './fenceText.js';
import { decodeText } from './normalizeText.js';
import { plural } from './plural.js';

interface FileBlockHead {
  rootPath: string;
  bytes: number;
  /** Longest backtick run in the file's bytes. */
  longestRun: number;
}

/** The heading and the opening fence of one file's block; the text follows, then `renderBlockClose`. */
function renderBlockOpen(head: FileBlockHead): { text: string; fence: string } {
  const fence = fenceFor(head.longestRun);
  const lang = fenceLanguage(fileExt(head.rootPath));
  return { text: `## ${codeSpan(head.rootPath)} (${plural(head.bytes, 'byte')})\n\n${fence}${lang}\n`, fence };
}

/** Closes a block; `endsWithNewline` says whether the text already ended its last line. */
function renderBlockClose(fence: string, endsWithNewline: boolean): string {
  return `${endsWithNewline ? '' : '\n'}${fence}\n\n`;
}

/** One whole block for a file held in memory: heading with path and size, then its fenced text. */
export function renderFileBlock(file: { rootPath: string; bytes: Uint8Array }): string {
  const text = decodeText(file.bytes);
  const open = renderBlockOpen({ rootPath: file.rootPath, bytes: file.bytes.length, longestRun: longestBacktickRun(file.bytes) });
  return open.text + text + renderBlockClose(open.fence, text === '' || text.endsWith('\n'));
}

/**
 * `renderFileBlock` as bytes, in three parts (heading, text, closing fence). A file that is valid
 * UTF-8 without a CR is its own text, so its bytes are used as they are: no decode, no re-encode.
 */
export function renderFileBlockParts(file: { rootPath: string; bytes: Buffer }): Buffer[] {
  const { bytes } = file;
  const open = renderBlockOpen({ rootPath: file.rootPath, bytes: bytes.length, longestRun: longestBacktickRun(bytes) });
  const body = bytes.indexOf(0x0d) === -1 && isUtf8(bytes) ? bytes : Buffer.from(decodeText(bytes), 'utf8');
  const endsWithNewline = body.length === 0 || body[body.length - 1] === 0x0a;
  return [Buffer.from(open.text, 'utf8'), body, Buffer.from(renderBlockClose(open.fence, endsWithNewline), 'utf8')];
}
