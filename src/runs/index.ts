export { appendRun, listRuns, readLedger, recordSeal, ledgerPackDirs, ledgerSealRefs, runEntrySchema } from './ledger.js';
export { forgetRun } from './forgetRun.js';
export type { RunEntry } from './types.js';
export { LEDGER_FILE } from './types.js';
export { toRunSummary, formatRunLine } from './runSummary.js';
export type { RunSummary } from './runSummary.js';
