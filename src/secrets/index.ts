export { scanFiles } from './scanFiles.js';
export type { ScanFilesInput, ScanResult, ScanTarget } from './scanFiles.js';
export { scanText } from './scanText.js';
export { secretFingerprint } from './secretFingerprint.js';
export type { SecretFinding, SecretMode } from './types.js';
