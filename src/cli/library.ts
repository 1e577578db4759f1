/**
 * What the commands call, loaded on demand through ./lib.ts: the public API, and the internals
 * only the CLI needs (by their module paths; they are not part of the package's API).
 */
export * from '../index.js';
export { formatRef, parseHashInput, parseRef } from '../artifacts/parseRef.js';
export { materialize } from '../artifacts/artifactStore.js';
export { initConfig } from '../config/initConfig.js';
export { loadConfig } from '../config/loadConfig.js';
export { serveMcpStdio } from '../mcp/serveMcpStdio.js';
export { recoverPublish } from '../packdir/publishPack.js';
export { readStoreLocator } from '../packdir/storeLocator.js';
export { parseRemoteUrl } from '../remote/parseRemoteUrl.js';
export { pullPack } from '../remote/pullPack.js';
export { readRemoteLedger } from '../remote/remoteLedger.js';
export { remoteAudit } from '../remote/remoteAudit.js';
export { runRemoteGc } from '../remote/remoteGc.js';
export { downloadObjects, uploadObjects } from '../remote/transferObjects.js';
export { readRootFile } from '../roots/readRootFile.js';
export { formatRunLine, toRunSummary } from '../runs/runSummary.js';
export { bindStore } from '../store/bindStore.js';
export { prettyJson } from '../util/canonicalJson.js';
export { isErrno } from '../util/errors.js';
export { requireDir } from '../util/requireDir.js';
export { isHash } from '../util/sha256.js';
