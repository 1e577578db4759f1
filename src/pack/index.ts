export { runPack, defaultPackDeps } from './runPack.js';
export type { RunPackOptions, PackSummary, PackProgress, PackStage, PackDeps, CollectFilesInput } from './types.js';
export { planPack } from './planPack.js';
export type { PackPlan } from './planPack.js';
export { screenFiles } from './screenFiles.js';
export type { ScreenInput, Screened } from './screenFiles.js';
export { mapOrdered } from './mapOrdered.js';
export { sniffTextPrefix, createTextCheck, SNIFF_BYTES } from './sniffText.js';
export type { TextCheck } from './sniffText.js';
