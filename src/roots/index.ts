export { ROOT_FILES, ROOT_SOURCE_NAMES, readRootFile, readRoots, inspectRootFile, parseRootList } from './readRootFile.js';
export type { InspectedRootFile } from './readRootFile.js';
export { addRoots, removeRoots, changeRootsLocked } from './updateRoots.js';
export type { UpdateRootsOptions } from './updateRoots.js';
export { withRootsLock, ROOTS_LOCK_NAME } from './withRootsLock.js';
export { withDirLock } from './withDirLock.js';
export type { DirLockOptions, LockRetryOptions } from './withDirLock.js';
export type { RootSourceName, RootFileState, RootsChange, LockHandle, LockTiming } from './types.js';
