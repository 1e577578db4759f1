export { recordPackRun } from './recordPackRun.js';
export type { PackEntry, RecordPackRunInput, PackRunRecord, RecordPackRunDeps } from './recordPackRun.js';
export { packTaskSpec, packStatus, runSnapshotHash } from './packRunRecords.js';
export type { RecordedScope } from './packRunRecords.js';
export { encodeRunRefs, parseRunRefs } from './runRefs.js';
export type { RunRefs } from './runRefs.js';
