export { verifyPack } from './verifyPack.js';
export type { VerifyCheck, VerifyReport, VerifyOptions } from './types.js';
