export { consumePack } from './consumePack.js';
export type { ConsumeOptions, ConsumeReceipt } from './consumePack.js';
export { loadManifest } from './loadManifest.js';
export type { LoadedManifest } from './loadManifest.js';
