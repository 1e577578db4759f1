export { runGc, GC_LOCK_NAME, DEFAULT_GRACE_MS, GC_EMPTY_ROOTS_ERROR } from './runGc.js';
export { sweepCandidates, GRACE_REASON, VANISHED_REASON } from './sweepCandidates.js';
export type { GcReport, GcOptions, GcProgress } from './types.js';
