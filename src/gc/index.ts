export { GC_LOCK_NAME } from '../roots/index.js';
export { runGc, GC_EMPTY_ROOTS_ERROR } from './runGc.js';
export { sweepCandidates } from './sweepCandidates.js';
export type { GcReport, GcOptions, GcProgress } from './types.js';
