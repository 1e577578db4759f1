export { collectFiles } from './collectFiles.js';
export type { CollectFilesOptions } from './collectFiles.js';
export { gitEnv, readRepoState } from './readRepoState.js';
export type { RepoStateDeps } from './readRepoState.js';
export { isTextContent } from './isTextContent.js';
export type { WalkDeps } from './walkDeps.js';
export type { SourceFile, Selection, RepoState } from './types.js';
export { readGitContext } from './readGitContext.js';
export type { GitContext, GitCommit, GitContextOptions } from './readGitContext.js';
