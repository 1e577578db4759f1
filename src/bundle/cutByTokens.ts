/**
 * Cuts one file's text into pieces whose blocks fit a token capacity: at line boundaries, and
 * inside a line only when that one line alone does not fit. Every character lands in exactly one
 * piece, in order; the same text and capacity always give the same pieces.
 */
import type { StyleRenderer } from './styleTypes.js';

/** Tokens a piece must have room for besides its frame (one character, escaped: XML writes a line separator as `]]>&#8232;<![CDATA[`). */
export const MIN_TEXT_TOKENS = 24;

export interface CutInput {
  renderer: StyleRenderer;
  count: (text: string) => number;
  rootPath: string;
  longestRun: number;
  /** The file's text (decoded, line endings as LF). */
  text: string;
  /** Most tokens one piece's unit (open, escaped text, close) may take. */
  capacity: number;
}

export interface TextPiece {
  text: string;
  firstLine: number;
  lastLine: number;
  /** Tokens of the piece's unit. */
  unitTokens: number;
}

function splitLines(text: string): string[] {
  const lines = text.split(/(?<=\n)/);
  return lines.length === 1 && lines[0] === '' ? [] : lines;
}

/** Tokens of the unit that holds `text`. */
export function unitTokens(input: Pick<CutInput, 'renderer' | 'count' | 'rootPath' | 'longestRun'>, text: string): number {
  const { renderer } = input;
  const unit = { rootPath: input.rootPath, longestRun: input.longestRun };
  const escaper = renderer.escaper();
  const body = escaper.push(text) + escaper.end();
  return input.count(renderer.unitOpen(unit) + body + renderer.unitClose(unit, text === '' || text.endsWith('\n')));
}

/** The longest prefix (in code points, at least one) of `line` whose unit fits. */
function fitChars(input: CutInput, line: string): number {
  const chars = [...line];
  let lo = 1;
  let hi = chars.length;
  if (unitTokens(input, chars[0]!) > input.capacity) throw new RangeError('capacity too small for one character');
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (unitTokens(input, chars.slice(0, mid).join('')) <= input.capacity) lo = mid;
    else hi = mid - 1;
  }
  return chars.slice(0, lo).join('').length;
}

/** How many of `lines[from…]` fit in one piece: estimated from per-line counts, then checked exactly. */
function fitLines(input: CutInput, lines: readonly string[], lineTokens: readonly number[], from: number): number {
  const frame = unitTokens(input, '');
  let n = 0;
  let sum = frame;
  while (from + n < lines.length && sum + lineTokens[from + n]! <= input.capacity) sum += lineTokens[from + n++]!;
  if (n === 0) n = 1;
  for (;;) {
    const exact = unitTokens(input, lines.slice(from, from + n).join(''));
    if (exact <= input.capacity) break;
    if (n === 1) return 0;
    n -= Math.max(1, Math.min(n - 1, Math.floor((exact - input.capacity) / 4)));
  }
  // Grow while the exact count allows (the estimate can be pessimistic).
  while (from + n < lines.length && unitTokens(input, lines.slice(from, from + n + 1).join('')) <= input.capacity) n += 1;
  return n;
}

export function cutByTokens(input: CutInput): TextPiece[] {
  if (input.capacity < unitTokens(input, '') + MIN_TEXT_TOKENS) throw new RangeError('capacity too small for any text');
  const lines = splitLines(input.text);
  const lineTokens = lines.map((l) => input.count(l));
  const pieces: TextPiece[] = [];
  let i = 0;
  let carry = ''; // the rest of a line that was cut inside
  while (i < lines.length) {
    if (carry !== '') {
      const take = unitTokens(input, carry) <= input.capacity ? carry.length : fitChars(input, carry);
      const text = carry.slice(0, take);
      carry = carry.slice(take);
      pieces.push({ text, firstLine: i + 1, lastLine: i + 1, unitTokens: unitTokens(input, text) });
      if (carry === '') i += 1;
      continue;
    }
    const n = fitLines(input, lines, lineTokens, i);
    if (n === 0) {
      carry = lines[i]!;
      continue;
    }
    const text = lines.slice(i, i + n).join('');
    pieces.push({ text, firstLine: i + 1, lastLine: i + n, unitTokens: unitTokens(input, text) });
    i += n;
  }
  return pieces;
}
