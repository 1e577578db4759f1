export { writeZip, zipFixedDate, ZIP_FILE_MODE } from './writeZip.js';
export type { ZipEntry, ZipStats } from './writeZip.js';
export { listFilesUnder } from './listFilesUnder.js';
