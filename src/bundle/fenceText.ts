/**
 * Helpers that keep file text and paths from breaking the markdown around them: a code fence
 * longer than any backtick run inside, code spans for paths, and a visible form for paths that
 * hold control characters (a file name may contain a newline).
 */

const BACKTICK = 0x60;

/** Counts the longest run of backticks across chunks (a run may span a chunk boundary). */
export interface BacktickCounter {
  push(chunk: Uint8Array): void;
  readonly longest: number;
}

export function createBacktickCounter(): BacktickCounter {
  let run = 0;
  let longest = 0;
  return {
    push(chunk: Uint8Array): void {
      const buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      let pos = 0;
      while (pos < buf.length) {
        const i = buf.indexOf(BACKTICK, pos);
        if (i === -1) {
          run = 0;
          return;
        }
        if (i > pos) run = 0;
        let j = i;
        while (j < buf.length && buf[j] === BACKTICK) j++;
        run += j - i;
        if (run > longest) longest = run;
        pos = j;
      }
    },
    get longest() {
      return longest;
    },
  };
}

/** The longest run of backticks in `bytes` (a backtick is one byte in UTF-8, never part of another). */
export function longestBacktickRun(bytes: Uint8Array): number {
  const counter = createBacktickCounter();
  counter.push(bytes);
  return counter.longest;
}

/** A backtick fence one longer than the longest run inside, and never shorter than three. */
export function fenceFor(longestRun: number): string {
  return '`'.repeat(Math.max(3, longestRun + 1));
}

// C0 controls, DEL and the Unicode line/paragraph separators would break a line of markdown.
const CONTROL = /[\u0000-\u001f\u007f\u2028\u2029]/;

/** A path as one printable line: unchanged, or JSON-quoted when it holds a control character. */
export function displayPath(path: string): string {
  return CONTROL.test(path) ? JSON.stringify(path) : path;
}

/** `text` as an inline code span that no backtick inside can close early. */
export function codeSpan(text: string): string {
  const shown = displayPath(text);
  let longest = 0;
  for (const m of shown.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  const ticks = '`'.repeat(longest + 1);
  const pad = shown.startsWith('`') || shown.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${shown}${pad}${ticks}`;
}

/** The fence's info string: the file's extension when it is a plain word (`md`, `py`, `ts`). */
export function fenceLanguage(ext: string): string {
  const word = ext.startsWith('.') ? ext.slice(1) : ext;
  return /^[a-z0-9][a-z0-9_+-]*$/.test(word) ? word : '';
}
