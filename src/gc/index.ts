export { GC_LOCK_NAME } from '../roots/index.js';
export { runGc, DEFAULT_GRACE_MS, GC_EMPTY_ROOTS_ERROR } from './runGc.js';
export { sweepCandidates, GRACE_REASON, VANISHED_REASON } from './sweepCandidates.js';
export type { GcReport, GcOptions, GcProgress } from './types.js';
