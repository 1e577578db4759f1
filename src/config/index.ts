export { resolveStoreLocations, detectDefaultScope, AGS_BUCKETS, AGS_STORE_SCOPES } from './storeLocations.js';
export type { StoreLocations, StoreLocationOptions } from './storeLocations.js';
