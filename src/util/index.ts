export { PackerError, CorruptObjectError, InvalidReferenceError, ERROR_CODES, isPackerError, isErrno } from './errors.js';
export type { ErrorCode, PackerErrorOptions } from './errors.js';
export { canonicalJson, canonicalJsonBytes, prettyJson, encodeString } from './canonicalJson.js';
export type { JsonValue } from './canonicalJson.js';
export { compareCodePoints } from './compareCodePoints.js';
export { sha256Hex, isHash, HASH_PATTERN, EMPTY_HASH } from './sha256.js';
export { writeDurable, writeFileDurable, fsyncDir, tempPathFor, TEMP_SUFFIX_BYTES } from './writeDurable.js';
export { mapLimit } from './mapLimit.js';
export { openRegularFile, readRegularFile } from './readRegularFile.js';
