export { resolveStoreLocations, detectDefaultScope, AGS_BUCKETS, AGS_STORE_SCOPES } from './storeLocations.js';
export type { StoreLocations, StoreLocationOptions } from './storeLocations.js';
export {
  packerConfigSchema,
  scopeConfigSchema,
  limitsConfigSchema,
  outputConfigSchema,
  CONFIG_FILE_NAME,
  RESERVED_SCOPE_NAMES,
  isSafeRelPath,
} from './configSchema.js';
export type { PackerConfig, ScopeConfig, LimitsConfig, OutputConfig } from './configSchema.js';
export { loadConfig, parseConfig } from './loadConfig.js';
export { buildConfigJsonSchema } from './buildConfigJsonSchema.js';
