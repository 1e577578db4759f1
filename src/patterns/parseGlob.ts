/**
 * Glob text (git's wildmatch with WM_PATHNAME: `*`, `?`, `[...]`, `**`, `\` escapes) to a
 * program of NFA steps. `**` is special only as a whole path component: `**\/` at the start and
 * `/**\/` inside match zero or more folders, `/**` at the end everything below; anywhere else it
 * is one `*`. Throws a plain Error with the reason; `compilePattern` adds where it came from.
 */
import type { Op } from './types.js';

const POSIX_CLASSES: Readonly<Record<string, (c: string) => boolean>> = {
  alnum: (c) => /^[A-Za-z0-9]$/u.test(c),
  alpha: (c) => /^[A-Za-z]$/u.test(c),
  blank: (c) => c === ' ' || c === '\t',
  cntrl: (c) => /^[\x00-\x1F\x7F]$/u.test(c),
  digit: (c) => /^[0-9]$/u.test(c),
  graph: (c) => /^[\x21-\x7E]$/u.test(c),
  lower: (c) => /^[a-z]$/u.test(c),
  print: (c) => /^[\x20-\x7E]$/u.test(c),
  punct: (c) => /^[!-/:-@[-`{-~]$/u.test(c),
  space: (c) => /^[ \t\n\v\f\r]$/u.test(c),
  upper: (c) => /^[A-Z]$/u.test(c),
  xdigit: (c) => /^[0-9A-Fa-f]$/u.test(c),
};

/** `[...]` starting at `chars[start]` (the `[`): the op and the index after `]`. */
function parseClass(chars: readonly string[], start: number): { op: Op; next: number } {
  let i = start + 1;
  const negated = chars[i] === '!' || chars[i] === '^';
  if (negated) i++;
  const tests: ((c: string) => boolean)[] = [];
  let first = true;
  while (i < chars.length && (chars[i] !== ']' || first)) {
    first = false;
    if (chars[i] === '[' && chars[i + 1] === ':') {
      const end = chars.indexOf(']', i + 2);
      const name = chars.slice(i + 2, end - 1).join('');
      const test = POSIX_CLASSES[name];
      if (end < 0 || chars[end - 1] !== ':' || test === undefined) throw new Error(`unknown character class [:${name}:]`);
      tests.push(test);
      i = end + 1;
      continue;
    }
    let lo = chars[i]!;
    if (lo === '\\') lo = chars[++i] ?? '\\';
    i++;
    if (chars[i] === '-' && chars[i + 1] !== undefined && chars[i + 1] !== ']') {
      let hi = chars[i + 1]!;
      i += 2;
      if (hi === '\\') hi = chars[i++] ?? '\\';
      const [a, b] = [lo.codePointAt(0)!, hi.codePointAt(0)!];
      tests.push((c) => c.codePointAt(0)! >= a && c.codePointAt(0)! <= b);
    } else {
      const only = lo;
      tests.push((c) => c === only);
    }
  }
  if (i >= chars.length) throw new Error('unclosed [');
  const source = chars.slice(start, i + 1).join('');
  return { op: { t: 'cls', test: (c) => c !== '/' && tests.some((t) => t(c)) !== negated, source }, next: i + 1 };
}

/** Steps for `**` at `i` when it is a whole component, else undefined. */
function globstar(chars: readonly string[], i: number, ops: Op[]): number | undefined {
  const atStart = i === 0 || chars[i - 1] === '/';
  const after = chars[i + 2];
  if (!atStart || (after !== undefined && after !== '/')) return undefined;
  if (after === undefined) {
    ops.push({ t: 'dstar' });
    return i + 2;
  }
  // `**/`: zero or more folders, each ending in `/`.
  const split = ops.length;
  ops.push({ t: 'split', alt: -1 }, { t: 'dstar' }, { t: 'chr', c: '/' });
  ops[split] = { t: 'split', alt: ops.length };
  return i + 3;
}

export function parseGlob(pattern: string): Op[] {
  const chars = Array.from(pattern);
  const ops: Op[] = [];
  let i = 0;
  while (i < chars.length) {
    const c = chars[i]!;
    if (c === '\\') {
      if (i + 1 >= chars.length) throw new Error('a trailing backslash escapes nothing');
      ops.push({ t: 'chr', c: chars[i + 1]! });
      i += 2;
    } else if (c === '*') {
      if (chars[i + 1] === '*') {
        const next = globstar(chars, i, ops);
        if (next !== undefined) {
          i = next;
          continue;
        }
      }
      while (chars[i] === '*') i++;
      ops.push({ t: 'star' });
    } else if (c === '?') {
      ops.push({ t: 'any' });
      i++;
    } else if (c === '[') {
      const { op, next } = parseClass(chars, i);
      ops.push(op);
      i = next;
    } else {
      ops.push({ t: 'chr', c });
      i++;
    }
  }
  return ops;
}
