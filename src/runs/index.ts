export { appendRun, listRuns, readLedger, recordSeal, ledgerSealRefs, runEntrySchema } from './ledger.js';
export { forgetRun } from './forgetRun.js';
export type { RunEntry } from './types.js';
export { LEDGER_FILE } from './types.js';
