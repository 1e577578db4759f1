export { openCas } from './openCas.js';
export type { OpenCasOptions } from './openCas.js';
export { objectPath, objectRelPath, assertHash } from './objectPath.js';
export { hashFile } from './hashFile.js';
export { readChunks, CHUNK_BYTES } from './readChunks.js';
export { scanStore } from './listObjects.js';
export type { Cas, PutResult, ObjectInfo, FsckReport } from './types.js';
