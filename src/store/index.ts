export { checkStoreBinding } from './checkBinding.js';
export type { CheckBindingOptions, BindingState } from './checkBinding.js';
export { bindStore } from './bindStore.js';
export type { BindResult } from './bindStore.js';
export { checkLocations, isWithin } from './checkLocations.js';
export type { PackLocations } from './checkLocations.js';
export { prepareStore } from './prepareStore.js';
export { toolPaths, ensureToolDirIgnored } from './toolFiles.js';
export { STORE_BINDING_FILE, RUNS_BINDING_FILE, readStoreBinding, readRunsBinding } from './bindingFiles.js';
