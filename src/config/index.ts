export { resolveStoreLocations, detectDefaultScope, AGS_BUCKETS, AGS_STORE_SCOPES } from './storeLocations.js';
export type { StoreLocations, StoreLocationOptions } from './storeLocations.js';
export {
  packerConfigSchema,
  scopeConfigSchema,
  limitsConfigSchema,
  CONFIG_FILE_NAME,
  RESERVED_SCOPE_NAMES,
  isSafeRelPath,
} from './configSchema.js';
export type { PackerConfig, ScopeConfig, LimitsConfig } from './configSchema.js';
export { loadConfig, loadConfigFile, parseConfig } from './loadConfig.js';
export { findConfigFile } from './findConfigFile.js';
export { buildConfigJsonSchema } from './buildConfigJsonSchema.js';
