export { fileExt } from './fileExt.js';
export { buildManifest, encodeManifest, MANIFEST_BUCKETS } from './buildManifest.js';
export type { ManifestInput } from './buildManifest.js';
export { parseManifest } from './parseManifest.js';
export type { ParseManifestOptions } from './parseManifest.js';
export { unsafePathReason } from './checkSafePath.js';
export { MANIFEST_VERSION } from './types.js';
export type { ManifestEntry, ManifestRepoState, PackManifest } from './types.js';
