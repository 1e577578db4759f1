/**
 * Where text can be cut without changing its token count. Both encodings first split text with a
 * pre-tokenizer regex and then encode each piece on its own, so count(a + b) = count(a) + count(b)
 * whenever the pre-tokenizer ends a piece exactly between a and b, whichever side it reads.
 *
 * That holds when `a` ends with a line feed and `b` starts with a character that is neither
 * white space nor `/`: every pattern that can hold a line feed (`\s*[\r\n]+`, `\s+(?!\S)`, `\s+`,
 * `\s+$`, and punctuation followed by `[\r\n/]*`) stops before such a character, and no pattern
 * can start with a line feed and go on into one. Matching is left to right with no look-behind,
 * so the pieces after the cut are those of `b` alone. test/tokens proves it against whole-text
 * counts on hostile text. Pack renderers put every seam they count across at such a place.
 */

const NOT_AFTER_NEWLINE = /[\s/]/u;

/** Whether `count(left + right)` equals `count(left) + count(right)` by the rule above. */
export function isSafeSeam(left: string, right: string): boolean {
  if (left === '' || right === '') return true;
  return left.endsWith('\n') && !NOT_AFTER_NEWLINE.test(String.fromCodePoint(right.codePointAt(0)!));
}

/** The last index `p` with `0 < p <= end` where `text` can be cut safely, or -1. */
export function lastSafeCut(text: string, end: number): number {
  const from = Math.min(end - 1, text.length - 2);
  let i = from < 0 ? -1 : text.lastIndexOf('\n', from);
  while (i >= 0) {
    const next = text.codePointAt(i + 1);
    if (next !== undefined && !NOT_AFTER_NEWLINE.test(String.fromCodePoint(next))) return i + 1;
    i = i === 0 ? -1 : text.lastIndexOf('\n', i - 1);
  }
  return -1;
}
