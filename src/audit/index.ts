export { rootAudit, describeFinding, AUDIT_EMPTY_ROOTS_ERROR } from './rootAudit.js';
export { storeSnapshot, storeSnapshotHash } from './storeSnapshotHash.js';
export type { AuditReceipt, AuditRootSource, RootAuditOptions } from './types.js';
