export {
  putTaskSpec,
  putOutputHashes,
  putStatus,
  loadTaskSpec,
  loadOutputHashes,
  loadStatus,
} from './runRecords.js';
export type { TaskSpec, RunStatus, PackStatus, JsonObject } from './types.js';
