export { recordPackRun, defaultRecordPackRunDeps } from './recordPackRun.js';
export type { PackEntry, RecordPackRunInput, PackRunRecord, RecordPackRunDeps } from './recordPackRun.js';
export { packTaskSpec, packStatus, runSnapshotHash } from './packRunRecords.js';
export type { PackMode, RecordedScope } from './packRunRecords.js';
