/**
 * The one door for every user-supplied pattern (.gitignore lines, config include/exclude globs,
 * command-line include/ignore): `compilePattern` turns it into a path test that cannot run away.
 * A match costs at most (path length) × (pattern length) steps, with no backtracking; a pattern
 * longer than MAX_PATTERN_CHARS, or whose `{…}` alternatives expand past MAX_BRACE_EXPANSIONS, is
 * refused with PATTERN_INVALID naming the pattern and where it came from.
 */
import { expandBraces } from './expandBraces.js';
import { matchProgram } from './matchProgram.js';
import { parseGlob } from './parseGlob.js';
import { patternError } from './patternError.js';
import type { PathTest, PatternSource } from './types.js';

/** The longest pattern taken (git has no limit; no real pattern comes near it). */
const MAX_PATTERN_CHARS = 4096;

/** The most globs one `{…}` pattern may stand for. */
const MAX_BRACE_EXPANSIONS = 256;

const EXTGLOB = /(^|[^\\])[@!+*?]\(/u;

export interface CompileOptions {
  /**
   * `gitignore`: git's wildmatch, as in a `.gitignore` line body (already without `!`, a leading
   * or trailing `/`); a pattern git could never match (an unclosed `[`) matches nothing, as in git.
   * `glob` (default): whole-path globs with `{a,b}` alternatives and a leading `!` for "not";
   * anything malformed is refused.
   */
  flavor?: 'gitignore' | 'glob';
}

function never(): boolean {
  return false;
}

function compileGitignore(pattern: string): PathTest {
  try {
    return matchProgram(parseGlob(pattern));
  } catch {
    return never;
  }
}

function compileGlob(pattern: string, source: PatternSource): PathTest {
  const negated = pattern.startsWith('!');
  const body = (negated ? pattern.slice(1) : pattern).replace(/^(\.\/)+/u, '');
  if (EXTGLOB.test(body)) throw patternError(pattern, source, 'extended globs like @(…), +(…), !(…) are not supported');
  let tests: PathTest[];
  try {
    tests = expandBraces(body, MAX_BRACE_EXPANSIONS).map((glob) => matchProgram(parseGlob(glob)));
  } catch (err) {
    throw patternError(pattern, source, (err as Error).message);
  }
  const test: PathTest = tests.length === 1 ? tests[0]! : (path) => tests.some((t) => t(path));
  return negated ? (path) => !test(path) : test;
}

export function compilePattern(pattern: string, source: PatternSource, options: CompileOptions = {}): PathTest {
  if (pattern.length > MAX_PATTERN_CHARS) {
    throw patternError(pattern, source, `longer than ${MAX_PATTERN_CHARS} characters (${pattern.length})`);
  }
  return options.flavor === 'gitignore' ? compileGitignore(pattern) : compileGlob(pattern, source);
}

/** One test for a list of globs: true when any matches (false for an empty list). */
export function compilePatterns(patterns: readonly string[], source: PatternSource): PathTest {
  const tests = patterns.map((p) => compilePattern(p, source));
  return (path) => tests.some((t) => t(path));
}
