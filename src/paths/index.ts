export { checkTreePaths } from './checkTreePaths.js';
export type { TreePathIssue } from './checkTreePaths.js';
export { pathProblem } from './pathProblem.js';
export { nameProblem } from './nameProblem.js';
export { isGitDirAlias } from './isGitDirAlias.js';
export { findPathClash } from './findPathClash.js';
export type { PathClash } from './findPathClash.js';
export { FS_NAME_MAX, MAX_NAME_BYTES, MAX_PATH_BYTES } from './limits.js';
