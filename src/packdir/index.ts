export { PACK_MODES, PACK_FOLDERS, LITE_FILES, SEAL_FILE, STORE_LOCATOR_FILE, STAMP_PATTERN, packPaths, defaultPackName, packDirOfPath } from './packLayout.js';
export type { PackMode } from './packLayout.js';
export {
  PENDING_ZIP,
  backupPathFor,
  recoverPublish,
  recoverBackup,
  listPublishLeftovers,
  createStaging,
  publishPack,
  removeStaged,
  removeStagedOnAbort,
} from './publishPack.js';
export { readStoreLocator, writeStoreLocator } from './storeLocator.js';
export type { StoreLocation } from './storeLocator.js';
