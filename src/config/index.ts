export { STORE_LAYOUTS, TOOL_DIR_NAME, resolveStoreLocations, detectDefaultScope, isAgsCheckout, AGS_BUCKETS } from './storeLocations.js';
export { AGS_SCOPE_NAMES, BUILTIN_SCOPE_NAMES, isAgsScopeName } from './scopeNames.js';
export type { BuiltinScopeName } from './scopeNames.js';
export type { StoreLocations, StoreLocationOptions } from './storeLocations.js';
export {
  packerConfigSchema,
  scopeConfigSchema,
  limitsConfigSchema,
  outputConfigSchema,
  CONFIG_FILE_NAME,
  isSafeRelPath,
} from './configSchema.js';
export type { PackerConfig, ScopeConfig, LimitsConfig, OutputConfig } from './configSchema.js';
export { loadConfig, loadConfigFile, parseConfig } from './loadConfig.js';
export { findConfigFile } from './findConfigFile.js';
export { buildConfigJsonSchema } from './buildConfigJsonSchema.js';
export { initConfig, configTemplate, renderConfigTemplate, CONFIG_SCHEMA_REF } from './initConfig.js';
