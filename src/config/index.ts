export { STORE_LAYOUTS, resolveStoreLocations, detectDefaultScope, AGS_BUCKETS } from './storeLocations.js';
export { AGS_SCOPE_NAMES, BUILTIN_SCOPE_NAMES, isAgsScopeName } from './scopeNames.js';
export type { BuiltinScopeName } from './scopeNames.js';
export type { StoreLocations, StoreLocationOptions } from './storeLocations.js';
export {
  packerConfigSchema,
  scopeConfigSchema,
  limitsConfigSchema,
  CONFIG_FILE_NAME,
  isSafeRelPath,
} from './configSchema.js';
export type { PackerConfig, ScopeConfig, LimitsConfig } from './configSchema.js';
export { loadConfig, loadConfigFile, parseConfig } from './loadConfig.js';
export { findConfigFile } from './findConfigFile.js';
export { buildConfigJsonSchema } from './buildConfigJsonSchema.js';
export { initConfig, configTemplate, renderConfigTemplate, CONFIG_SCHEMA_REF } from './initConfig.js';
