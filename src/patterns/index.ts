export { compilePattern, compilePatterns } from './compilePattern.js';
export type { CompileOptions } from './compilePattern.js';
export { parseGitignore } from './parseGitignore.js';
export type { GitignoreRule } from './parseGitignore.js';
export type { PatternSource, PathTest } from './types.js';
