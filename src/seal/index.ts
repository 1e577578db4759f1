export { SEAL_FORMAT, buildSeal, encodeSeal, parseSeal } from './sealFormat.js';
export type { Seal, SealedFile } from './sealFormat.js';
export { sealPackDir } from './sealPackDir.js';
export { compareToSeal } from './compareToSeal.js';
export type { SealProblem } from './compareToSeal.js';
