import { compilePattern } from './compilePattern.js';
import type { PathTest } from './types.js';

/** One pattern line of an ignore file, compiled. */
export interface GitignoreRule {
  /** `!pattern`: a match re-includes. */
  negate: boolean;
  /** `pattern/`: matches folders only. */
  dirOnly: boolean;
  /** No `/` in the pattern: it is matched against the last component, at any depth. */
  basename: boolean;
  /** Tests a path relative to the ignore file's folder (or, for `basename`, a name). */
  test: PathTest;
  /** 1-based line in the file. */
  line: number;
  /** The line as written (trailing spaces trimmed), to name the rule in a reason. */
  pattern: string;
}

/** Trailing spaces go unless escaped with a backslash (git's `trim_trailing_spaces`). */
function trimTrailingSpaces(line: string): string {
  let end = line.length;
  while (end > 0 && line[end - 1] === ' ') {
    let slashes = 0;
    while (end - 2 - slashes >= 0 && line[end - 2 - slashes] === '\\') slashes++;
    if (slashes % 2 === 1) break;
    end--;
  }
  return line.slice(0, end);
}

function parseLine(raw: string, lineNo: number, file: string): GitignoreRule | undefined {
  const line = trimTrailingSpaces(raw.endsWith('\r') ? raw.slice(0, -1) : raw);
  if (line === '' || line.startsWith('#')) return undefined;
  const negate = line.startsWith('!');
  let pattern = negate ? line.slice(1) : line;
  const dirOnly = pattern.endsWith('/') && !pattern.endsWith('\\/');
  if (dirOnly) pattern = pattern.slice(0, -1);
  const basename = !pattern.includes('/');
  if (pattern.startsWith('/')) pattern = pattern.slice(1);
  if (pattern === '') return undefined;
  const test = compilePattern(pattern, { file, line: lineNo }, { flavor: 'gitignore' });
  return { negate, dirOnly, basename, test, line: lineNo, pattern: line };
}

/**
 * The rules of one ignore file (`.gitignore`, `info/exclude`, the global excludes file) as git
 * reads them: a leading BOM skipped, CRLF taken as LF, blank lines and `#` comments skipped, `\`
 * escapes, `!` negation, a trailing `/` for folders only, a `/` anywhere else anchoring the
 * pattern to the file's folder. `file` names the file in errors.
 */
export function parseGitignore(text: string, file: string): GitignoreRule[] {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const rules: GitignoreRule[] = [];
  body.split('\n').forEach((raw, i) => {
    const rule = parseLine(raw, i + 1, file);
    if (rule) rules.push(rule);
  });
  return rules;
}
