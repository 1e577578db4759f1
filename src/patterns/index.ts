export { compilePattern, compilePatterns, MAX_PATTERN_CHARS, MAX_BRACE_EXPANSIONS } from './compilePattern.js';
export type { CompileOptions } from './compilePattern.js';
export { parseGitignore } from './parseGitignore.js';
export type { GitignoreRule } from './parseGitignore.js';
export { describeSource } from './patternError.js';
export type { PatternSource, PathTest } from './types.js';
