export { writeZip, ZIP_FILE_MODE } from './writeZip.js';
export type { ZipEntry, ZipOptions, ZipStats } from './writeZip.js';
export { listFilesUnder } from './listFilesUnder.js';
export { crc32 } from './crc32.js';
