export { parseRef, parseRecordRef, parseHashInput, formatRef, isPayloadRef, REF_PREFIX, PAYLOAD_REF_PATTERN } from './parseRef.js';
export { storeBytes, storeFile, loadBytes, materialize } from './artifactStore.js';
