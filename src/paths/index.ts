export { checkTreePaths, unportablePaths } from './checkTreePaths.js';
export type { TreePathIssue, TreePathOptions } from './checkTreePaths.js';
export { pathProblem, unsafePathProblem, unportablePathProblem } from './pathProblem.js';
export { nameProblem, unsafeNameProblem, unportableNameProblem } from './nameProblem.js';
export { isGitDirAlias } from './isGitDirAlias.js';
export { findPathClash, findTwins, foldName } from './findPathClash.js';
export type { PathClash } from './findPathClash.js';
export { FS_NAME_MAX, MAX_NAME_BYTES, MAX_PATH_BYTES } from './limits.js';
